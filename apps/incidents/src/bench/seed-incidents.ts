// The incidents benchmark's data set, written with set-based SQL (generate_series) straight into the incidents
// service's schema after its migrations ran: incidents spread over the year before `now`, their milestones, timeline
// entries, linked alerts, and post-mortems with action items for P0/P1. The shapes are the ones the service writes
// (timeline details of incidents/timeline.ts, post-mortem documents of postmortems/post-mortem.document.ts), so the
// service reads every seeded row back as its own. Deterministic for a given `now` (setseed). Repeats are decided by
// the service's own `findRepeat`.
import type { Client } from 'pg';
import type { ActionItemStatus } from '../postmortems';
import { actionItemsDoneAt, findRepeat, type RepeatCandidate, type RepeatIncident } from '../retrospectives';
import { REPEAT_LOOKBACK_DAYS } from '../retrospectives/repeat-recorder';

export interface SeedOptions {
  incidents: number;
  /** Catalog names, most incident-prone first (service k is picked with a probability falling like 1/√k). */
  services: readonly string[];
  /** Identity user ids: declarers, responders, post-mortem and action item owners. */
  users: readonly string[];
  now: Date;
}

export interface SeedCounts {
  incidents: number;
  milestones: number;
  timeline: number;
  alerts: number;
  postMortems: number;
  actionItems: number;
  repeats: number;
}

/** Log-normal delay in seconds with the given median and spread (Box–Muller from two uniforms). */
const lognormal = (median: string, sigma: number): string =>
  `exp(ln(${median}) + ${sigma} * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))`;

/** Time columns as the service stores them in JSON: ISO 8601 in UTC with milliseconds. */
const ISO_FUNCTION = `
  CREATE FUNCTION pg_temp.iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`;

// The options reach the SQL as session settings (set_config), so no statement needs bind parameters.
const NOW = "current_setting('bench.now')::timestamptz";
const COUNT = "current_setting('bench.count')::int";
const SERVICES = "current_setting('bench.services')::text[]";
const USERS = "current_setting('bench.users')::text[]";

/** One row per incident with everything later statements derive from. */
const SEED_TABLE = `
  CREATE TEMP TABLE bench_seed AS
  WITH base AS (
    SELECT g AS n, gen_random_uuid() AS id,
           ${NOW} - random() * interval '365 days' AS created_at,
           random() AS r_sev, random() AS r_status, random() AS r_k, random() AS r_alert, random() AS r_kind
      FROM generate_series(1, ${COUNT}) g
  ), shaped AS (
    SELECT b.*,
           CASE WHEN r_sev < 0.02 THEN 'P0' WHEN r_sev < 0.12 THEN 'P1' WHEN r_sev < 0.45 THEN 'P2' ELSE 'P3' END
             AS severity,
           CASE WHEN created_at < ${NOW} - interval '7 days' THEN
             CASE WHEN r_status < 0.03 THEN 'declined' WHEN r_status < 0.035 THEN 'mitigated'
                  WHEN r_status < 0.14 THEN 'resolved' ELSE 'closed' END
           ELSE
             CASE WHEN r_status < 0.05 THEN 'triage' WHEN r_status < 0.08 THEN 'declined'
                  WHEN r_status < 0.22 THEN 'investigating' WHEN r_status < 0.32 THEN 'identified'
                  WHEN r_status < 0.42 THEN 'monitoring' WHEN r_status < 0.52 THEN 'mitigated'
                  WHEN r_status < 0.76 THEN 'resolved' ELSE 'closed' END
           END AS status,
           r_alert < 0.35 AS from_alert,
           CASE WHEN r_k < 0.02 THEN '{}'::text[]
                ELSE ARRAY(SELECT DISTINCT s FROM unnest(ARRAY[
                       (${SERVICES})[1 + floor(array_length(${SERVICES}, 1) * power(random(), 2))::int],
                       CASE WHEN r_k < 0.3 + 0 * b.n THEN
                         (${SERVICES})[1 + floor(array_length(${SERVICES}, 1) * power(random(), 2))::int] END,
                       CASE WHEN r_k < 0.08 THEN
                         (${SERVICES})[1 + floor(array_length(${SERVICES}, 1) * power(random(), 2))::int] END
                     ]) s WHERE s IS NOT NULL) END AS services,
           (${USERS})[1 + floor(random() * array_length(${USERS}, 1))::int] AS responder
      FROM base b
  ), timed AS (
    SELECT s.*, s.created_at - random() * interval '5 minutes' AS detected_at,
           CASE severity WHEN 'P0' THEN 120 WHEN 'P1' THEN 240 WHEN 'P2' THEN 600 ELSE 1500 END AS ack_median,
           CASE severity WHEN 'P0' THEN 2100 WHEN 'P1' THEN 3000 WHEN 'P2' THEN 5400 ELSE 10800 END AS mitigate_median
      FROM shaped s
  )
  SELECT n, id, created_at, severity, status, from_alert, services, responder, detected_at,
         from_alert OR status IN ('triage', 'declined') AS opened_in_triage,
         CASE WHEN random() < 0.6 THEN detected_at - (60 + random() * 1740) * interval '1 second' END
           AS impact_started_at,
         CASE WHEN status NOT IN ('triage', 'declined') THEN
           least(${NOW}, detected_at + ${lognormal('ack_median', 0.8)} * interval '1 second') END
           AS acknowledged_at,
         mitigate_median,
         CASE WHEN r_kind < 0.2 THEN 'database' WHEN r_kind < 0.35 THEN 'deployment' WHEN r_kind < 0.45 THEN 'network'
              WHEN r_kind < 0.55 THEN 'capacity' WHEN r_kind < 0.58 THEN 'security' END AS type
    FROM timed`;

/** Adds mitigated / resolved / closed instants (never after now) as the status implies. */
const SEED_TIMES = [
  `ALTER TABLE bench_seed ADD COLUMN mitigated_at timestamptz, ADD COLUMN resolved_at timestamptz,
                         ADD COLUMN closed_at timestamptz, ADD COLUMN declined_at timestamptz`,
  `UPDATE bench_seed SET mitigated_at = least(${NOW},
         acknowledged_at + ${lognormal('mitigate_median', 0.9)} * interval '1 second')
   WHERE status IN ('mitigated', 'resolved', 'closed')`,
  `UPDATE bench_seed SET resolved_at = least(${NOW},
         mitigated_at + ${lognormal('2700', 1.0)} * interval '1 second')
   WHERE status IN ('resolved', 'closed')`,
  `UPDATE bench_seed SET closed_at = least(${NOW}, resolved_at + (1 + random() * 9) * interval '1 day')
   WHERE status = 'closed'`,
  `UPDATE bench_seed SET declined_at = least(${NOW}, created_at + (2 + random() * 40) * interval '1 minute')
   WHERE status = 'declined'`,
];

const INSERT_INCIDENTS = `
  INSERT INTO incidents (id, title, description, severity, status, services, declared_by_id, declared_by_name, version,
                         created_at, updated_at, type, tags, triage_outcome)
  SELECT id,
         (ARRAY['Elevated 5xx rate', 'p99 latency above SLO', 'Consumer lag growing', 'Pods crash-looping',
                'Database connections exhausted', 'Disk almost full', 'Certificate about to expire',
                'Replication lag', 'Failed deployment rolled back', 'Third-party API timeouts'])[1 + n % 10]
           || coalesce(' on ' || services[1], ''),
         'Seeded by bench:incidents.', severity, status, services,
         CASE WHEN from_alert THEN 'alerting' ELSE responder END,
         CASE WHEN from_alert THEN 'keel.alerts.v1' ELSE 'bench responder' END,
         1 + (acknowledged_at IS NOT NULL)::int + (mitigated_at IS NOT NULL)::int + (resolved_at IS NOT NULL)::int
           + (closed_at IS NOT NULL)::int + (opened_in_triage AND status <> 'triage')::int,
         created_at,
         greatest(created_at, acknowledged_at, mitigated_at, resolved_at, closed_at, declined_at),
         type,
         CASE WHEN severity IN ('P0', 'P1') AND n % 3 = 0 THEN ARRAY['customer-facing'] ELSE '{}' END,
         CASE WHEN status = 'declined' THEN 'declined' WHEN opened_in_triage AND status <> 'triage' THEN 'accepted' END
    FROM bench_seed`;

/** The response times the incident row keeps beside its milestones (IncidentStateRepository writes them). */
const UPDATE_RESPONSE_TIMES = `
  UPDATE incidents i
     SET time_to_acknowledge_ms = floor(extract(epoch FROM s.acknowledged_at) * 1000)
                                - floor(extract(epoch FROM s.detected_at) * 1000),
         time_to_resolve_ms = floor(extract(epoch FROM s.resolved_at) * 1000)
                            - floor(extract(epoch FROM s.detected_at) * 1000)
    FROM bench_seed s
   WHERE s.id = i.id`;

const INSERT_MILESTONES = `
  INSERT INTO incident_milestones (incident_id, name, value, captured_value, captured_at, captured_by)
  SELECT id, m.name, m.value, m.value, m.value, responder
    FROM bench_seed,
         LATERAL (VALUES ('impact_started', impact_started_at), ('detected', detected_at),
                         ('acknowledged', acknowledged_at), ('mitigated', mitigated_at),
                         ('resolved', resolved_at), ('closed', closed_at)) AS m(name, value)
   WHERE m.value IS NOT NULL`;

/** Opening, accepted triage, milestones, status changes, notes; actor columns as the service writes them. */
const INSERT_TIMELINE = `
  INSERT INTO incident_timeline (incident_id, kind, actor_type, actor_id, actor_name, occurred_at, recorded_at,
                                 key_event, detail)
  SELECT id, e.kind, e.actor_type, e.actor_id, e.actor_name, least(${NOW}, e.at), least(${NOW}, e.at),
         e.kind <> 'note', e.detail
    FROM bench_seed,
         LATERAL (
           SELECT 'status_change' AS kind,
                  CASE WHEN from_alert THEN 'system' ELSE 'user' END AS actor_type,
                  CASE WHEN from_alert THEN 'alerting' ELSE responder END AS actor_id,
                  CASE WHEN from_alert THEN 'keel.alerts.v1' ELSE 'bench responder' END AS actor_name,
                  created_at AS at,
                  jsonb_build_object('kind', 'status_change', 'from', NULL,
                                     'to', CASE WHEN opened_in_triage THEN 'triage' ELSE 'investigating' END,
                                     'reason', NULL, 'mergedIntoId', NULL) AS detail
           UNION ALL
           SELECT 'status_change', 'user', responder, 'bench responder', created_at + interval '90 seconds',
                  jsonb_build_object('kind', 'status_change', 'from', 'triage', 'to', 'investigating',
                                     'reason', NULL, 'mergedIntoId', NULL)
            WHERE opened_in_triage AND status NOT IN ('triage', 'declined')
           UNION ALL
           SELECT 'status_change', 'user', responder, 'bench responder', declined_at,
                  jsonb_build_object('kind', 'status_change', 'from', 'triage', 'to', 'declined',
                                     'reason', 'Duplicate of an open incident', 'mergedIntoId', NULL)
            WHERE declined_at IS NOT NULL
           UNION ALL
           SELECT 'milestone', 'user', responder, 'bench responder', m.value,
                  jsonb_build_object('kind', 'milestone', 'milestone', m.name, 'value', pg_temp.iso(m.value),
                                     'previousValue', NULL, 'reason', NULL)
             FROM (VALUES ('acknowledged', acknowledged_at), ('mitigated', mitigated_at),
                          ('resolved', resolved_at), ('closed', closed_at)) AS m(name, value)
            WHERE m.value IS NOT NULL
           UNION ALL
           SELECT 'status_change', 'user', responder, 'bench responder',
                  coalesce(closed_at, resolved_at, mitigated_at, acknowledged_at + interval '10 minutes'),
                  jsonb_build_object('kind', 'status_change', 'from', 'investigating', 'to', status,
                                     'reason', NULL, 'mergedIntoId', NULL)
            WHERE status NOT IN ('triage', 'declined', 'investigating')
           UNION ALL
           SELECT 'note', 'user', responder, 'bench responder',
                  created_at + random() * (coalesce(resolved_at, mitigated_at, acknowledged_at, created_at)
                                           - created_at + interval '5 minutes') * k / 2,
                  jsonb_build_object('kind', 'note', 'text',
                    (ARRAY['Rolled back the last deploy', 'Scaled the consumer group out',
                           'Customer support reports checkout failures', 'Failover to the replica done',
                           'Vendor confirmed the outage on their status page'])[1 + (n + k) % 5])
             FROM generate_series(1, 1 + (n % 2)) k
         ) e`;

const INSERT_ALERTS = `
  INSERT INTO incident_alerts (incident_id, fingerprint, alertname, group_key, service, labels, annotations,
                               first_firing_at, last_firing_at, last_state, last_state_at, resolved_at)
  SELECT s.id, substr(md5(s.id::text || a.k), 1, 16), a.alertname,
         format('{}:{alertname="%s", service="%s"}', a.alertname, coalesce(s.services[1], '')),
         s.services[1],
         jsonb_build_object('alertname', a.alertname, 'service', coalesce(s.services[1], ''), 'severity', 'page'),
         jsonb_build_object('summary', a.alertname || ' firing on ' || coalesce(s.services[1], 'unknown')),
         s.detected_at - random() * interval '3 minutes', s.detected_at,
         CASE WHEN s.resolved_at IS NULL THEN 'firing' ELSE 'resolved' END,
         coalesce(s.resolved_at, s.detected_at), s.resolved_at
    FROM bench_seed s,
         -- 120 rule names (12 signals × 10 components), the low ones far more often (index ⌊120 · u²⌋): a platform
         -- of 40 services has rules in the hundreds, and a handful would make nearly every alert incident a repeat.
         LATERAL (SELECT k, (ARRAY['HighErrorRate', 'HighLatencyP99', 'KafkaConsumerLag', 'PodCrashLooping',
                                   'PostgresConnectionsHigh', 'DiskAlmostFull', 'CertificateExpiry',
                                   'ReplicationLag', 'QueueBacklog', 'MemoryPressure', 'SaturatedThreadPool',
                                   'SloBurnRateFast'])[1 + r.i % 12]
                           || (ARRAY['', 'Api', 'Worker', 'Db', 'Cache', 'Queue', 'Gateway', 'Batch', 'Search',
                                     'Auth'])[1 + r.i / 12 % 10] AS alertname
                    FROM generate_series(1, 1 + s.n % 3) k,
                         LATERAL (SELECT floor(120 * power(random() + 0 * k, 2))::int AS i) r) a
   WHERE s.from_alert`;

/** The alert entries of the linked alerts, as the intake writes them. */
const INSERT_ALERT_TIMELINE = `
  INSERT INTO incident_timeline (incident_id, kind, actor_type, actor_id, actor_name, occurred_at, recorded_at,
                                 key_event, detail)
  SELECT incident_id, 'alert', 'system', 'alerting', 'keel.alerts.v1', first_firing_at, first_firing_at, false,
         jsonb_build_object('kind', 'alert', 'fingerprint', fingerprint, 'ruleName', alertname, 'state', 'firing',
                            'summary', annotations ->> 'summary')
    FROM incident_alerts`;

/** P0/P1 past mitigation: a post-mortem, published once the incident closed, in review or draft before. */
const INSERT_POST_MORTEMS = [
  `CREATE TEMP TABLE bench_pm AS
  SELECT gen_random_uuid() AS pm_id, s.*,
         least(${NOW}, s.mitigated_at + interval '10 minutes') AS pm_created_at,
         CASE WHEN s.status = 'closed' AND random() < 0.95 THEN 'published'
              WHEN s.status IN ('resolved', 'closed') AND random() < 0.5 THEN 'in_review' ELSE 'draft' END AS pm_status,
         (ARRAY['code_change', 'configuration_change', 'latent_defect', 'capacity', 'dependency_failure',
                'infrastructure', 'monitoring_gap', 'process'])[1 + floor(8 * power(random(), 1.5))::int] AS factor1,
         (ARRAY['monitoring_gap', 'process', 'communication', 'data', 'security'])[1 + floor(random() * 5)::int]
           AS factor2
    FROM bench_seed s
   WHERE s.severity IN ('P0', 'P1') AND s.mitigated_at IS NOT NULL`,
  'ALTER TABLE bench_pm ADD COLUMN pm_published_at timestamptz',
  `UPDATE bench_pm SET pm_published_at = least(${NOW}, resolved_at + (2 + random() * 5) * interval '1 day')
   WHERE pm_status = 'published'`,
  `INSERT INTO post_mortems (id, incident_id, status, document, owner_id, created_by_id, version, created_at,
                            updated_at, published_at, published_by_id)
  SELECT pm_id, id, pm_status,
         jsonb_build_object(
           'title', 'Post-mortem: ' || severity || ' incident of ' || pg_temp.iso(created_at),
           'reviewerIds', jsonb_build_array(responder),
           'incident', jsonb_build_object(
             'summary', 'Customers saw errors until the change was rolled back.',
             'timeline', jsonb_build_array(
               jsonb_build_object('at', pg_temp.iso(detected_at), 'description', 'Detected', 'actorId', NULL,
                                  'sourceEntryId', NULL, 'milestone', 'detected'),
               jsonb_build_object('at', pg_temp.iso(mitigated_at), 'description', 'Mitigated', 'actorId', responder,
                                  'sourceEntryId', NULL, 'milestone', 'mitigated')),
             'impact', jsonb_build_object(
               'description', 'Errors for a share of requests.', 'severity', severity,
               'affectedServices', to_jsonb(services),
               'milestones', jsonb_build_object(
                 'impactStartedAt', pg_temp.iso(impact_started_at), 'detectedAt', pg_temp.iso(detected_at),
                 'acknowledgedAt', pg_temp.iso(acknowledged_at), 'mitigatedAt', pg_temp.iso(mitigated_at),
                 'resolvedAt', pg_temp.iso(resolved_at), 'closedAt', pg_temp.iso(closed_at)),
               'durations', jsonb_build_object(
                 'timeToDetectMs', (extract(epoch FROM detected_at - impact_started_at) * 1000)::bigint,
                 'timeToAcknowledgeMs', (extract(epoch FROM acknowledged_at - detected_at) * 1000)::bigint,
                 'timeToMitigateMs', (extract(epoch FROM mitigated_at - detected_at) * 1000)::bigint,
                 'timeToResolveMs', (extract(epoch FROM resolved_at - detected_at) * 1000)::bigint,
                 'impactDurationMs', (extract(epoch FROM mitigated_at - coalesce(impact_started_at, detected_at))
                                      * 1000)::bigint))),
           'rootCause', jsonb_build_object(
             'analysis', 'A change reached production without the check that would have caught it.',
             'contributingFactors', CASE WHEN factor1 = factor2 OR n % 2 = 0
               THEN jsonb_build_array(jsonb_build_object('category', factor1, 'description', 'Primary factor'))
               ELSE jsonb_build_array(jsonb_build_object('category', factor1, 'description', 'Primary factor'),
                                      jsonb_build_object('category', factor2, 'description', 'Made it worse')) END),
           'resolution', jsonb_build_object(
             'actions', jsonb_build_array(jsonb_build_object('description', 'Rolled back', 'takenAt',
                                                             pg_temp.iso(mitigated_at), 'actorId', responder,
                                                             'outcome', 'effective')),
             'effectiveness', 'The rollback stopped the errors.'),
           'prevention', jsonb_build_object('recommendations', jsonb_build_array(
             jsonb_build_object('description', 'Gate deploys on the canary''s error rate', 'priority', 'high'))),
           'lessons', jsonb_build_object(
             'wentWell', jsonb_build_array((ARRAY['Paging reached the on-call within a minute',
                                                  'The runbook had the rollback steps',
                                                  'Status page updated early'])[1 + n % 3]),
             'wentWrong', jsonb_build_array((ARRAY['The alert fired late', 'Dashboards lacked the saturation panel',
                                                   'Two teams rolled back at once'])[1 + n % 3]),
             'gotLucky', CASE WHEN n % 2 = 0 THEN jsonb_build_array('It happened outside peak hours')
                              ELSE '[]'::jsonb END),
           'linkedAlerts', '[]'::jsonb,
           'history', jsonb_build_array(jsonb_build_object('action', 'create', 'from', NULL, 'to', 'draft',
                                                           'actorId', responder, 'at', pg_temp.iso(pm_created_at),
                                                           'reason', NULL))
             || CASE WHEN pm_status = 'published' THEN jsonb_build_array(
                  jsonb_build_object('action', 'submit_for_review', 'from', 'draft', 'to', 'in_review',
                                     'actorId', responder, 'at', pg_temp.iso(pm_published_at - interval '1 day'),
                                     'reason', NULL),
                  jsonb_build_object('action', 'publish', 'from', 'in_review', 'to', 'published',
                                     'actorId', responder, 'at', pg_temp.iso(pm_published_at), 'reason', NULL))
                ELSE '[]'::jsonb END),
         responder, responder, CASE WHEN pm_status = 'published' THEN 3 ELSE 1 END,
         pm_created_at, coalesce(pm_published_at, pm_created_at), pm_published_at,
         CASE WHEN pm_status = 'published' THEN responder END
    FROM bench_pm`,
];

/** Two to four items per post-mortem; a closed incident's required item is done (closing checks it). */
const INSERT_ACTION_ITEMS = `
  INSERT INTO action_items (post_mortem_id, incident_id, position, type, title, owner_id, due_date, status, required,
                            closed_at, status_reason, version, created_at, updated_at)
  SELECT pm_id, id, k, (ARRAY['prevent', 'detect', 'mitigate', 'process'])[k],
         (ARRAY['Add a canary gate to the deploy pipeline', 'Alert on the saturation signal',
                'Automate the failover', 'Update the on-call runbook'])[k],
         responder, (pm_created_at + (14 + (n + k) % 31) * interval '1 day')::date, st.status, k = 1,
         CASE WHEN st.status IN ('done', 'wont_do')
              THEN least(${NOW}, pm_created_at + (1 + (n * k) % 40) * interval '1 day') END,
         CASE WHEN st.status = 'wont_do' THEN 'Superseded by the platform migration' END,
         CASE WHEN st.status = 'open' THEN 1 ELSE 2 END, pm_created_at, pm_created_at
    FROM bench_pm, generate_series(1, 2 + n % 3) k,
         LATERAL (SELECT CASE WHEN status = 'closed' AND k = 1 THEN 'done'
                              WHEN r < 0.65 THEN 'done' WHEN r < 0.70 THEN 'wont_do'
                              WHEN r < 0.80 THEN 'in_progress' ELSE 'open' END AS status
                    FROM (SELECT random() + 0 * k AS r) x) st`;

/**
 * The repeats the service would have recorded: `findRepeat` for every incident with alerts, over the candidates
 * RepeatRecorder reads (counted incidents of the year before, with all action items closed and one done), in
 * memory and written at once: the recorder's one statement per link would take minutes for 35k incidents.
 */
async function seedRepeats(client: Client): Promise<void> {
  const { rows } = await client.query<{
    id: string;
    created_at: Date;
    services: string[];
    triggers: string[];
    counted: boolean;
    items: Array<[ActionItemStatus, string | null]> | null;
  }>(`
    SELECT i.id, i.created_at, i.services,
           ARRAY(SELECT DISTINCT a.alertname FROM incident_alerts a WHERE a.incident_id = i.id) AS triggers,
           i.status NOT IN ('triage', 'declined') AND i.merged_into_id IS NULL AS counted,
           (SELECT json_agg(json_build_array(x.status, x.closed_at)) FROM action_items x
             WHERE x.incident_id = i.id) AS items
      FROM incidents i
     WHERE EXISTS (SELECT 1 FROM incident_alerts a WHERE a.incident_id = i.id)`);
  const byTrigger = new Map<string, RepeatCandidate[]>();
  for (const row of rows) {
    const actionItems = (row.items ?? []).map(([status, closedAt]) => ({
      status,
      closedAt: closedAt === null ? null : new Date(closedAt),
    }));
    if (!row.counted || actionItemsDoneAt(actionItems) === null) continue;
    const candidate = {
      id: row.id,
      openedAt: row.created_at,
      services: row.services,
      triggers: row.triggers,
      actionItems,
    };
    for (const trigger of row.triggers) byTrigger.set(trigger, [...(byTrigger.get(trigger) ?? []), candidate]);
  }
  const repeats: RepeatIncident[] = [];
  for (const row of rows) {
    const since = row.created_at.getTime() - REPEAT_LOOKBACK_DAYS * 86_400_000;
    const candidates = [...new Set(row.triggers.flatMap((t) => byTrigger.get(t) ?? []))].filter(
      (c) => c.openedAt.getTime() >= since,
    );
    const repeat = findRepeat(
      { id: row.id, openedAt: row.created_at, services: row.services, triggers: row.triggers },
      candidates,
    );
    if (repeat !== null) repeats.push(repeat);
  }
  await client.query(
    `INSERT INTO incident_repeats (incident_id, earlier_incident_id, services, triggers, action_items_done_at,
                                   recorded_at)
     SELECT r.incident_id, r.earlier_incident_id,
            ARRAY(SELECT jsonb_array_elements_text(r.services)), ARRAY(SELECT jsonb_array_elements_text(r.triggers)),
            r.done_at, i.created_at
       FROM jsonb_to_recordset($1::jsonb)
            AS r(incident_id uuid, earlier_incident_id uuid, services jsonb, triggers jsonb, done_at timestamptz)
       JOIN incidents i ON i.id = r.incident_id`,
    [
      JSON.stringify(
        repeats.map((r) => ({
          incident_id: r.incidentId,
          earlier_incident_id: r.earlierIncidentId,
          services: r.services,
          triggers: r.triggers,
          done_at: r.actionItemsDoneAt.toISOString(),
        })),
      ),
    ],
  );
}

/** Writes the data set into the schema `schema` (its migrations ran), then VACUUMs and ANALYZEs it. */
export async function seedIncidents(client: Client, schema: string, options: SeedOptions): Promise<SeedCounts> {
  await client.query(`SET search_path TO "${schema}"`);
  await client.query('BEGIN');
  try {
    await client.query(
      `SELECT setseed($1), set_config('bench.now', $2, true), set_config('bench.count', $3, true),
              set_config('bench.services', $4, true), set_config('bench.users', $5, true)`,
      [
        (options.now.getTime() % 1000) / 1000,
        options.now.toISOString(),
        String(options.incidents),
        `{${options.services.join(',')}}`,
        `{${options.users.join(',')}}`,
      ],
    );
    const statements = [
      ISO_FUNCTION,
      SEED_TABLE,
      ...SEED_TIMES,
      INSERT_INCIDENTS,
      INSERT_MILESTONES,
      UPDATE_RESPONSE_TIMES,
      INSERT_TIMELINE,
      INSERT_ALERTS,
      INSERT_ALERT_TIMELINE,
      ...INSERT_POST_MORTEMS,
      INSERT_ACTION_ITEMS,
    ];
    for (const statement of statements) await client.query(statement);
    await seedRepeats(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  // A year-old database has been vacuumed: the visibility map is set and the GIN index's pending list (fastupdate)
  // is merged. Left as the bulk insert leaves it, every scan of incidents_services_idx reads the whole pending list
  // (about 15 ms at 100k) and the planner, costing it so, prefers scanning (status, severity, created_at) even for a
  // service without incidents: 46k rows and about 80 ms for one page.
  await client.query(
    'VACUUM ANALYZE incidents, incident_milestones, incident_timeline, incident_alerts, post_mortems, action_items, incident_repeats',
  );
  const { rows } = await client.query<Record<keyof SeedCounts, string>>(`
    SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_milestones) AS milestones,
           (SELECT count(*) FROM incident_timeline) AS timeline, (SELECT count(*) FROM incident_alerts) AS alerts,
           (SELECT count(*) FROM post_mortems) AS "postMortems", (SELECT count(*) FROM action_items) AS "actionItems",
           (SELECT count(*) FROM incident_repeats) AS repeats`);
  const row = rows[0] as Record<keyof SeedCounts, string>;
  return {
    incidents: Number(row.incidents),
    milestones: Number(row.milestones),
    timeline: Number(row.timeline),
    alerts: Number(row.alerts),
    postMortems: Number(row.postMortems),
    actionItems: Number(row.actionItems),
    repeats: Number(row.repeats),
  };
}
