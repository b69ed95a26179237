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
import { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';

/** What the report needs of an incident. */
export interface RetrospectiveIncident {
  id: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  /** What set it off: the rule names of its linked alerts (empty when declared by hand). */
  triggers: string[];
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

/** A later incident on the same service and trigger as an earlier one whose action items were all done. */
export interface RepeatIncident {
  incidentId: string;
  earlierIncidentId: string;
  services: string[];
  triggers: string[];
  /** When the earlier incident's last action item was closed. */
  actionItemsDoneAt: Date;
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

const shared = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

/**
 * When all of an incident's action items were closed with at least one done, the moment the last one closed;
 * otherwise null (no items, some still open, or all decided against).
 */
function actionItemsDoneAt(items: readonly ActionItem[]): Date | null {
  if (items.length === 0 || !items.some((i) => i.status === 'done')) return null;
  let last = 0;
  for (const item of items) {
    if ((item.status !== 'done' && item.status !== 'wont_do') || item.closedAt === null) return null;
    last = Math.max(last, item.closedAt.getTime());
  }
  return new Date(last);
}

/**
 * For each incident of the period, the most recent earlier incident on a shared service and trigger whose action
 * items were all done before it opened. Only earlier incidents with all items done are candidates, indexed by
 * service and trigger, so the cost follows the candidates rather than all pairs of incidents.
 */
function repeats(
  inPeriod: readonly RetrospectiveIncident[],
  all: readonly RetrospectiveIncident[],
  itemsByIncident: ReadonlyMap<string, ActionItem[]>,
): RepeatIncident[] {
  const candidates = new Map<string, { incident: RetrospectiveIncident; doneAt: Date }[]>();
  for (const incident of all) {
    const doneAt = actionItemsDoneAt(itemsByIncident.get(incident.id) ?? []);
    if (doneAt === null) continue;
    for (const service of new Set(incident.services)) {
      for (const trigger of new Set(incident.triggers)) {
        const key = `${service}\u0000${trigger}`;
        const list = candidates.get(key) ?? [];
        list.push({ incident, doneAt });
        candidates.set(key, list);
      }
    }
  }
  const found: RepeatIncident[] = [];
  for (const later of inPeriod) {
    let best: { incident: RetrospectiveIncident; doneAt: Date } | null = null;
    for (const service of new Set(later.services)) {
      for (const trigger of new Set(later.triggers)) {
        // `all` is sorted by opening, so each list is too: walk back from the latest.
        const list = candidates.get(`${service}\u0000${trigger}`) ?? [];
        for (let i = list.length - 1; i >= 0; i--) {
          const candidate = list[i];
          if (best !== null && byOpened(candidate.incident, best.incident) <= 0) break;
          if (byOpened(candidate.incident, later) >= 0) continue;
          if (candidate.doneAt.getTime() >= later.openedAt.getTime()) continue;
          best = candidate;
          break;
        }
      }
    }
    if (best !== null) {
      found.push({
        incidentId: later.id,
        earlierIncidentId: best.incident.id,
        services: shared(later.services, best.incident.services),
        triggers: shared(later.triggers, best.incident.triggers),
        actionItemsDoneAt: best.doneAt,
      });
    }
  }
  return found;
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
 * The retrospective of a period. `incidents` are those opened in the period plus earlier ones: incidents of the
 * previous period give the factor trends, and any earlier incident (with its post-mortem) can reveal a repeat —
 * query a lookback (see retrospectiveWindow). Triage, declined and merged incidents are not counted.
 *
 * Post-mortem content (lessons, factors, action items, recommendations) is read from published post-mortems only;
 * incidents that require one without it being published are listed as missing. Repeat detection reads the earlier
 * incident's action items whatever its post-mortem's status.
 */
export function retrospective(
  incidents: readonly RetrospectiveIncident[],
  postMortems: readonly PostMortem[],
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
  const earlierOrIn = counted.filter((i) => i.openedAt.getTime() < period.to.getTime());

  const pmsByIncident = group(postMortems, (pm) => pm.incidentId);
  const publishedByIncident = group(
    postMortems.filter((pm) => pm.status === 'published'),
    (pm) => pm.incidentId,
  );
  const itemsByIncident = new Map(
    [...pmsByIncident].map(([id, pms]) => [id, pms.flatMap((pm) => pm.prevention.actionItems)] as const),
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

  const repeatIncidents = repeats(inPeriod, earlierOrIn, itemsByIncident);

  // Improvements, most pressing first.
  const improvements: Improvement[] = [];
  for (const repeat of repeatIncidents) {
    improvements.push({
      kind: 'repeat_incident',
      message: `${repeat.services.join(', ')}: ${repeat.triggers.join(', ')} recurred in ${repeat.incidentId} after the action items of ${repeat.earlierIncidentId} were done; check whether they addressed the cause`,
      incidentIds: [repeat.earlierIncidentId, repeat.incidentId],
    });
  }
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
    repeatIncidents,
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

/**
 * The window of incidents (by openedAt) to load for a period's report: the lookback for repeats (default 365 days
 * before the period, and at least the previous period for trends) up to the period's end.
 */
export function retrospectiveWindow(period: Period, lookbackDays = 365): { from: Date; to: Date } {
  const lookback = new Date(period.from.getTime() - lookbackDays * 86_400_000);
  const previous = previousPeriod(period).from;
  return { from: lookback < previous ? lookback : previous, to: period.to };
}
