// Retrospectives: a period's incidents, response times, repeats, action items and lessons, as the seed's
// RetrospectiveReport. Pure logic: no database, no Nest, no I/O.
export { durationStats, nearestRank } from './percentiles';
export type { DurationStats } from './percentiles';
export { parsePeriod, periodContains, previousPeriod } from './period';
export type { Period, PeriodKind } from './period';
export { actionItemsDoneAt, findRepeat } from './repeat-incident';
export type { RepeatCandidate, RepeatSubject } from './repeat-incident';
export { retrospective } from './retrospective';
export type {
  ActionItemSummary,
  FactorTrend,
  Improvement,
  ImprovementKind,
  LessonNote,
  OpenActionItem,
  RepeatIncident,
  ResponseTimeStats,
  RetrospectiveIncident,
  RetrospectiveOptions,
  RetrospectiveReport,
  SeverityStats,
} from './retrospective';
export { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';
