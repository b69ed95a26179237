// Validation of schedules: every refusal names its field, and all of them are reported at once.

import {
  type ValidationIssue,
  OncallErrorCode,
  OncallValidationError,
  instantIssue,
  instantToMs,
  issue,
  shown,
  toIso,
} from './oncall-validation';
import {
  type RotationLayer,
  type Schedule,
  type ScheduleOverride,
  type TimeRestriction,
  type Weekday,
  MAX_SHIFT_LENGTH_HOURS,
  ROTATION_TYPES,
  WEEKDAYS,
} from './schedule.types';
import { isIanaTimeZone, parseClock } from './time-zone';

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value);
}

function clockIssue(field: string, value: unknown): ValidationIssue | undefined {
  return parseClock(value) === undefined
    ? issue(field, `must be a time of day HH:MM from 00:00 to 23:59, got ${shown(value)}`)
    : undefined;
}

function validateRestriction(restriction: TimeRestriction, at: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(restriction.days) || restriction.days.length === 0) {
    issues.push(issue(`${at}.days`, `must name at least one weekday (${WEEKDAYS.join(', ')})`));
  } else {
    restriction.days.forEach((day, k) => {
      if (!isWeekday(day))
        issues.push(issue(`${at}.days[${k}]`, `must be one of ${WEEKDAYS.join(', ')}, got ${shown(day)}`));
    });
  }
  for (const key of ['startTime', 'endTime'] as const) {
    const bad = clockIssue(`${at}.${key}`, restriction[key]);
    if (bad !== undefined) issues.push(bad);
  }
  return issues;
}

function validateLayer(layer: RotationLayer, at: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isNonEmptyString(layer.id)) issues.push(issue(`${at}.id`, 'must not be empty'));
  if (!Array.isArray(layer.participants) || layer.participants.length === 0) {
    issues.push(issue(`${at}.participants`, 'must name at least one user'));
  } else {
    layer.participants.forEach((userId, k) => {
      if (!isNonEmptyString(userId)) issues.push(issue(`${at}.participants[${k}]`, 'must be a non-empty user id'));
    });
  }
  if (!(ROTATION_TYPES as readonly string[]).includes(layer.rotation)) {
    issues.push(issue(`${at}.rotation`, `must be one of ${ROTATION_TYPES.join(', ')}, got ${shown(layer.rotation)}`));
  }
  const handoff = clockIssue(`${at}.handoffTime`, layer.handoffTime);
  if (handoff !== undefined) issues.push(handoff);

  const weekday = layer.handoffWeekday ?? undefined;
  if (layer.rotation === 'weekly') {
    if (!isWeekday(weekday)) {
      issues.push(
        issue(
          `${at}.handoffWeekday`,
          `must be one of ${WEEKDAYS.join(', ')} for a weekly rotation, got ${shown(weekday)}`,
        ),
      );
    }
  } else if (weekday !== undefined) {
    issues.push(
      issue(`${at}.handoffWeekday`, `applies only to weekly rotations, this one is ${shown(layer.rotation)}`),
    );
  }

  const length = layer.shiftLengthHours ?? undefined;
  if (layer.rotation === 'custom') {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 1 || length > MAX_SHIFT_LENGTH_HOURS) {
      issues.push(
        issue(
          `${at}.shiftLengthHours`,
          `must be a whole number of hours from 1 to ${MAX_SHIFT_LENGTH_HOURS} for a custom rotation, got ${shown(length)}`,
        ),
      );
    }
  } else if (length !== undefined) {
    issues.push(
      issue(`${at}.shiftLengthHours`, `applies only to custom rotations, this one is ${shown(layer.rotation)}`),
    );
  }

  if (instantToMs(layer.start) === undefined) issues.push(instantIssue(`${at}.start`, layer.start));
  const restrictions = layer.restrictions ?? [];
  if (!Array.isArray(restrictions)) issues.push(issue(`${at}.restrictions`, 'must be a list'));
  else restrictions.forEach((r, k) => issues.push(...validateRestriction(r, `${at}.restrictions[${k}]`)));
  return issues;
}

function validateOverrides(overrides: ScheduleOverride[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const usable: Array<{ index: number; start: number; end: number }> = [];
  const ids = new Map<string, number>();
  overrides.forEach((override, k) => {
    const at = `overrides[${k}]`;
    if (!isNonEmptyString(override.id)) issues.push(issue(`${at}.id`, 'must not be empty'));
    else if (ids.has(override.id)) {
      issues.push(issue(`${at}.id`, `"${override.id}" is already used by overrides[${ids.get(override.id)}]`));
    } else ids.set(override.id, k);
    if (!isNonEmptyString(override.userId)) issues.push(issue(`${at}.userId`, 'must be a non-empty user id'));
    const start = instantToMs(override.start);
    const end = instantToMs(override.end);
    if (start === undefined) issues.push(instantIssue(`${at}.start`, override.start));
    if (end === undefined) issues.push(instantIssue(`${at}.end`, override.end));
    if (start !== undefined && end !== undefined) {
      if (end <= start) {
        issues.push(issue(`${at}.end`, `must be after ${at}.start (${toIso(start)}), got ${toIso(end)}`));
      } else usable.push({ index: k, start, end });
    }
  });
  usable.sort((a, b) => a.start - b.start || a.index - b.index);
  let latest: (typeof usable)[number] | undefined;
  for (const current of usable) {
    if (latest !== undefined && current.start < latest.end) {
      const [first, second] = latest.index < current.index ? [latest, current] : [current, latest];
      issues.push(
        issue(
          `overrides[${second.index}]`,
          `overlaps overrides[${first.index}] from ${toIso(Math.max(first.start, second.start))} to ${toIso(
            Math.min(first.end, second.end),
          )}; two overrides cannot cover the same time`,
        ),
      );
    }
    if (latest === undefined || current.end > latest.end) latest = current;
  }
  return issues;
}

/** Every problem with a schedule, each naming its field; empty when the schedule is valid. */
export function validateSchedule(schedule: Schedule): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isNonEmptyString(schedule.id)) issues.push(issue('id', 'must not be empty'));
  if (!isIanaTimeZone(schedule.timeZone)) {
    issues.push(
      issue('timeZone', `is not a known IANA time zone (such as Europe/Berlin), got ${shown(schedule.timeZone)}`),
    );
  }
  if (!Array.isArray(schedule.layers) || schedule.layers.length === 0) {
    issues.push(issue('layers', 'must contain at least one rotation layer'));
  } else {
    const ids = new Map<string, number>();
    schedule.layers.forEach((layer, i) => {
      issues.push(...validateLayer(layer, `layers[${i}]`));
      if (isNonEmptyString(layer.id)) {
        if (ids.has(layer.id)) {
          issues.push(issue(`layers[${i}].id`, `"${layer.id}" is already used by layers[${ids.get(layer.id)}]`));
        } else ids.set(layer.id, i);
      }
    });
  }
  const overrides = schedule.overrides ?? [];
  if (!Array.isArray(overrides)) issues.push(issue('overrides', 'must be a list'));
  else issues.push(...validateOverrides(overrides));
  return issues;
}

/** Throws an OncallValidationError (INVALID_SCHEDULE) carrying every issue when the schedule is invalid. */
export function assertValidSchedule(schedule: Schedule): void {
  const issues = validateSchedule(schedule);
  if (issues.length > 0) throw new OncallValidationError(OncallErrorCode.INVALID_SCHEDULE, issues);
}
