// Public API of on-call: pure functions over plain data (no database, no Nest, no clock of their own).
export { OncallErrorCode, OncallValidationError } from './oncall-validation';
export type { Instant, ValidationIssue } from './oncall-validation';
export { isIanaTimeZone } from './time-zone';
export { MAX_SHIFT_LENGTH_HOURS, ROTATION_TYPES, WEEKDAYS } from './schedule.types';
export type {
  OnCall,
  RotationLayer,
  RotationType,
  Schedule,
  ScheduleOverride,
  Shift,
  ShiftSource,
  TimeRestriction,
  Weekday,
} from './schedule.types';
export { assertValidSchedule, validateSchedule } from './schedule.rules';
export { onCallAt, shifts } from './schedule';
export {
  MAX_DELAY_MINUTES,
  MAX_REPEAT,
  assertValidEscalationPolicy,
  escalationState,
  escalationSteps,
  resolveTargets,
  validateEscalationPolicy,
} from './escalation';
export type {
  EscalationLevel,
  EscalationPolicy,
  EscalationState,
  EscalationStatus,
  EscalationStep,
  EscalationTarget,
  EscalationTiming,
  ResolvedTargets,
  UnresolvedReason,
} from './escalation';
