import { IncidentSeverity } from '@keel/contracts';
import { isCalendarDate, toCalendarDate, type CalendarDate, type PostMortem } from '../postmortems';
import type { ValidationIssue } from '../common/validation-issue';
import { issue } from '../common/validation-issue';
import { SERVICE_NAME } from '../common/names';
import type { DurationStats } from './percentiles';
import type { Period } from './period';
import type { RetrospectiveIncident, RetrospectiveReport, ResponseTimeStats } from './retrospective';
import { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';

// Pure glue between the stored rows and `retrospective()`: no database, no Nest.

/** The incident fields the report reads beyond the SQL aggregates. */
export interface IncidentFacts {
  id: string;
  severity: IncidentSeverity;
  status: RetrospectiveIncident['status'];
  services: string[];
  mergedIntoId: string | null;
  openedAt: Date;
}

const NO_MILESTONES = {
  impactStartedAt: null,
  detectedAt: null,
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  closedAt: null,
} as const;

/**
 * A RetrospectiveIncident without milestones: the response times come from SQL (see RetrospectiveRepository), so
 * the milestones are left empty and the pure module's own duration statistics are not used.
 */
export function incidentForReport(facts: IncidentFacts, postMortemRequired: boolean): RetrospectiveIncident {
  return {
    id: facts.id,
    title: '',
    severity: facts.severity,
    status: facts.status,
    services: facts.services,
    openedAt: facts.openedAt,
    milestones: { ...NO_MILESTONES },
    postMortemRequired,
    mergedIntoId: facts.mergedIntoId,
  };
}

/** What the report reads of a post-mortem (the rest of the document is left empty). */
export interface PostMortemFacts {
  id: string;
  incidentId: string;
  status: PostMortem['status'];
  contributingFactors: PostMortem['rootCause']['contributingFactors'];
  lessons: PostMortem['lessons'] | null;
  recommendations: PostMortem['prevention']['recommendations'];
  actionItems: {
    id: string;
    status: PostMortem['prevention']['actionItems'][number]['status'];
    dueDate: string | null;
    closedAt: Date | null;
  }[];
}

const EPOCH = new Date(0);

export function postMortemForReport(facts: PostMortemFacts): PostMortem {
  return {
    id: facts.id,
    incidentId: facts.incidentId,
    title: '',
    status: facts.status,
    ownerId: '',
    reviewerIds: [],
    incident: {
      summary: '',
      timeline: [],
      impact: {
        description: '',
        severity: 'P3',
        affectedServices: [],
        milestones: { ...NO_MILESTONES },
        durations: {
          timeToDetectMs: null,
          timeToAcknowledgeMs: null,
          timeToMitigateMs: null,
          timeToResolveMs: null,
          impactDurationMs: null,
        },
      },
    },
    rootCause: { analysis: '', contributingFactors: facts.contributingFactors },
    resolution: { actions: [], effectiveness: '' },
    prevention: {
      recommendations: facts.recommendations,
      actionItems: facts.actionItems.map((item) => ({
        id: item.id,
        title: '',
        type: 'prevent',
        ownerId: null,
        dueDate: item.dueDate,
        status: item.status,
        required: false,
        closedAt: item.closedAt,
        statusReason: null,
      })),
    },
    lessons: facts.lessons ?? { wentWell: [], wentWrong: [], gotLucky: [] },
    linkedAlerts: [],
    history: [],
    createdAt: EPOCH,
    updatedAt: EPOCH,
    publishedAt: null,
  };
}

/** One SQL summary row: counts and nearest-rank statistics of a severity, or of all (severity null). */
export interface SeveritySummary {
  severity: IncidentSeverity | null;
  incidents: number;
  withoutService: number;
  acknowledge: DurationStats;
  resolve: DurationStats;
}

const EMPTY: DurationStats = { count: 0, medianMs: null, p90Ms: null };

/**
 * Puts the SQL aggregates into the report in place of the pure module's counts and response times (which it
 * computed over the subset of incidents it was given): P0–P3 each present, as `retrospective()` gives them.
 */
export function withAggregates(
  report: RetrospectiveReport,
  summary: readonly SeveritySummary[],
  byService: { service: string; count: number }[],
): RetrospectiveReport {
  const total = summary.find((row) => row.severity === null);
  const of = (severity: IncidentSeverity) => summary.find((row) => row.severity === severity);
  const times = (pick: (row: SeveritySummary) => DurationStats): ResponseTimeStats => ({
    overall: total === undefined ? EMPTY : pick(total),
    bySeverity: IncidentSeverity.options.map((severity) => {
      const row = of(severity);
      return { severity, stats: row === undefined ? EMPTY : pick(row) };
    }),
  });
  return {
    ...report,
    incidentCount: total?.incidents ?? 0,
    bySeverity: IncidentSeverity.options.map((severity) => ({ severity, count: of(severity)?.incidents ?? 0 })),
    byService,
    withoutService: total?.withoutService ?? 0,
    timeToAcknowledge: times((row) => row.acknowledge),
    timeToResolve: times((row) => row.resolve),
  };
}

/**
 * The follow-up day and where it comes from: the recorded meeting's, else the one `retrospective()` suggests (the
 * report's day + 30 days; it always suggests one, so "period end + 14 days" is never needed).
 */
export function followUp(
  report: Pick<RetrospectiveReport, 'followUpDate'>,
  meeting: { followUpDate: CalendarDate } | null,
): { date: CalendarDate; source: 'recorded' | 'suggested' } {
  return meeting === null
    ? { date: report.followUpDate, source: 'suggested' }
    : { date: meeting.followUpDate, source: 'recorded' };
}

/** How many entries each list of a report holds unless asked otherwise, and at most. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

/** The `first` of a report: a whole number from 1 to MAX_LIST_LIMIT (DEFAULT_LIST_LIMIT when not given). */
export function validateListLimit(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(first) || first < 1 || first > MAX_LIST_LIMIT) {
    throw new RetrospectiveException(
      RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT,
      `first must be a whole number from 1 to ${MAX_LIST_LIMIT}, got ${first}`,
      { issues: [issue('first', `must be from 1 to ${MAX_LIST_LIMIT}`)] },
    );
  }
  return first;
}

export const MAX_IMPROVEMENTS = 50;
export const MAX_IMPROVEMENT_LENGTH = 500;
export const MAX_NOTES_LENGTH = 10_000;

export interface MeetingInput {
  improvements: readonly string[];
  notes: string | null | undefined;
  followUpDate: string | null | undefined;
  expectedVersion: number | null | undefined;
}

export interface ValidMeeting {
  improvements: string[];
  notes: string;
  followUpDate: CalendarDate | null;
  expectedVersion: number | null;
}

/**
 * Checks what a meeting records: improvements trimmed, none empty or repeated, at most 50 of at most 500
 * characters; notes at most 10,000 characters; a follow-up day YYYY-MM-DD not before the period's start; a
 * positive whole expected version. Refuses with every issue (INVALID_RETROSPECTIVE_INPUT).
 */
export function validateMeeting(input: MeetingInput, period: Period): ValidMeeting {
  const issues: ValidationIssue[] = [];
  const improvements = input.improvements.map((text) => text.trim());
  if (improvements.length > MAX_IMPROVEMENTS) {
    issues.push(issue('improvements', `at most ${MAX_IMPROVEMENTS}, got ${improvements.length}`));
  }
  improvements.forEach((text, index) => {
    if (text === '') issues.push(issue(`improvements[${index}]`, 'must not be empty'));
    else if (text.length > MAX_IMPROVEMENT_LENGTH) {
      issues.push(issue(`improvements[${index}]`, `at most ${MAX_IMPROVEMENT_LENGTH} characters, got ${text.length}`));
    } else if (improvements.indexOf(text) !== index) {
      issues.push(issue(`improvements[${index}]`, `repeats improvements[${improvements.indexOf(text)}]`));
    }
  });
  const notes = (input.notes ?? '').trim();
  if (notes.length > MAX_NOTES_LENGTH) {
    issues.push(issue('notes', `at most ${MAX_NOTES_LENGTH} characters, got ${notes.length}`));
  }
  const followUpDate = input.followUpDate?.trim() ?? null;
  if (followUpDate !== null) {
    if (!isCalendarDate(followUpDate)) {
      issues.push(issue('followUpDate', `must be a calendar day YYYY-MM-DD, got "${followUpDate}"`));
    } else if (followUpDate < toCalendarDate(period.from)) {
      issues.push(
        issue(
          'followUpDate',
          `${followUpDate} is before the period ${period.label} starts (${toCalendarDate(period.from)})`,
        ),
      );
    }
  }
  const expectedVersion = input.expectedVersion ?? null;
  if (expectedVersion !== null && !(Number.isInteger(expectedVersion) && expectedVersion >= 1)) {
    issues.push(issue('expectedVersion', `must be a whole number from 1, got ${expectedVersion}`));
  }
  if (issues.length > 0) {
    throw new RetrospectiveException(
      RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT,
      `retrospective ${period.label} refused: ${issues.map((i) => i.message).join('; ')}`,
      { issues },
    );
  }
  return { improvements, notes, followUpDate, expectedVersion };
}

/** A service filter: null or a service name (SERVICE_NAME); refused precisely otherwise. */
export function validateServiceFilter(service: string | null | undefined): string | null {
  if (service === null || service === undefined) return null;
  const name = service.trim();
  if (!SERVICE_NAME.test(name)) {
    throw new RetrospectiveException(
      RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT,
      `service "${service}" is not a service name (lower-case letters, digits, ".", "_", "-"; at most 63 characters)`,
      { issues: [issue('service', 'is not a service name')] },
    );
  }
  return name;
}
