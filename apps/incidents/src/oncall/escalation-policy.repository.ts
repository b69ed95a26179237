import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { EscalationPolicyEntity, type EscalationPolicyDocument } from './escalation-policy.entity';

/** Why a policy was not written: missing, already there (a create), its name taken, changed, or in use. */
export type PolicyWriteResult =
  | { ok: true; entity: EscalationPolicyEntity }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'name-taken'; name: string }
  | { ok: false; reason: 'exists' | 'conflict'; version?: number }
  | { ok: false; reason: 'in-use'; runningEscalations: number };

const PKEY = 'escalation_policies_pkey';
const NAME_KEY = 'escalation_policies_name_key';

function violatedKey(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const driver = (error as Error & { driverError?: { code?: unknown; constraint?: unknown } }).driverError;
  return driver?.code === '23505' && typeof driver.constraint === 'string' ? driver.constraint : undefined;
}

@Injectable()
export class EscalationPolicyRepository {
  private readonly policies: Repository<EscalationPolicyEntity>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.policies = dataSource.getRepository(EscalationPolicyEntity);
  }

  findAll(): Promise<EscalationPolicyEntity[]> {
    return this.policies.find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<EscalationPolicyEntity | null> {
    return this.policies.findOneBy({ id });
  }

  /** Creates the policy at version 1; an id or a name already taken is refused. */
  async create(id: string, name: string, document: EscalationPolicyDocument, byId: string): Promise<PolicyWriteResult> {
    try {
      const created = await this.policies.save(this.policies.create({ id, name, document, updatedById: byId }));
      return { ok: true, entity: created };
    } catch (error) {
      const key = violatedKey(error);
      if (key === NAME_KEY) return { ok: false, reason: 'name-taken', name };
      if (key !== PKEY) throw error;
      const existing = await this.findById(id);
      return { ok: false, reason: 'exists', ...(existing ? { version: existing.version } : {}) };
    }
  }

  /** Replaces name and document only at `expectedVersion` (`UPDATE … WHERE id = $1 AND version = $2`). */
  async replace(
    id: string,
    expectedVersion: number,
    name: string,
    document: EscalationPolicyDocument,
    byId: string,
  ): Promise<PolicyWriteResult> {
    let affected: number | undefined;
    try {
      const result = await this.policies
        .createQueryBuilder()
        .update()
        .set({ name, document, updatedById: byId, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :id AND version = :version', { id, version: expectedVersion })
        .execute();
      affected = result.affected;
    } catch (error) {
      if (violatedKey(error) === NAME_KEY) return { ok: false, reason: 'name-taken', name };
      throw error;
    }
    const current = await this.findById(id);
    if (affected === 1 && current) return { ok: true, entity: current };
    return this.missed(current);
  }

  /**
   * Deletes the policy at `expectedVersion` unless running escalations use it. The policy row is locked first
   * (FOR UPDATE), and an escalation starting reads it FOR SHARE, so the two cannot cross.
   */
  delete(id: string, expectedVersion: number): Promise<PolicyWriteResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ version: number }>>(
        `SELECT version FROM escalation_policies WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const current = rows[0];
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.version !== expectedVersion) return { ok: false, reason: 'conflict', version: current.version };
      const running = await manager.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM incident_escalations WHERE policy_id = $1 AND status = 'running'`,
        [id],
      );
      const count = running[0]?.count ?? 0;
      if (count > 0) return { ok: false, reason: 'in-use', runningEscalations: count };
      const entity = await manager.getRepository(EscalationPolicyEntity).findOneByOrFail({ id });
      await manager.query(`DELETE FROM escalation_policies WHERE id = $1`, [id]);
      return { ok: true, entity };
    });
  }

  private missed(current: EscalationPolicyEntity | null): PolicyWriteResult {
    return current ? { ok: false, reason: 'conflict', version: current.version } : { ok: false, reason: 'not-found' };
  }
}
