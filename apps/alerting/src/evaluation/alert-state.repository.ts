import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AlertInstance } from '@keel/rules';

/** One alert of one rule, as stored. */
export interface StoredAlert {
  groupKey: string;
  ruleName: string;
  alert: AlertInstance;
}

/** One state change, for the history. */
export interface AlertHistoryEntry {
  occurredAt: Date;
  groupKey: string;
  ruleName: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fromState: string;
  toState: string;
  value: number;
}

export interface AlertHistoryFilter {
  fingerprint?: string;
  ruleName?: string;
  from?: Date;
  to?: Date;
  first: number;
}

export interface AlertStateChanges {
  upserts: StoredAlert[];
  deletes: Array<{ groupKey: string; ruleName: string; fingerprint: string }>;
  history: AlertHistoryEntry[];
}

interface StateRow {
  group_key: string;
  rule_name: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertInstance['state'];
  value: number;
  active_at: Date;
  fired_at: Date | null;
  resolved_at: Date | null;
  last_sent_at: Date | null;
  valid_until: Date | null;
  keep_firing_since: Date | null;
}

interface HistoryRow {
  id: string;
  occurred_at: Date;
  group_key: string;
  rule_name: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  from_state: string;
  to_state: string;
  value: number | null;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const ms = (d: Date | null): number | undefined => (d === null ? undefined : d.getTime());
// JSON has no NaN or infinities; PostgreSQL's float8 input reads these spellings.
const floatText = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);

/**
 * Alert state and history in PostgreSQL. The evaluator writes only what changed: a state, a timer, a send time;
 * never the value alone, so a steady firing alert costs no writes.
 */
@Injectable()
export class AlertStateRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async loadAll(): Promise<StoredAlert[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM alert_states`)) as StateRow[];
    return rows.map((r) => ({
      groupKey: r.group_key,
      ruleName: r.rule_name,
      alert: {
        fingerprint: r.fingerprint,
        labels: r.labels,
        annotations: r.annotations,
        state: r.state,
        value: Number(r.value),
        activeAtMs: r.active_at.getTime(),
        ...opt('firedAtMs', ms(r.fired_at)),
        ...opt('resolvedAtMs', ms(r.resolved_at)),
        ...opt('lastSentAtMs', ms(r.last_sent_at)),
        ...opt('validUntilMs', ms(r.valid_until)),
        ...opt('keepFiringSinceMs', ms(r.keep_firing_since)),
      },
    }));
  }

  /** Applies one evaluation's changes in one transaction. */
  async apply(changes: AlertStateChanges): Promise<void> {
    if (changes.upserts.length === 0 && changes.deletes.length === 0 && changes.history.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      if (changes.deletes.length > 0) {
        await manager.query(
          `DELETE FROM alert_states s USING jsonb_to_recordset($1::jsonb) AS d(group_key text, rule_name text, fingerprint text)
           WHERE s.group_key = d.group_key AND s.rule_name = d.rule_name AND s.fingerprint = d.fingerprint`,
          [
            JSON.stringify(
              changes.deletes.map((d) => ({
                group_key: d.groupKey,
                rule_name: d.ruleName,
                fingerprint: d.fingerprint,
              })),
            ),
          ],
        );
      }
      if (changes.upserts.length > 0) {
        await manager.query(
          `INSERT INTO alert_states (group_key, rule_name, fingerprint, labels, annotations, state, value, active_at,
             fired_at, resolved_at, last_sent_at, valid_until, keep_firing_since, updated_at)
           SELECT group_key, rule_name, fingerprint, labels, annotations, state, value::float8, active_at, fired_at,
             resolved_at, last_sent_at, valid_until, keep_firing_since, now()
           FROM jsonb_to_recordset($1::jsonb) AS x(group_key text, rule_name text, fingerprint text, labels jsonb,
             annotations jsonb, state text, value text, active_at timestamptz, fired_at timestamptz,
             resolved_at timestamptz, last_sent_at timestamptz, valid_until timestamptz, keep_firing_since timestamptz)
           ON CONFLICT (group_key, rule_name, fingerprint) DO UPDATE SET
             labels = EXCLUDED.labels, annotations = EXCLUDED.annotations, state = EXCLUDED.state,
             value = EXCLUDED.value, active_at = EXCLUDED.active_at, fired_at = EXCLUDED.fired_at,
             resolved_at = EXCLUDED.resolved_at, last_sent_at = EXCLUDED.last_sent_at,
             valid_until = EXCLUDED.valid_until, keep_firing_since = EXCLUDED.keep_firing_since, updated_at = now()`,
          [
            JSON.stringify(
              changes.upserts.map(({ groupKey, ruleName, alert: a }) => ({
                group_key: groupKey,
                rule_name: ruleName,
                fingerprint: a.fingerprint,
                labels: a.labels,
                annotations: a.annotations,
                state: a.state,
                value: floatText(a.value),
                active_at: iso(a.activeAtMs),
                fired_at: iso(a.firedAtMs),
                resolved_at: iso(a.resolvedAtMs),
                last_sent_at: iso(a.lastSentAtMs),
                valid_until: iso(a.validUntilMs),
                keep_firing_since: iso(a.keepFiringSinceMs),
              })),
            ),
          ],
        );
      }
      if (changes.history.length > 0) {
        await manager.query(
          `INSERT INTO alert_history (occurred_at, group_key, rule_name, fingerprint, labels, annotations, from_state, to_state, value)
           SELECT occurred_at, group_key, rule_name, fingerprint, labels, annotations, from_state, to_state, value::float8
           FROM jsonb_to_recordset($1::jsonb) AS x(occurred_at timestamptz, group_key text, rule_name text,
             fingerprint text, labels jsonb, annotations jsonb, from_state text, to_state text, value text)`,
          [
            JSON.stringify(
              changes.history.map((h) => ({
                occurred_at: h.occurredAt.toISOString(),
                group_key: h.groupKey,
                rule_name: h.ruleName,
                fingerprint: h.fingerprint,
                labels: h.labels,
                annotations: h.annotations,
                from_state: h.fromState,
                to_state: h.toState,
                value: floatText(h.value),
              })),
            ),
          ],
        );
      }
    });
  }

  /** Forgets the state of groups that were removed (from their file, or a managed group deleted). */
  async deleteGroups(groupKeys: string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM alert_states WHERE group_key = ANY($1::text[])`, [groupKeys]);
  }

  async findHistory(filter: AlertHistoryFilter): Promise<Array<AlertHistoryEntry & { id: string }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.fingerprint) add('fingerprint = ?', filter.fingerprint);
    if (filter.ruleName) add('rule_name = ?', filter.ruleName);
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    params.push(filter.first);
    const rows = (await this.dataSource.query(
      `SELECT * FROM alert_history ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as HistoryRow[];
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      groupKey: r.group_key,
      ruleName: r.rule_name,
      fingerprint: r.fingerprint,
      labels: r.labels,
      annotations: r.annotations,
      fromState: r.from_state,
      toState: r.to_state,
      value: r.value === null ? Number.NaN : Number(r.value),
    }));
  }
}

function opt<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
