// On-call schedules as pure functions of plain data: rotation layers stacked on each other, overrides on top.
//
// Rules (README.md in this folder has the details):
// - layers[i + 1] overrides layers[i] wherever it has someone; overrides beat every layer;
// - hand-offs happen on a grid of wall-clock times in the schedule's zone: every day (daily), every week on
//   `handoffWeekday` (weekly) or every `shiftLengthHours` wall-clock hours (custom), anchored at `handoffTime`
//   on the local date of the layer's start, so a 09:00 hand-off stays at 09:00 local across DST;
// - participants[0] is on call from the layer's `start` until the first hand-off after it, then each hand-off
//   passes to the next participant, wrapping around;
// - restrictions limit when a layer has anyone at all (a layer outside its windows lets lower layers show).

import {
  type Instant,
  OncallErrorCode,
  OncallValidationError,
  instantToMs,
  issue,
  requireInstant,
  toIso,
} from './oncall-validation';
import { assertValidSchedule } from './schedule.rules';
import {
  type OnCall,
  type RotationLayer,
  type RotationType,
  type Schedule,
  type Shift,
  type ShiftSource,
  type Weekday,
  WEEKDAYS,
} from './schedule.types';
import { DAY_MS, HOUR_MS, MINUTE_MS, fromLocal, isoWeekdayOf, parseClock, startOfLocalDay, toLocal } from './time-zone';

interface Restriction {
  days: ReadonlySet<number>;
  startMinute: number;
  endMinute: number;
}

interface Layer {
  id: string;
  participants: string[];
  startMs: number;
  /** A point of the hand-off grid, as a local value, and the grid's step (wall-clock ms). */
  anchorLocal: number;
  periodMs: number;
  /** Grid index of the first hand-off strictly after `startMs`. */
  firstHandoff: number;
  restrictions: Restriction[];
}

interface Segment {
  userId: string;
  start: number;
  end: number;
  source: ShiftSource;
}

interface Compiled {
  timeZone: string;
  layers: Layer[];
  overrides: Segment[];
}

const PERIOD_HOURS: Record<Exclude<RotationType, 'custom'>, number> = { daily: 24, weekly: 168 };

function handoffAt(timeZone: string, layer: Omit<Layer, 'firstHandoff'>, index: number): number {
  return fromLocal(timeZone, layer.anchorLocal + index * layer.periodMs);
}

/** The grid index j with handoff(j) <= t < handoff(j + 1). */
function gridIndex(timeZone: string, layer: Omit<Layer, 'firstHandoff'>, t: number): number {
  let j = Math.floor((toLocal(timeZone, t) - layer.anchorLocal) / layer.periodMs);
  while (handoffAt(timeZone, layer, j) > t) j -= 1;
  while (handoffAt(timeZone, layer, j + 1) <= t) j += 1;
  return j;
}

function compileLayer(timeZone: string, layer: RotationLayer): Layer {
  const startMs = instantToMs(layer.start) as number;
  const handoffMinute = parseClock(layer.handoffTime) as number;
  const startDay = startOfLocalDay(toLocal(timeZone, startMs));
  let anchorDay = startDay;
  if (layer.rotation === 'weekly') {
    const back = (isoWeekdayOf(startDay) - WEEKDAYS.indexOf(layer.handoffWeekday as Weekday) + 7) % 7;
    anchorDay = startDay - back * DAY_MS;
  }
  const hours = layer.rotation === 'custom' ? (layer.shiftLengthHours as number) : PERIOD_HOURS[layer.rotation];
  const grid = {
    id: layer.id,
    participants: layer.participants,
    startMs,
    anchorLocal: anchorDay + handoffMinute * MINUTE_MS,
    periodMs: hours * HOUR_MS,
    restrictions: (layer.restrictions ?? []).map((r) => ({
      days: new Set(r.days.map((day) => WEEKDAYS.indexOf(day))),
      startMinute: parseClock(r.startTime) as number,
      endMinute: parseClock(r.endTime) as number,
    })),
  };
  return { ...grid, firstHandoff: gridIndex(timeZone, grid, startMs) + 1 };
}

function compile(schedule: Schedule): Compiled {
  assertValidSchedule(schedule);
  const { timeZone } = schedule;
  const overrides = (schedule.overrides ?? [])
    .map((o): Segment => ({
      userId: o.userId,
      start: instantToMs(o.start) as number,
      end: instantToMs(o.end) as number,
      source: { kind: 'override', overrideId: o.id },
    }))
    .sort((a, b) => a.start - b.start);
  return { timeZone, layers: schedule.layers.map((layer) => compileLayer(timeZone, layer)), overrides };
}

/** Turn `index` of a layer: turn 0 runs from the layer's start to its first hand-off. */
function turnBounds(timeZone: string, layer: Layer, index: number): { start: number; end: number } {
  const start = index === 0 ? layer.startMs : handoffAt(timeZone, layer, layer.firstHandoff + index - 1);
  return { start, end: handoffAt(timeZone, layer, layer.firstHandoff + index) };
}

/** The turn in force at t (t >= the layer's start). */
function turnIndexAt(timeZone: string, layer: Layer, t: number): number {
  return Math.max(0, gridIndex(timeZone, layer, t) - layer.firstHandoff + 1);
}

function participantOf(layer: Layer, turn: number): string {
  return layer.participants[turn % layer.participants.length] as string;
}

/** The merged restriction windows of a layer that intersect [from, to), in order. */
function restrictionWindows(
  timeZone: string,
  restrictions: Restriction[],
  from: number,
  to: number,
): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  // A window is at most one local day long and starts on its day, so it can only begin the day before `from`.
  const lastDay = startOfLocalDay(toLocal(timeZone, to));
  for (let day = startOfLocalDay(toLocal(timeZone, from)) - DAY_MS; day <= lastDay; day += DAY_MS) {
    const weekday = isoWeekdayOf(day);
    for (const r of restrictions) {
      if (!r.days.has(weekday)) continue;
      const start = fromLocal(timeZone, day + r.startMinute * MINUTE_MS);
      const endDay = r.endMinute <= r.startMinute ? day + DAY_MS : day;
      const end = fromLocal(timeZone, endDay + r.endMinute * MINUTE_MS);
      if (end > start && end > from && start < to) windows.push([start, end]);
    }
  }
  windows.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last !== undefined && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([window[0], window[1]]);
  }
  return merged;
}

function layerUserAt(timeZone: string, layer: Layer, t: number): string | undefined {
  if (t < layer.startMs) return undefined;
  if (layer.restrictions.length > 0) {
    const active = restrictionWindows(timeZone, layer.restrictions, t, t + 1).some(([s, e]) => s <= t && t < e);
    if (!active) return undefined;
  }
  return participantOf(layer, turnIndexAt(timeZone, layer, t));
}

/** The layer's own shifts, restricted and clipped to [from, to), in order. */
function layerSegments(timeZone: string, layer: Layer, from: number, to: number): Segment[] {
  const lo = Math.max(from, layer.startMs);
  if (lo >= to) return [];
  const source: ShiftSource = { kind: 'layer', layerId: layer.id };
  const turns: Segment[] = [];
  const first = turnIndexAt(timeZone, layer, lo);
  let { start } = turnBounds(timeZone, layer, first);
  for (let index = first; start < to; index += 1) {
    const end = handoffAt(timeZone, layer, layer.firstHandoff + index);
    // A turn whose hand-offs fall on the same instant (a wall time skipped by DST) is empty but still counts.
    if (end > start && end > lo) {
      turns.push({ userId: participantOf(layer, index), start: Math.max(start, lo), end: Math.min(end, to), source });
    }
    start = end;
  }
  if (layer.restrictions.length === 0) return turns;

  const windows = restrictionWindows(timeZone, layer.restrictions, lo, to);
  const segments: Segment[] = [];
  let w = 0;
  for (const turn of turns) {
    while (w < windows.length && (windows[w] as [number, number])[1] <= turn.start) w += 1;
    for (let k = w; k < windows.length; k += 1) {
      const [ws, we] = windows[k] as [number, number];
      if (ws >= turn.end) break;
      const start = Math.max(ws, turn.start);
      const end = Math.min(we, turn.end);
      if (end > start) segments.push({ ...turn, start, end });
    }
  }
  return segments;
}

function sameSource(a: ShiftSource, b: ShiftSource): boolean {
  if (a.kind === 'layer') return b.kind === 'layer' && a.layerId === b.layerId;
  return b.kind === 'override' && a.overrideId === b.overrideId;
}

/**
 * Who is on call in `schedule` at `instant`, and through which override or layer; null when nobody is (before
 * every layer starts, or outside every restriction with no override).
 */
export function onCallAt(schedule: Schedule, instant: Instant): OnCall | null {
  const t = requireInstant(instant, 'instant');
  const { timeZone, layers, overrides } = compile(schedule);
  const override = overrides.find((o) => o.start <= t && t < o.end);
  if (override !== undefined) return { userId: override.userId, source: override.source };
  for (let i = layers.length - 1; i >= 0; i -= 1) {
    const layer = layers[i] as Layer;
    const userId = layerUserAt(timeZone, layer, t);
    if (userId !== undefined) return { userId, source: { kind: 'layer', layerId: layer.id } };
  }
  return null;
}

/**
 * The final shifts of `schedule` in [from, to), in time order, clipped to the range: overrides over layers,
 * higher layers over lower ones. Adjacent pieces of the same user from the same source are merged into one
 * shift; periods with nobody on call are simply absent.
 */
export function shifts(schedule: Schedule, from: Instant, to: Instant): Shift[] {
  const fromMs = requireInstant(from, 'from');
  const toMs = requireInstant(to, 'to');
  if (toMs < fromMs) {
    throw new OncallValidationError(OncallErrorCode.INVALID_ARGUMENT, [
      issue('to', `must not be before from (${toIso(fromMs)}), got ${toIso(toMs)}`),
    ]);
  }
  const { timeZone, layers, overrides } = compile(schedule);
  // Highest precedence first.
  const stacks: Segment[][] = [
    overrides.filter((o) => o.end > fromMs && o.start < toMs),
    ...layers.map((layer) => layerSegments(timeZone, layer, fromMs, toMs)).reverse(),
  ];
  const cuts = new Set<number>([fromMs, toMs]);
  for (const stack of stacks) {
    for (const s of stack) {
      if (s.start > fromMs && s.start < toMs) cuts.add(s.start);
      if (s.end > fromMs && s.end < toMs) cuts.add(s.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const cursors = stacks.map(() => 0);
  const result: Array<Omit<Shift, 'start' | 'end'> & { start: number; end: number }> = [];
  for (let p = 0; p + 1 < points.length; p += 1) {
    const a = points[p] as number;
    const b = points[p + 1] as number;
    let winner: Segment | undefined;
    for (let s = 0; s < stacks.length && winner === undefined; s += 1) {
      const stack = stacks[s] as Segment[];
      let c = cursors[s] as number;
      while (c < stack.length && (stack[c] as Segment).end <= a) c += 1;
      cursors[s] = c;
      const candidate = stack[c];
      if (candidate !== undefined && candidate.start <= a) winner = candidate;
    }
    if (winner === undefined) continue;
    const last = result[result.length - 1];
    if (
      last !== undefined &&
      last.end === a &&
      last.userId === winner.userId &&
      sameSource(last.source, winner.source)
    ) {
      last.end = b;
    } else {
      result.push({ userId: winner.userId, start: a, end: b, source: winner.source });
    }
  }
  return result.map((s) => ({ userId: s.userId, start: toIso(s.start), end: toIso(s.end), source: s.source }));
}
