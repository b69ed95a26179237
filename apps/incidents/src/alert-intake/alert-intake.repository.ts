import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SqlRunner } from '../incidents/incident-hooks';
import type { TimelineContext } from '../incidents/timeline';
import { type NewTimelineEntry, TimelineRepository } from '../incidents/timeline.repository';
import type { AlertLinkState, IncidentAlertLink, IncidentForIntake, ProcessedAlertEvent } from './alert-intake.types';
import { INTAKE_OPEN_STATUSES } from './decide-intake';

/** The statements of one intake transaction; only valid inside `AlertIntakeRepository.inTransaction`. */
export interface IntakeTransaction {
  /** Takes transaction-scoped advisory locks on the keys, in hash order (so two transactions never deadlock). */
  lock(keys: readonly string[]): Promise<void>;
  isProcessed(dedupeKey: string): Promise<boolean>;
  /** Inserts the processed row; false when the key is there already (a concurrent delivery won). */
  recordProcessed(row: ProcessedAlertEvent, incidentId: string | null): Promise<boolean>;
  setProcessedIncident(dedupeKey: string, incidentId: string): Promise<void>;
  /** Open incidents that link the fingerprint, link an alert of the group, or list the service; with all their links. */
  openCandidates(fingerprint: string, groupKey: string, service: string | null): Promise<IncidentForIntake[]>;
  /** The transaction's SQL runner, for the incident core to open an incident in it. */
  readonly db: SqlRunner;
  upsertLink(link: IncidentAlertLink): Promise<void>;
  /** Appends timeline entries of one incident (validated by createTimelineEntry) in this transaction. */
  appendTimeline(entries: readonly NewTimelineEntry[], context: TimelineContext): Promise<void>;
}

interface LinkRow {
  incident_id: string;
  fingerprint: string;
  alertname: string;
  group_key: string;
  service: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  first_firing_at: Date;
  last_firing_at: Date;
  last_state: string;
  last_state_at: Date;
  resolved_at: Date | null;
  generator_url: string | null;
}

function toLink(row: LinkRow): IncidentAlertLink {
  return {
    incidentId: row.incident_id,
    fingerprint: row.fingerprint,
    alertname: row.alertname,
    groupKey: row.group_key,
    service: row.service,
    labels: row.labels,
    annotations: row.annotations,
    firstFiringAt: row.first_firing_at,
    lastFiringAt: row.last_firing_at,
    lastState: row.last_state as AlertLinkState,
    lastStateAt: row.last_state_at,
    resolvedAt: row.resolved_at,
    generatorUrl: row.generator_url,
  };
}

const LINK_COLUMNS = `incident_id, fingerprint, alertname, group_key, service, labels, annotations, first_firing_at,
  last_firing_at, last_state, last_state_at, resolved_at, generator_url`;

class SqlIntakeTransaction implements IntakeTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly timeline: TimelineRepository,
  ) {}

  get db(): SqlRunner {
    return this.manager;
  }

  async appendTimeline(entries: readonly NewTimelineEntry[], context: TimelineContext): Promise<void> {
    await this.timeline.append(this.manager, entries, context);
  }

  async lock(keys: readonly string[]): Promise<void> {
    const hashes = await this.manager.query<Array<{ h: number }>>(
      `SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h`,
      [[...keys]],
    );
    for (const { h } of hashes) await this.manager.query(`SELECT pg_advisory_xact_lock($1::integer)`, [h]);
  }

  async isProcessed(dedupeKey: string): Promise<boolean> {
    const rows = await this.manager.query<unknown[]>(`SELECT 1 FROM alert_intake_processed WHERE dedupe_key = $1`, [
      dedupeKey,
    ]);
    return rows.length > 0;
  }

  async recordProcessed(row: ProcessedAlertEvent, incidentId: string | null): Promise<boolean> {
    const inserted = await this.manager.query<unknown[]>(
      `INSERT INTO alert_intake_processed (dedupe_key, event_id, fingerprint, outcome, ignore_reason, incident_id, processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING dedupe_key`,
      [row.dedupeKey, row.eventId, row.fingerprint, row.outcome, row.ignoreReason, incidentId, row.processedAt],
    );
    return inserted.length === 1;
  }

  async setProcessedIncident(dedupeKey: string, incidentId: string): Promise<void> {
    await this.manager.query(`UPDATE alert_intake_processed SET incident_id = $2 WHERE dedupe_key = $1`, [
      dedupeKey,
      incidentId,
    ]);
  }

  async openCandidates(fingerprint: string, groupKey: string, service: string | null): Promise<IncidentForIntake[]> {
    const incidents = await this.manager.query<
      Array<{ id: string; status: string; severity: string; services: string[]; created_at: Date }>
    >(
      `SELECT i.id, i.status, i.severity, i.services, i.created_at
         FROM incidents i
        WHERE i.status = ANY($1::text[])
          AND (EXISTS (SELECT 1 FROM incident_alerts a
                        WHERE a.incident_id = i.id AND (a.fingerprint = $2 OR a.group_key = $3))
               OR ($4::text IS NOT NULL AND i.services @> ARRAY[$4::text]))
        ORDER BY i.id`,
      [[...INTAKE_OPEN_STATUSES], fingerprint, groupKey, service],
    );
    if (incidents.length === 0) return [];
    const links = await this.manager.query<LinkRow[]>(
      `SELECT ${LINK_COLUMNS} FROM incident_alerts WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, fingerprint`,
      [incidents.map((i) => i.id)],
    );
    return incidents.map((incident) => ({
      id: incident.id,
      status: incident.status as IncidentForIntake['status'],
      severity: incident.severity as IncidentForIntake['severity'],
      services: incident.services,
      openedAt: incident.created_at,
      links: links.filter((l) => l.incident_id === incident.id).map(toLink),
    }));
  }

  async upsertLink(link: IncidentAlertLink): Promise<void> {
    await this.manager.query(
      `INSERT INTO incident_alerts (${LINK_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (incident_id, fingerprint) DO UPDATE SET
         alertname = EXCLUDED.alertname, group_key = EXCLUDED.group_key, service = EXCLUDED.service,
         labels = EXCLUDED.labels, annotations = EXCLUDED.annotations, first_firing_at = EXCLUDED.first_firing_at,
         last_firing_at = EXCLUDED.last_firing_at, last_state = EXCLUDED.last_state,
         last_state_at = EXCLUDED.last_state_at, resolved_at = EXCLUDED.resolved_at,
         generator_url = EXCLUDED.generator_url`,
      [
        link.incidentId,
        link.fingerprint,
        link.alertname,
        link.groupKey,
        link.service,
        JSON.stringify(link.labels),
        JSON.stringify(link.annotations),
        link.firstFiringAt,
        link.lastFiringAt,
        link.lastState,
        link.lastStateAt,
        link.resolvedAt,
        link.generatorUrl,
      ],
    );
  }
}

/** incident_alerts and alert_intake_processed: the storage of the alert intake (raw SQL in one transaction). */
@Injectable()
export class AlertIntakeRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
  ) {}

  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  inTransaction<T>(work: (tx: IntakeTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new SqlIntakeTransaction(manager, this.timeline)));
  }

  /** The alerts linked to each of the incidents, by incident id (first firing first). */
  async linksOf(incidentIds: readonly string[]): Promise<Map<string, IncidentAlertLink[]>> {
    const byIncident = new Map<string, IncidentAlertLink[]>(incidentIds.map((id) => [id, []]));
    if (incidentIds.length === 0) return byIncident;
    const rows = await this.dataSource.query<LinkRow[]>(
      `SELECT ${LINK_COLUMNS} FROM incident_alerts WHERE incident_id = ANY($1::uuid[])
        ORDER BY first_firing_at, fingerprint`,
      [[...incidentIds]],
    );
    for (const row of rows) byIncident.get(row.incident_id)?.push(toLink(row));
    return byIncident;
  }
}
