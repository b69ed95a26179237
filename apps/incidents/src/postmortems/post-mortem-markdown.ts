import { SEVERITY_DEFINITIONS } from '@keel/contracts';
import { contributingFactorLabel } from './contributing-factors';
import { humanizeDuration } from './durations';
import { inlineText, listItem, prose, table, tableCell } from './markdown-text';
import type {
  ActionItem,
  ActionItemStatus,
  ActionItemType,
  PostMortem,
  PostMortemStatus,
  RecommendationPriority,
  ResolutionOutcome,
} from './post-mortem.types';

export interface MarkdownOptions {
  /** How to show a user id (e.g. their display name); the id itself by default. */
  displayName?: (userId: string) => string;
}

const STATUS_LABEL: Record<PostMortemStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
};
const ITEM_TYPE_LABEL: Record<ActionItemType, string> = {
  prevent: 'Prevent',
  mitigate: 'Mitigate',
  detect: 'Detect',
  process: 'Process',
};
const ITEM_STATUS_LABEL: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: "Won't do",
};
const OUTCOME_LABEL: Record<ResolutionOutcome, string> = {
  effective: 'Effective',
  partially_effective: 'Partially effective',
  not_effective: 'Not effective',
  unknown: 'Unknown',
};
const PRIORITY_LABEL: Record<RecommendationPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

const NONE = '_None recorded._';
const NOT_WRITTEN = '_Not written yet._';

/** An instant in UTC ISO 8601 to the second: 2026-07-01T09:58:00Z. */
export function utcIso(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

function duration(ms: number | null): string {
  return ms === null ? 'not recorded' : humanizeDuration(ms);
}

function section(title: string, ...blocks: string[]): string {
  return [`## ${title}`, ...blocks].join('\n\n');
}

function subsection(title: string, ...blocks: string[]): string {
  return [`### ${title}`, ...blocks].join('\n\n');
}

function proseOr(text: string): string {
  return text.trim() === '' ? NOT_WRITTEN : prose(text, 2);
}

function bullets(items: readonly string[]): string {
  const kept = items.filter((item) => item.trim() !== '');
  return kept.length === 0 ? NONE : kept.map(listItem).join('\n');
}

function actionItemRow(item: ActionItem, name: (id: string) => string): string[] {
  const status =
    item.statusReason !== null && item.status === 'wont_do'
      ? `${ITEM_STATUS_LABEL[item.status]}: ${tableCell(item.statusReason)}`
      : ITEM_STATUS_LABEL[item.status];
  return [
    ITEM_TYPE_LABEL[item.type],
    tableCell(item.title),
    item.ownerId === null ? 'Unassigned' : tableCell(name(item.ownerId)),
    item.dueDate ?? '—',
    status,
    item.required ? 'Yes' : 'No',
  ];
}

/**
 * The post-mortem as a Markdown document: metadata, summary, impact with durations, a timeline table in UTC,
 * linked alerts, root cause with contributing factors, resolution, the blameless lessons and prevention with its
 * action items. Prose sections are the authors' Markdown (headings nested under their section); every other
 * piece of text is escaped so it cannot break the tables or the outline.
 */
export function toMarkdown(postMortem: PostMortem, options: MarkdownOptions = {}): string {
  const name = options.displayName ?? ((id: string) => id);
  const { incident, rootCause, resolution, prevention, lessons } = postMortem;
  const { impact } = incident;
  const people = (ids: readonly string[]) =>
    ids.length === 0 ? 'none yet' : ids.map((id) => inlineText(name(id))).join(', ');

  const status =
    postMortem.status === 'published' && postMortem.publishedAt !== null
      ? `Published ${utcIso(postMortem.publishedAt)}`
      : STATUS_LABEL[postMortem.status];
  const header = [
    `# Post-mortem: ${inlineText(postMortem.title)}`,
    [
      `- **Incident:** ${inlineText(postMortem.incidentId)}`,
      `- **Severity:** ${impact.severity} (${SEVERITY_DEFINITIONS[impact.severity].label})`,
      `- **Status:** ${status}`,
      `- **Services:** ${impact.affectedServices.length === 0 ? 'none recorded' : impact.affectedServices.map(inlineText).join(', ')}`,
      `- **Owner:** ${inlineText(name(postMortem.ownerId))}`,
      `- **Reviewers:** ${people(postMortem.reviewerIds)}`,
    ].join('\n'),
  ].join('\n\n');

  const durations = table(
    ['Measure', 'Duration'],
    [
      ['Time to detect', duration(impact.durations.timeToDetectMs)],
      ['Time to acknowledge', duration(impact.durations.timeToAcknowledgeMs)],
      ['Time to mitigate', duration(impact.durations.timeToMitigateMs)],
      ['Time to resolve', duration(impact.durations.timeToResolveMs)],
      ['Duration of impact', duration(impact.durations.impactDurationMs)],
    ],
  );

  const timeline =
    incident.timeline.length === 0
      ? NONE
      : [
          'All times are UTC.',
          table(
            ['Time', 'Event'],
            incident.timeline.map((event) => [utcIso(event.at), tableCell(event.description)]),
          ),
        ].join('\n\n');

  const alerts =
    postMortem.linkedAlerts.length === 0
      ? NONE
      : table(
          ['Alert', 'Summary', 'Fired', 'Resolved'],
          postMortem.linkedAlerts.map((alert) => [
            tableCell(alert.ruleName),
            tableCell(alert.summary ?? ''),
            alert.firedAt === null ? '—' : utcIso(alert.firedAt),
            alert.resolvedAt === null ? 'still firing' : utcIso(alert.resolvedAt),
          ]),
        );

  const factors =
    rootCause.contributingFactors.length === 0
      ? NONE
      : table(
          ['Category', 'Details'],
          rootCause.contributingFactors.map((f) => [contributingFactorLabel(f.category), tableCell(f.description)]),
        );

  const actions =
    resolution.actions.length === 0
      ? NONE
      : table(
          ['Action', 'Taken', 'Outcome'],
          resolution.actions.map((a) => [
            tableCell(a.description),
            a.takenAt === null ? '—' : utcIso(a.takenAt),
            OUTCOME_LABEL[a.outcome],
          ]),
        );

  const recommendations =
    prevention.recommendations.length === 0
      ? NONE
      : prevention.recommendations
          .map((r) => listItem(r.description).replace(/^- /, `- **${PRIORITY_LABEL[r.priority]}:** `))
          .join('\n');

  const actionItems =
    prevention.actionItems.length === 0
      ? NONE
      : table(
          ['Type', 'Action', 'Owner', 'Due', 'Status', 'Required'],
          prevention.actionItems.map((item) => actionItemRow(item, name)),
        );

  return `${[
    header,
    section('Summary', proseOr(incident.summary)),
    section('Impact', proseOr(impact.description), durations),
    section('Timeline', timeline),
    section('Linked alerts', alerts),
    section('Root cause analysis', proseOr(rootCause.analysis), subsection('Contributing factors', factors)),
    section('Resolution', actions, subsection('Effectiveness', proseOr(resolution.effectiveness))),
    section(
      'Lessons learned',
      subsection('What went well', bullets(lessons.wentWell)),
      subsection('What went wrong', bullets(lessons.wentWrong)),
      subsection('Where we got lucky', bullets(lessons.gotLucky)),
    ),
    section('Prevention', subsection('Recommendations', recommendations), subsection('Action items', actionItems)),
  ].join('\n\n')}\n`;
}
