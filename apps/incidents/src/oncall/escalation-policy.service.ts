import { Injectable } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { UserDirectory } from '../directory';
import { DEFAULT_ESCALATION_POLICY_ID } from '../incidents/severity-policy';
import { validateEscalationPolicy, type EscalationPolicy, type EscalationTarget } from './escalation';
import type { EscalationPolicyEntity } from './escalation-policy.entity';
import { EscalationPolicyRepository, type PolicyWriteResult } from './escalation-policy.repository';
import { OncallScheduleRepository } from './oncall-schedule.repository';
import { OncallApiErrorCode, OncallException } from './oncall.exception';
import { issue, shown, type ValidationIssue } from './oncall-validation';

export const MAX_POLICY_NAME_LENGTH = 100;
/** Policy ids as severity policies reference them (`default`, `payments-primary`, …). */
const POLICY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface TargetCommand {
  userId?: string | null;
  /** A schedule's id or name. */
  schedule?: string | null;
}

export interface SavePolicyCommand {
  id: string;
  name: string;
  levels: Array<{ delayMinutes: number; targets: TargetCommand[] }>;
  repeat?: number | null;
}

@Injectable()
export class EscalationPolicyService {
  constructor(
    private readonly policies: EscalationPolicyRepository,
    private readonly schedules: OncallScheduleRepository,
    private readonly users: UserDirectory,
  ) {}

  list(): Promise<EscalationPolicyEntity[]> {
    return this.policies.findAll();
  }

  async get(id: string): Promise<EscalationPolicyEntity> {
    const found = await this.policies.findById(id);
    if (!found) {
      throw new OncallException(
        OncallApiErrorCode.ESCALATION_POLICY_NOT_FOUND,
        `escalation policy "${id}" does not exist`,
      );
    }
    return found;
  }

  /**
   * Creates the policy when `expectedVersion` is absent (CONFLICT when the id exists), else replaces its name,
   * levels and repeat at exactly that version. Schedule targets are given by id or name and stored by id; an
   * unknown one is refused, naming the target's field. User targets must be users of identity (refused by name:
   * directory/README.md), checked once the policy itself is valid.
   */
  async save(
    input: SavePolicyCommand,
    expectedVersion: number | null | undefined,
    actor: Actor,
  ): Promise<EscalationPolicyEntity> {
    const id = input.id.trim();
    const name = input.name.trim();
    const issues: ValidationIssue[] = [];
    if (!POLICY_ID.test(id)) {
      issues.push(
        issue(
          'id',
          `must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, got ${shown(input.id)}`,
        ),
      );
    }
    if (name.length === 0 || name.length > MAX_POLICY_NAME_LENGTH) {
      issues.push(issue('name', `must have 1 to ${MAX_POLICY_NAME_LENGTH} characters, got ${name.length}`));
    }
    const { policy, issues: targetIssues } = await this.resolveTargets(input);
    issues.push(...targetIssues, ...(targetIssues.length === 0 ? validateEscalationPolicy(policy) : []));
    if (issues.length > 0) throw OncallException.invalid(OncallApiErrorCode.INVALID_ESCALATION_POLICY, issues);
    const userTargets = (levels: typeof policy.levels): string[] =>
      levels.flatMap((level) => level.targets.flatMap((t) => (t.kind === 'user' ? [t.userId] : [])));
    // A user the policy already paged may since have been disabled: only newly named users must be active.
    const before = expectedVersion === undefined || expectedVersion === null ? null : await this.policies.findById(id);
    await this.users.assertKnownUsers(userTargets(policy.levels), {
      alreadyNamed: before ? userTargets(before.document.levels) : [],
    });

    const result =
      expectedVersion === undefined || expectedVersion === null
        ? await this.policies.create(id, name, policy, actor.id)
        : await this.policies.replace(id, expectedVersion, name, policy, actor.id);
    return this.written(id, expectedVersion ?? undefined, result);
  }

  /** Deletes the policy at exactly `expectedVersion`; never the default policy, nor one running escalations use. */
  async delete(id: string, expectedVersion: number): Promise<void> {
    if (id === DEFAULT_ESCALATION_POLICY_ID) {
      throw new OncallException(
        OncallApiErrorCode.ESCALATION_POLICY_IN_USE,
        `escalation policy "${id}" is the default policy that P0 and P1 incidents page; replace it instead of deleting it`,
      );
    }
    this.written(id, expectedVersion, await this.policies.delete(id, expectedVersion));
  }

  /** The policy with every target resolved: users as given, schedules by id or name to their id. */
  private async resolveTargets(
    input: SavePolicyCommand,
  ): Promise<{ policy: EscalationPolicy; issues: ValidationIssue[] }> {
    const issues: ValidationIssue[] = [];
    const wanted = new Set<string>();
    for (const level of input.levels) for (const t of level.targets) if (t.schedule) wanted.add(t.schedule.trim());
    const byKey = new Map<string, string>();
    const found = await this.schedules.findByIds([...wanted]);
    for (const s of found) byKey.set(s.id, s.id);
    for (const key of wanted) {
      if (byKey.has(key)) continue;
      const named = await this.schedules.findByName(key);
      if (named) byKey.set(key, named.id);
    }
    const levels = input.levels.map((level, i) => ({
      delayMinutes: level.delayMinutes,
      targets: level.targets.flatMap((target, k): EscalationTarget[] => {
        const field = `levels[${i}].targets[${k}]`;
        const userId = target.userId?.trim() ?? '';
        const schedule = target.schedule?.trim() ?? '';
        if ((userId === '') === (schedule === '')) {
          issues.push(issue(field, 'must name exactly one of userId or schedule'));
          return [];
        }
        if (userId !== '') return [{ kind: 'user', userId }];
        const scheduleId = byKey.get(schedule);
        if (scheduleId === undefined) {
          issues.push(issue(`${field}.schedule`, `names no on-call schedule (by id or name): "${schedule}"`));
          return [];
        }
        return [{ kind: 'schedule', scheduleId }];
      }),
    }));
    return { policy: { levels, repeat: input.repeat ?? 0 }, issues };
  }

  private written(id: string, expected: number | undefined, result: PolicyWriteResult): EscalationPolicyEntity {
    if (result.ok) return result.entity;
    switch (result.reason) {
      case 'not-found':
        throw new OncallException(
          OncallApiErrorCode.ESCALATION_POLICY_NOT_FOUND,
          `escalation policy "${id}" does not exist (expected version ${expected}); ` +
            'to create it, save it without expectedVersion',
        );
      case 'name-taken':
        throw new OncallException(
          OncallApiErrorCode.ESCALATION_POLICY_VERSION_CONFLICT,
          `another escalation policy is already named "${result.name}"`,
        );
      case 'exists':
        throw new OncallException(
          OncallApiErrorCode.ESCALATION_POLICY_VERSION_CONFLICT,
          `escalation policy "${id}" already exists (version ${result.version}); pass that version to replace it`,
          { version: result.version },
        );
      case 'conflict':
        throw new OncallException(
          OncallApiErrorCode.ESCALATION_POLICY_VERSION_CONFLICT,
          `escalation policy "${id}" was changed by someone else (expected version ${expected}, ` +
            `current version ${result.version}); reload it and retry`,
          { version: result.version },
        );
      case 'in-use':
        throw new OncallException(
          OncallApiErrorCode.ESCALATION_POLICY_IN_USE,
          `escalation policy "${id}" is used by ${result.runningEscalations} running escalation` +
            `${result.runningEscalations === 1 ? '' : 's'}; delete it once they have ended`,
        );
    }
  }
}
