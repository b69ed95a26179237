import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';

/**
 * The fixed taxonomy of contributing factors. Each post-mortem picks one or more categories and explains each in
 * free text; counting the categories across post-mortems shows trends (see the retrospectives).
 *
 * The list follows the outage triggers and root-cause categories Google reports from its postmortem analysis
 * (The Site Reliability Workbook, chapter "Postmortem Culture: Learning from Failure" / "Postmortem analysis",
 * https://sre.google/workbook/postmortem-analysis/: triggers binary push, configuration push, user behaviour change,
 * processing pipeline, service provider change, performance decay, capacity management, hardware; root causes
 * software, development process failure, complex system behaviour, deployment planning, network failure). Those
 * are merged into fewer categories so that each post-mortem can be tagged without debate, and three are added that
 * the same practice treats as first-class findings: detection (monitoring gap), communication and security.
 *
 * There is deliberately no "human error" category. A blameless post-mortem (Google SRE book, chapter 15
 * "Postmortem Culture") names the condition that let an action cause harm — a missing guard, an unclear process,
 * a hand-off that lost information — so those conditions are the categories.
 *
 * Adding a category is an additive change; renaming or removing one breaks stored post-mortems and the trend
 * lines, so it needs a data migration.
 */
export const CONTRIBUTING_FACTOR_CATEGORIES = [
  {
    id: 'code_change',
    label: 'Code change',
    description: 'A new build or deploy introduced the fault (the Workbook\'s "binary push").',
  },
  {
    id: 'configuration_change',
    label: 'Configuration change',
    description:
      'A configuration, feature flag or infrastructure-as-code change (the Workbook\'s "configuration push").',
  },
  {
    id: 'latent_defect',
    label: 'Latent defect',
    description: 'A fault present for some time that a new condition exposed (software, complex system behaviour).',
  },
  {
    id: 'capacity',
    label: 'Capacity and load',
    description: 'Traffic or data growth, a change in user behaviour, performance decay, exhausted pools or quotas.',
  },
  {
    id: 'dependency_failure',
    label: 'Dependency failure',
    description: 'An upstream service, third-party provider or managed service failed or changed its behaviour.',
  },
  {
    id: 'infrastructure',
    label: 'Infrastructure',
    description: 'Hardware, network, hosts, storage or a cloud zone failed.',
  },
  {
    id: 'data',
    label: 'Data',
    description: 'Bad or corrupt data, a processing pipeline, a migration or a schema change.',
  },
  {
    id: 'monitoring_gap',
    label: 'Monitoring gap',
    description: 'Missing, noisy or misrouted alerts; the problem was detected late or by people instead of alerts.',
  },
  {
    id: 'process',
    label: 'Process',
    description: 'A missing or unclear procedure, review, test, rollout plan or runbook ("deployment planning").',
  },
  {
    id: 'communication',
    label: 'Communication and coordination',
    description: 'Hand-offs, escalation, unclear ownership, information that did not reach who needed it.',
  },
  {
    id: 'security',
    label: 'Security',
    description: 'An attack, abuse, a leaked credential or an exploited vulnerability.',
  },
  {
    id: 'unknown',
    label: 'Unknown',
    description: 'Not understood yet; the post-mortem should be revisited when it is.',
  },
] as const satisfies readonly { id: string; label: string; description: string }[];

export type ContributingFactorCategory = (typeof CONTRIBUTING_FACTOR_CATEGORIES)[number]['id'];

export const CONTRIBUTING_FACTOR_CATEGORY_IDS: readonly ContributingFactorCategory[] =
  CONTRIBUTING_FACTOR_CATEGORIES.map((c) => c.id);

/** One contributing factor: a category of the taxonomy and what happened, in the authors' words. */
export interface ContributingFactor {
  category: ContributingFactorCategory;
  description: string;
}

export function isContributingFactorCategory(value: string): value is ContributingFactorCategory {
  return (CONTRIBUTING_FACTOR_CATEGORY_IDS as readonly string[]).includes(value);
}

export function contributingFactorLabel(category: ContributingFactorCategory): string {
  return CONTRIBUTING_FACTOR_CATEGORIES.find((c) => c.id === category)?.label ?? category;
}

const DESCRIPTION_MAX = 2000;

/** Validates a factor typed by a person: a category of the taxonomy and at most 2000 characters of text. */
export function validateContributingFactor(input: {
  category: string;
  description?: string | null;
}): ContributingFactor {
  if (!isContributingFactorCategory(input.category)) {
    throw new PostMortemException(
      PostMortemErrorCode.INVALID_POST_MORTEM_INPUT,
      `contributing factor category must be one of ${CONTRIBUTING_FACTOR_CATEGORY_IDS.join(', ')}, got "${input.category}"`,
    );
  }
  const description = (input.description ?? '').trim();
  if (description.length > DESCRIPTION_MAX) {
    throw new PostMortemException(
      PostMortemErrorCode.INVALID_POST_MORTEM_INPUT,
      `contributing factor description must have at most ${DESCRIPTION_MAX} characters, got ${description.length}`,
    );
  }
  return { category: input.category, description };
}
