import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { UserDirectory } from '../directory/user-directory';
import { OncallValidationError, issue, toIso, type ValidationIssue } from './oncall-validation';
import type { OncallScheduleEntity, ScheduleDocument } from './oncall-schedule.entity';
import { OncallScheduleRepository, type ScheduleWriteResult } from './oncall-schedule.repository';
import { OncallApiErrorCode, OncallException } from './oncall.exception';
import { onCallAt, shifts } from './schedule';
import { validateSchedule } from './schedule.rules';
import type { RotationLayer, RotationType, Schedule, Shift, Weekday } from './schedule.types';

/** Longest range `oncallShifts` computes at once. */
export const MAX_SHIFT_RANGE_DAYS = 93;
export const MAX_NAME_LENGTH = 100;
const DAY_MS = 86_400_000;
/** How far `onCallNow` looks either side of the instant for the bounds of the shift containing it. */
const SHIFT_REACH_DAYS = [8, 64, 400];

export interface LayerCommand {
  id?: string | null;
  participants: string[];
  rotation: RotationType;
  shiftLengthHours?: number | null;
  handoffTime: string;
  handoffWeekday?: Weekday | null;
  start: Date;
  restrictions?: Array<{ days: Weekday[]; startTime: string; endTime: string }> | null;
}

export interface SaveScheduleCommand {
  name: string;
  timeZone: string;
  layers: LayerCommand[];
  expectedVersion?: number | null;
}

export interface AddOverrideCommand {
  schedule: string;
  userId: string;
  start: Date;
  end: Date;
  expectedVersion: number;
}

/** A GraphQL DateTime as an instant the pure rules read; an unparsable one stays visibly invalid for them. */
function instantOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

function toLayer(input: LayerCommand): RotationLayer {
  return {
    id: input.id ?? randomUUID(),
    participants: input.participants,
    rotation: input.rotation,
    ...(input.shiftLengthHours != null ? { shiftLengthHours: input.shiftLengthHours } : {}),
    handoffTime: input.handoffTime,
    ...(input.handoffWeekday != null ? { handoffWeekday: input.handoffWeekday } : {}),
    start: instantOf(input.start),
    restrictions: (input.restrictions ?? []).map((r) => ({ days: r.days, startTime: r.startTime, endTime: r.endTime })),
  };
}

function asSchedule(entity: OncallScheduleEntity): Schedule {
  return { id: entity.id, ...entity.document };
}

/** The pure module's refusals as the feature's errors (BAD_USER_INPUT, each message naming its field). */
function translated<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof OncallValidationError)) throw error;
    const code =
      error.code === 'INVALID_ARGUMENT'
        ? OncallApiErrorCode.INVALID_ONCALL_ARGUMENT
        : OncallApiErrorCode.INVALID_SCHEDULE;
    throw OncallException.invalid(code, error.issues);
  }
}

@Injectable()
export class OncallScheduleService {
  constructor(
    private readonly schedules: OncallScheduleRepository,
    private readonly users: UserDirectory,
  ) {}

  list(): Promise<OncallScheduleEntity[]> {
    return this.schedules.findAll();
  }

  async get(name: string): Promise<OncallScheduleEntity> {
    const found = await this.schedules.findByName(name);
    if (!found) {
      throw new OncallException(OncallApiErrorCode.SCHEDULE_NOT_FOUND, `on-call schedule "${name}" does not exist`);
    }
    return found;
  }

  /**
   * Creates the schedule when `expectedVersion` is absent (CONFLICT when the name exists), else replaces its time
   * zone and layers at exactly that version, keeping its overrides. Layers without an id get a UUID.
   */
  async save(input: SaveScheduleCommand, actor: Actor): Promise<OncallScheduleEntity> {
    const name = input.name.trim();
    const issues: ValidationIssue[] = [];
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
      issues.push(issue('name', `must have 1 to ${MAX_NAME_LENGTH} characters, got ${name.length}`));
    }
    const expected = input.expectedVersion ?? undefined;
    const current = expected === undefined || issues.length > 0 ? undefined : await this.get(name);
    const document: ScheduleDocument = {
      timeZone: input.timeZone,
      layers: input.layers.map(toLayer),
      overrides: current?.document.overrides ?? [],
    };
    issues.push(...validateSchedule({ id: current?.id ?? 'new', ...document }));
    if (issues.length > 0) throw OncallException.invalid(OncallApiErrorCode.INVALID_SCHEDULE, issues);
    // Every participant must be a user of identity (refused by name otherwise: directory/README.md), and active
    // unless the schedule named them before.
    await this.users.assertKnownUsers(
      document.layers.flatMap((layer) => layer.participants),
      {
        alreadyNamed: current?.document.layers.flatMap((layer) => layer.participants) ?? [],
      },
    );

    const result =
      expected === undefined
        ? await this.schedules.create(name, document, actor.id)
        : await this.schedules.replace(name, expected, document, actor.id);
    return this.written(name, expected, result);
  }

  /** Adds an override (its id a new UUID) at exactly `expectedVersion`; it must not overlap another override. */
  async addOverride(input: AddOverrideCommand, actor: Actor): Promise<OncallScheduleEntity> {
    const current = await this.atVersion(input.schedule, input.expectedVersion);
    const override = {
      id: randomUUID(),
      userId: input.userId,
      start: instantOf(input.start),
      end: instantOf(input.end),
    };
    const document: ScheduleDocument = {
      ...current.document,
      overrides: [...(current.document.overrides ?? []), override],
    };
    const issues = validateSchedule({ id: current.id, ...document });
    if (issues.length > 0) throw OncallException.invalid(OncallApiErrorCode.INVALID_SCHEDULE, issues);
    await this.users.assertKnownUsers([input.userId]);
    const result = await this.schedules.replace(current.name, input.expectedVersion, document, actor.id);
    return this.written(current.name, input.expectedVersion, result);
  }

  async removeOverride(
    name: string,
    overrideId: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<OncallScheduleEntity> {
    const current = await this.atVersion(name, expectedVersion);
    const overrides = current.document.overrides ?? [];
    if (!overrides.some((o) => o.id === overrideId)) {
      throw new OncallException(
        OncallApiErrorCode.OVERRIDE_NOT_FOUND,
        `on-call schedule "${name}" has no override "${overrideId}"`,
      );
    }
    const document = { ...current.document, overrides: overrides.filter((o) => o.id !== overrideId) };
    return this.written(name, expectedVersion, await this.schedules.replace(name, expectedVersion, document, actor.id));
  }

  async delete(name: string, expectedVersion: number): Promise<void> {
    this.written(name, expectedVersion, await this.schedules.delete(name, expectedVersion));
  }

  /** The shift containing `at` (now when absent), or null when nobody is on call then. */
  async onCallNow(name: string, at: Date | undefined): Promise<Shift | null> {
    const schedule = asSchedule(await this.get(name));
    const atMs = this.instantArgument(at ?? new Date(), 'at');
    if (translated(() => onCallAt(schedule, atMs)) === null) return null;
    let found: Shift | undefined;
    for (const reach of SHIFT_REACH_DAYS) {
      const from = Math.max(0, atMs - reach * DAY_MS);
      const to = atMs + reach * DAY_MS;
      found = translated(() => shifts(schedule, from, to)).find(
        (s) => Date.parse(s.start) <= atMs && atMs < Date.parse(s.end),
      );
      // A shift touching the window's edge may go on beyond it: look further (400 days at most).
      if (found && (Date.parse(found.start) > from || from === 0) && Date.parse(found.end) < to) return found;
    }
    return found ?? null;
  }

  /** The final shifts in [from, to), clipped to it, at most MAX_SHIFT_RANGE_DAYS long. */
  async shifts(name: string, from: Date, to: Date): Promise<Shift[]> {
    const fromMs = this.instantArgument(from, 'from');
    const toMs = this.instantArgument(to, 'to');
    if (toMs <= fromMs) {
      throw OncallException.invalid(OncallApiErrorCode.INVALID_ONCALL_ARGUMENT, [
        issue('to', `must be after from (${toIso(fromMs)}), got ${toIso(toMs)}`),
      ]);
    }
    const days = (toMs - fromMs) / DAY_MS;
    if (days > MAX_SHIFT_RANGE_DAYS) {
      throw OncallException.invalid(OncallApiErrorCode.INVALID_ONCALL_ARGUMENT, [
        issue(
          'to',
          `must be at most ${MAX_SHIFT_RANGE_DAYS} days after from (${toIso(fromMs)}), got ${Math.round(days * 1000) / 1000} days`,
        ),
      ]);
    }
    const schedule = asSchedule(await this.get(name));
    return translated(() => shifts(schedule, fromMs, toMs));
  }

  private instantArgument(date: Date, field: string): number {
    const ms = date.getTime();
    if (Number.isNaN(ms)) {
      throw OncallException.invalid(OncallApiErrorCode.INVALID_ONCALL_ARGUMENT, [
        issue(field, 'must be an ISO 8601 date-time with a UTC offset, e.g. 2024-03-01T09:00:00Z'),
      ]);
    }
    return ms;
  }

  /** The schedule as the caller read it: NOT_FOUND when missing, CONFLICT when it has changed since. */
  private async atVersion(name: string, expectedVersion: number): Promise<OncallScheduleEntity> {
    const current = await this.get(name);
    if (current.version !== expectedVersion) {
      throw this.notWritten(name, expectedVersion, { ok: false, reason: 'conflict', version: current.version });
    }
    return current;
  }

  private written(name: string, expected: number | undefined, result: ScheduleWriteResult): OncallScheduleEntity {
    if (result.ok) return result.entity;
    throw this.notWritten(name, expected, result);
  }

  /** The refusal of a write whose expected version did not hold, saying what was found instead. */
  private notWritten(
    name: string,
    expected: number | undefined,
    result: Exclude<ScheduleWriteResult, { ok: true }>,
  ): OncallException {
    switch (result.reason) {
      case 'not-found':
        return new OncallException(
          OncallApiErrorCode.SCHEDULE_NOT_FOUND,
          `on-call schedule "${name}" does not exist (expected version ${expected}); ` +
            'to create it, save it without expectedVersion',
        );
      case 'exists':
        return new OncallException(
          OncallApiErrorCode.SCHEDULE_VERSION_CONFLICT,
          `on-call schedule "${name}" already exists (version ${result.version}); pass that version to replace it`,
          { version: result.version },
        );
      case 'conflict':
        return new OncallException(
          OncallApiErrorCode.SCHEDULE_VERSION_CONFLICT,
          `on-call schedule "${name}" was changed by someone else (expected version ${expected}, ` +
            `current version ${result.version}); reload it and retry`,
          { version: result.version },
        );
    }
  }
}
