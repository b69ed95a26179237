// Post-mortems: the document, its workflow and action items, prefilled drafts and the Markdown export. Pure logic:
// no database, no Nest, no I/O.
export {
  CLOSING_OVERRIDE_ROLES,
  closingBlockers,
  decideIncidentClosing,
  isClosedStatus,
  isOverdue,
  overdueActionItems,
  setActionItemStatus,
  validateActionItem,
} from './action-items';
export type { ActionItemInput, ClosingDecision, ValidActionItem } from './action-items';
export { addDays, endOfCalendarDate, isCalendarDate, parseCalendarDate, toCalendarDate } from '../common/calendar-date';
export type { CalendarDate } from '../common/calendar-date';
export {
  CONTRIBUTING_FACTOR_CATEGORIES,
  CONTRIBUTING_FACTOR_CATEGORY_IDS,
  contributingFactorLabel,
  isContributingFactorCategory,
  validateContributingFactor,
} from './contributing-factors';
export type { ContributingFactor, ContributingFactorCategory } from './contributing-factors';
export { draftFromIncident } from './draft-from-incident';
export type {
  AlertForPostMortem,
  DraftOptions,
  IncidentForPostMortem,
  TimelineEntryForPostMortem,
} from './draft-from-incident';
export { humanizeDuration, incidentDurations } from './durations';
export { toMarkdown, utcIso } from './post-mortem-markdown';
export type { MarkdownOptions } from './post-mortem-markdown';
export {
  assertPermitted,
  permits,
  POST_MORTEM_PERMISSIONS,
  POST_MORTEM_TRANSITIONS,
  relationsOf,
  reviewReadiness,
  transitionPostMortem,
} from './post-mortem-workflow';
export type {
  PostMortemAction,
  PostMortemActor,
  PostMortemPermission,
  PostMortemRelation,
  PostMortemTransition,
  TransitionOptions,
} from './post-mortem-workflow';
export { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
export {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  POST_MORTEM_STATUSES,
  POST_MORTEM_TRANSITION_ACTIONS,
  RECOMMENDATION_PRIORITIES,
  RESOLUTION_OUTCOMES,
} from './post-mortem.types';
export type {
  ActionItem,
  ActionItemStatus,
  ActionItemType,
  ImpactAssessment,
  IncidentDurations,
  IncidentMilestones,
  LinkedAlert,
  MilestoneName,
  PostMortem,
  PostMortemHistoryEntry,
  PostMortemLessons,
  PostMortemStatus,
  PostMortemTimelineEvent,
  PostMortemTransitionAction,
  Recommendation,
  RecommendationPriority,
  ResolutionAction,
  ResolutionOutcome,
} from './post-mortem.types';
