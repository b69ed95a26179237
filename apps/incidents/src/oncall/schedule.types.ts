// The plain data of on-call schedules: what a table row or a GraphQL input/output carries.

import type { Instant } from './oncall-validation';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ROTATION_TYPES = ['daily', 'weekly', 'custom'] as const;
export type RotationType = (typeof ROTATION_TYPES)[number];

/** Longest custom rotation turn: one year of hours. */
export const MAX_SHIFT_LENGTH_HOURS = 8760;

/**
 * A recurring window, in the schedule's zone, during which a layer is active. It starts on each of `days` at
 * `startTime` and ends at `endTime` the same day, or the next day when `endTime` is not after `startTime`
 * (22:00–06:00 is overnight; 00:00–00:00 is the whole day).
 */
export interface TimeRestriction {
  days: Weekday[];
  startTime: string;
  endTime: string;
}

export interface RotationLayer {
  /** Stable id, reported as the source of the shifts this layer produces. */
  id: string;
  /** User ids in rotation order; a user may appear more than once. */
  participants: string[];
  rotation: RotationType;
  /** Custom rotations only: whole wall-clock hours between hand-offs (1 to 8760). */
  shiftLengthHours?: number | null;
  /** `HH:MM` in the schedule's zone. */
  handoffTime: string;
  /** Weekly rotations only. */
  handoffWeekday?: Weekday | null;
  /** When the layer begins; participants[0] is on call from here until the first hand-off after it. */
  start: Instant;
  /** Absent or empty: the layer is active all the time. */
  restrictions?: TimeRestriction[] | null;
}

/** `userId` is on call from `start` (inclusive) to `end` (exclusive), above every layer. */
export interface ScheduleOverride {
  id: string;
  userId: string;
  start: Instant;
  end: Instant;
}

export interface Schedule {
  id: string;
  /** IANA time zone name, e.g. `Europe/Berlin`; hand-off times and restrictions are read in it. */
  timeZone: string;
  /** Lowest first: layers[i + 1] overrides layers[i] wherever it has someone. */
  layers: RotationLayer[];
  overrides?: ScheduleOverride[] | null;
}

export type ShiftSource = { kind: 'layer'; layerId: string } | { kind: 'override'; overrideId: string };

export interface OnCall {
  userId: string;
  source: ShiftSource;
}

/** A final shift: `userId` on call from `start` (inclusive) to `end` (exclusive), both ISO instants in UTC. */
export interface Shift extends OnCall {
  start: string;
  end: string;
}
