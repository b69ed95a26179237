import { IncidentSeverity, type IncidentStatus } from '@keel/contracts';
import {
  type ActionItem,
  addDays,
  CONTRIBUTING_FACTOR_CATEGORIES,
  type CalendarDate,
  type ContributingFactorCategory,
  incidentDurations,
  type IncidentMilestones,
  isOverdue,
  type PostMortem,
  RECOMMENDATION_PRIORITIES,
  toCalendarDate,
} from '../postmortems';
import { durationStats, type DurationStats } from './percentiles';
import { type Period, periodContains, previousPeriod } from './period';
import type { RepeatIncident } from './repeat-incident';
import { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';

export type { RepeatIncident } from './repeat-incident';

/** What the report needs of an incident. */
export interface RetrospectiveIncident {
  id: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  /** When the incident was opened; it places the incident in a period. */
  openedAt: Date;
  milestones: IncidentMilestones;
  postMortemRequired: boolean;
  /** Set when triage merged it into another incident. */
  mergedIntoId: string | null;
}

export interface RetrospectiveOptions {
  /** Days from the report's day to the follow-up (default 30). */
  followUpAfterDays?: number;
  /** A contributing-factor category cited by at least this many incidents becomes an improvement (default 2). */
  recurringFactorThreshold?: number;
}

export interface SeverityStats {
  severity: IncidentSeverity;
  stats: DurationStats;
}

export interface ResponseTimeStats {
  overall: DurationStats;
  /** P0 to P3, each present even without incidents. */
  bySeverity: SeverityStats[];
}

export interface ActionItemSummary {
  total: number;
  open: number;
  inProgress: number;
  done: number;
  wontDo: number;
  overdue: number;
  /** done / (total − wont_do): an item decided against is no longer owed; null when nothing is owed. */
  completionRate: number | null;
}

export interface LessonNote {
  incidentId: string;
  postMortemId: string;
  text: string;
}

export interface FactorTrend {
  category: ContributingFactorCategory;
  label: string;
  /** Incidents of the period whose post-mortem cites the category (an incident counts once). */
  incidents: number;
  /** The same count for the previous period of the same kind. */
  previousIncidents: number;
}

export type ImprovementKind =
  'repeat_incident' | 'recurring_factor' | 'overdue_action_items' | 'missing_post_mortems' | 'recommendation';

export interface Improvement {
  kind: ImprovementKind;
  message: string;
  incidentIds: string[];
}

export interface OpenActionItem {
  incidentId: string;
  postMortemId: string;
  item: ActionItem;
}

/** The seed's RetrospectiveReport (period, what went well/wrong, improvements, action items, follow-up) and more. */
export interface RetrospectiveReport {
  period: Period;
  generatedAt: Date;
  /** The period has not ended yet when the report was made. */
  partial: boolean;
  incidentCount: number;
  bySeverity: { severity: IncidentSeverity; count: number }[];
  /** Incidents per service (an incident with two services counts for both), most first. */
  byService: { service: string; count: number }[];
  withoutService: number;
  timeToAcknowledge: ResponseTimeStats;
  timeToResolve: ResponseTimeStats;
  repeatIncidents: RepeatIncident[];
  postMortems: { required: number; published: number; missingIncidentIds: string[] };
  actionItems: ActionItemSummary;
  whatWentWell: LessonNote[];
  whatWentWrong: LessonNote[];
  whereWeGotLucky: LessonNote[];
  /** Every taxonomy category, in taxonomy order. */
  contributingFactors: FactorTrend[];
  improvements: Improvement[];
  openActionItems: OpenActionItem[];
  followUpDate: CalendarDate;
}

function invalidOption(message: string): RetrospectiveException {
  return new RetrospectiveException(RetrospectiveErrorCode.INVALID_RETROSPECTIVE_OPTIONS, message);
}

function positiveInteger(value: number | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalidOption(`${name} must be a whole number from 1 to ${max}, got ${value}`);
  }
  return value;
}

/** Counts: triaged-in incidents that were neither declined nor merged into another. */
function counts(incident: RetrospectiveIncident): boolean {
  return incident.status !== 'triage' && incident.status !== 'declined' && incident.mergedIntoId === null;
}

function byOpened(a: RetrospectiveIncident, b: RetrospectiveIncident): number {
  return a.openedAt.getTime() - b.openedAt.getTime() || a.id.localeCompare(b.id);
}

function responseStats(
  incidents: readonly RetrospectiveIncident[],
  pick: (i: RetrospectiveIncident) => number | null,
): ResponseTimeStats {
  const values = (list: readonly RetrospectiveIncident[]) => list.map(pick).filter((v): v is number => v !== null);
  return {
    overall: durationStats(values(incidents)),
    bySeverity: IncidentSeverity.options.map((severity) => ({
      severity,
      stats: durationStats(values(incidents.filter((i) => i.severity === severity))),
    })),
  };
}

function factorIncidents(
  incidents: readonly RetrospectiveIncident[],
  published: ReadonlyMap<string, PostMortem[]>,
): Map<ContributingFactorCategory, Set<string>> {
  const cited = new Map<ContributingFactorCategory, Set<string>>();
  for (const incident of incidents) {
    for (const pm of published.get(incident.id) ?? []) {
      for (const factor of pm.rootCause.contributingFactors) {
        const set = cited.get(factor.category) ?? new Set<string>();
        set.add(incident.id);
        cited.set(factor.category, set);
      }
    }
  }
  return cited;
}

function group<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const bucket = map.get(key(item));
    if (bucket === undefined) map.set(key(item), [item]);
    else bucket.push(item);
  }
  return map;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * One improvement per service and trigger that recurred after its action items were done, the most recurring
 * first (then by first recurrence): a trigger that came back ten times is one thing to look at, not ten.
 */
function repeatImprovements(repeats: readonly RepeatIncident[]): Improvement[] {
  const byKey = group(repeats, (r) => `${r.services.join(',')}\u0000${r.triggers.join(',')}`);
  return [...byKey.values()]
    .map((list, order) => ({ list, order }))
    .sort((a, b) => b.list.length - a.list.length || a.order - b.order)
    .map(({ list }) => {
      const [first] = list as [RepeatIncident];
      const what = `${first.services.join(', ')}: ${first.triggers.join(', ')}`;
      const earlier = [...new Set(list.map((r) => r.earlierIncidentId))];
      const message =
        list.length === 1
          ? `${what} recurred in ${first.incidentId} after the action items of ${first.earlierIncidentId} were done; check whether they addressed the cause`
          : `${what} recurred in ${list.length} incidents after the action items of ${plural(earlier.length, 'earlier incident', 'earlier incidents')} were done; check whether they addressed the cause`;
      return {
        kind: 'repeat_incident' as const,
        message,
        incidentIds: [...new Set(list.flatMap((r) => [r.earlierIncidentId, r.incidentId]))],
      };
    });
}

/**
 * The retrospective of a period. `incidents` are those opened in the period plus those of the previous period,
 * which give the factor trends. Triage, declined and merged incidents are not counted. `repeats` are the recorded
 * repeats (see `findRepeat`) of the period's counted incidents, in the order those opened: the caller selects
 * them (RetrospectiveRepository.repeats), since the report needs no other fact of a repeated incident.
 *
 * Post-mortem content (lessons, factors, action items, recommendations) is read from published post-mortems only;
 * incidents that require one without it being published are listed as missing.
 */
export function retrospective(
  incidents: readonly RetrospectiveIncident[],
  postMortems: readonly PostMortem[],
  repeats: readonly RepeatIncident[],
  period: Period,
  now: Date,
  options: RetrospectiveOptions = {},
): RetrospectiveReport {
  const followUpAfterDays = positiveInteger(options.followUpAfterDays, 30, 'followUpAfterDays', 366);
  const threshold = positiveInteger(options.recurringFactorThreshold, 2, 'recurringFactorThreshold', 1000);

  const counted = incidents.filter(counts).sort(byOpened);
  const inPeriod = counted.filter((i) => periodContains(period, i.openedAt));
  const previous = previousPeriod(period);
  const inPrevious = counted.filter((i) => periodContains(previous, i.openedAt));

  const publishedByIncident = group(
    postMortems.filter((pm) => pm.status === 'published'),
    (pm) => pm.incidentId,
  );
  const periodPostMortems = inPeriod.flatMap((i) => publishedByIncident.get(i.id) ?? []);

  // Counts by severity and service.
  const bySeverity = IncidentSeverity.options.map((severity) => ({
    severity,
    count: inPeriod.filter((i) => i.severity === severity).length,
  }));
  const serviceCounts = new Map<string, number>();
  for (const incident of inPeriod) {
    for (const service of new Set(incident.services)) serviceCounts.set(service, (serviceCounts.get(service) ?? 0) + 1);
  }
  const byService = [...serviceCounts]
    .map(([service, count]) => ({ service, count }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service));

  // Response times.
  const durations = new Map(inPeriod.map((i) => [i.id, incidentDurations(i.milestones)]));
  const timeToAcknowledge = responseStats(inPeriod, (i) => durations.get(i.id)?.timeToAcknowledgeMs ?? null);
  const timeToResolve = responseStats(inPeriod, (i) => durations.get(i.id)?.timeToResolveMs ?? null);

  // Post-mortems and action items.
  const missingIncidentIds = inPeriod
    .filter((i) => i.postMortemRequired && !publishedByIncident.has(i.id))
    .map((i) => i.id);
  const items: OpenActionItem[] = periodPostMortems.flatMap((pm) =>
    pm.prevention.actionItems.map((item) => ({ incidentId: pm.incidentId, postMortemId: pm.id, item })),
  );
  const status = (s: ActionItem['status']) => items.filter((i) => i.item.status === s).length;
  const overdue = items.filter((i) => isOverdue(i.item, now));
  const done = status('done');
  const wontDo = status('wont_do');
  const owed = items.length - wontDo;
  const actionItems: ActionItemSummary = {
    total: items.length,
    open: status('open'),
    inProgress: status('in_progress'),
    done,
    wontDo,
    overdue: overdue.length,
    completionRate: owed === 0 ? null : done / owed,
  };

  // Lessons.
  const notes = (pick: (pm: PostMortem) => string[]): LessonNote[] =>
    periodPostMortems.flatMap((pm) =>
      pick(pm)
        .map((text) => text.trim())
        .filter((text) => text !== '')
        .map((text) => ({ incidentId: pm.incidentId, postMortemId: pm.id, text })),
    );

  // Contributing factors and their trend.
  const cited = factorIncidents(inPeriod, publishedByIncident);
  const citedBefore = factorIncidents(inPrevious, publishedByIncident);
  const contributingFactors: FactorTrend[] = CONTRIBUTING_FACTOR_CATEGORIES.map((c) => ({
    category: c.id,
    label: c.label,
    incidents: cited.get(c.id)?.size ?? 0,
    previousIncidents: citedBefore.get(c.id)?.size ?? 0,
  }));

  // Improvements, most pressing first.
  const improvements: Improvement[] = repeatImprovements(repeats);
  const recurring = contributingFactors
    .filter((f) => f.incidents >= threshold)
    .sort((a, b) => b.incidents - a.incidents);
  for (const factor of recurring) {
    improvements.push({
      kind: 'recurring_factor',
      message: `${factor.label} contributed to ${plural(factor.incidents, 'incident', 'incidents')} (previous period: ${factor.previousIncidents})`,
      incidentIds: [...(cited.get(factor.category) ?? [])],
    });
  }
  if (overdue.length > 0) {
    improvements.push({
      kind: 'overdue_action_items',
      message: `${plural(overdue.length, 'action item is', 'action items are')} overdue`,
      incidentIds: [...new Set(overdue.map((i) => i.incidentId))],
    });
  }
  if (missingIncidentIds.length > 0) {
    improvements.push({
      kind: 'missing_post_mortems',
      message: `${plural(missingIncidentIds.length, 'incident needs', 'incidents need')} a post-mortem that is not published yet`,
      incidentIds: missingIncidentIds,
    });
  }
  for (const priority of RECOMMENDATION_PRIORITIES) {
    for (const pm of periodPostMortems) {
      for (const r of pm.prevention.recommendations) {
        if (r.priority === priority && r.description.trim() !== '') {
          improvements.push({ kind: 'recommendation', message: r.description.trim(), incidentIds: [pm.incidentId] });
        }
      }
    }
  }

  return {
    period,
    generatedAt: now,
    partial: now.getTime() < period.to.getTime(),
    incidentCount: inPeriod.length,
    bySeverity,
    byService,
    withoutService: inPeriod.filter((i) => i.services.length === 0).length,
    timeToAcknowledge,
    timeToResolve,
    repeatIncidents: [...repeats],
    postMortems: {
      required: inPeriod.filter((i) => i.postMortemRequired).length,
      published: inPeriod.filter((i) => publishedByIncident.has(i.id)).length,
      missingIncidentIds,
    },
    actionItems,
    whatWentWell: notes((pm) => pm.lessons.wentWell),
    whatWentWrong: notes((pm) => pm.lessons.wentWrong),
    whereWeGotLucky: notes((pm) => pm.lessons.gotLucky),
    contributingFactors,
    improvements,
    openActionItems: items.filter((i) => i.item.status === 'open' || i.item.status === 'in_progress'),
    followUpDate: addDays(toCalendarDate(now), followUpAfterDays),
  };
}
