// `npm run bench:incidents`: the incidents service's reads through the gateway, on real processes (identity,
// incidents and the gateway from dist/, fresh schemas, real PostgreSQL and Kafka).
//  1. Data: BENCH_INCIDENTS (100,000) incidents over the year before now, with milestones, timeline entries, linked
//     alerts, and post-mortems with action items for P0/P1, written with set-based SQL into the incidents schema
//     after its migrations ran; the services they name are registered in the catalog through the gateway.
//  2. The filtered incident page, `incidents(status, severity, service, first: 50)`, as a viewer through the
//     gateway, BENCH_REQUESTS (200) times over rotating filters, against the raw baseline of the same SQL (the
//     statement TypeORM issues for IncidentRepository.findNewestFirst) sent straight to PostgreSQL.
//  3. The retrospective of the last complete quarter, `retrospective(period: "YYYY-Qn")`, BENCH_REPORTS (200) times
//     (with 50, the nearest-rank p99 was the slowest report),
//     against the raw baseline of the statements its repository sends, straight to PostgreSQL.
// Requests run one at a time, gateway and raw alternating, so drift of the shared machine hits both alike.
import { Client, Pool } from 'pg';
import {
  graphqlRequest,
  latencySummary,
  runCompiledScript,
  startPlatform,
  type LatencySummary,
  type Platform,
} from '@keel/testing';
import { DEFAULT_SEVERITY_POLICIES } from '../incidents/severity-policy';
import { parsePeriod, previousPeriod } from '../retrospectives';
import { RetrospectiveRepository } from '../retrospectives/retrospective.repository';
import { seedIncidents } from './seed-incidents';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const PAGE_GOAL_MS = 100;
const REPORT_GOAL_MS = 500;
const PASSWORD = 'bench-incidents-password-123';

/** The catalog, most incident-prone first (the seed picks service k with a probability falling like 1/√k). */
// prettier-ignore
const SERVICES = [
  'checkout', 'payments', 'api-gateway', 'search', 'orders', 'accounts', 'inventory', 'notifications',
  'recommendations', 'cart', 'shipping', 'pricing', 'auth', 'catalog', 'media', 'reviews', 'billing', 'ledger',
  'fraud', 'loyalty', 'emails', 'sms', 'web', 'mobile-bff', 'admin', 'reporting', 'etl', 'warehouse', 'kafka',
  'postgres', 'redis', 'cdn', 'dns', 'vpn', 'ci', 'registry', 'feature-flags', 'scheduler', 'geo', 'translations',
  'ledger-v2', 'status-page',
];
/** The last two joined the catalog this week and have no incidents yet. */
const SERVICES_WITH_INCIDENTS = SERVICES.slice(0, -2);

const fmt = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Identity, incidents and the gateway (startPlatform without metrics and alerting, which these reads do not touch). */
type IncidentsPlatform = Platform<never>;

async function gql<T>(
  platform: IncidentsPlatform,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const reply = await graphqlRequest<T>(platform.gateway.url, query, { token, variables });
  if (reply.errors || !reply.data) throw new Error(`gateway answered ${reply.status}: ${JSON.stringify(reply.errors)}`);
  return reply.data;
}

async function login(platform: IncidentsPlatform, username: string): Promise<{ token: string; id: string }> {
  const reply = await graphqlRequest<{ login: { accessToken: string; user: { id: string } } }>(
    platform.gateway.url,
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { id } } }',
    { variables: { u: username, p: PASSWORD } },
  );
  if (!reply.data) throw new Error(`login of ${username} failed: ${JSON.stringify(reply.errors)}`);
  return { token: reply.data.login.accessToken, id: reply.data.login.user.id };
}

/** An admin (the CLI, as an operator would), a viewer who reads, and responders who own the seeded incidents. */
async function createUsers(platform: IncidentsPlatform): Promise<{ admin: string; viewer: string; ids: string[] }> {
  await runCompiledScript(
    'apps/cli/src/main.js',
    platform.env,
    ['admin', 'create', '--username', 'bench-admin'],
    `${PASSWORD}\n`,
  );
  const admin = await login(platform, 'bench-admin');
  const ids = [admin.id];
  const create = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }';
  for (const [username, roles] of [
    ['bench-viewer', ['viewer']],
    ...[1, 2, 3, 4, 5].map((i) => [`bench-responder-${i}`, ['responder']] as const),
  ] as const) {
    const created = await gql<{ createUser: { id: string } }>(platform, admin.token, create, {
      input: { username, displayName: username, password: PASSWORD, roles },
    });
    if (username !== 'bench-viewer') ids.push(created.createUser.id);
  }
  return { admin: admin.token, viewer: (await login(platform, 'bench-viewer')).token, ids };
}

// --- the filtered incident page ---------------------------------------------------------------------------------

const PAGE_QUERY = `
  query ($status: IncidentStatus, $severity: IncidentSeverity, $service: String) {
    incidents(status: $status, severity: $severity, service: $service, first: 50) {
      id title severity status services createdAt
    }
  }`;

/** The statement TypeORM sends for IncidentRepository.findNewestFirst with all three filters (all columns). */
const PAGE_SQL = `
  SELECT "IncidentEntity"."id" AS "IncidentEntity_id", "IncidentEntity"."title" AS "IncidentEntity_title",
         "IncidentEntity"."description" AS "IncidentEntity_description",
         "IncidentEntity"."severity" AS "IncidentEntity_severity", "IncidentEntity"."status" AS "IncidentEntity_status",
         "IncidentEntity"."services" AS "IncidentEntity_services", "IncidentEntity"."type" AS "IncidentEntity_type",
         "IncidentEntity"."tags" AS "IncidentEntity_tags",
         "IncidentEntity"."triage_outcome" AS "IncidentEntity_triage_outcome",
         "IncidentEntity"."merged_into_id" AS "IncidentEntity_merged_into_id",
         "IncidentEntity"."declared_by_id" AS "IncidentEntity_declared_by_id",
         "IncidentEntity"."declared_by_name" AS "IncidentEntity_declared_by_name",
         "IncidentEntity"."version" AS "IncidentEntity_version",
         "IncidentEntity"."created_at" AS "IncidentEntity_created_at",
         "IncidentEntity"."updated_at" AS "IncidentEntity_updated_at"
    FROM "incidents" "IncidentEntity"
   WHERE (("IncidentEntity"."status" = $1) AND ("IncidentEntity"."severity" = $2)
          AND ("IncidentEntity"."services" @> $3))
   ORDER BY "IncidentEntity"."created_at" DESC
   LIMIT 50`;

interface PageFilter {
  status: string;
  severity: string;
  service: string;
}

/**
 * Filters a responder would use, rotating: the statuses people page through (open ones, and the long tail of
 * closed and resolved ones), every severity, busy services, quiet ones and one without incidents yet.
 */
function pageFilters(): PageFilter[] {
  const statuses = ['investigating', 'mitigated', 'resolved', 'closed'];
  const severities = ['P0', 'P1', 'P2', 'P3'];
  const services = ['checkout', 'payments', 'search', 'inventory', 'billing', 'postgres', 'geo', 'ledger-v2'];
  const filters: PageFilter[] = [];
  for (let i = 0; filters.length < statuses.length * severities.length * services.length; i++) {
    filters.push({
      status: statuses[i % statuses.length] as string,
      severity: severities[Math.floor(i / statuses.length) % severities.length] as string,
      service: services[i % services.length] as string,
    });
  }
  return filters;
}

async function benchPage(
  platform: IncidentsPlatform,
  token: string,
  pg: Client,
): Promise<{
  page: LatencySummary;
  subgraph: LatencySummary;
  raw: LatencySummary;
  worst: { filter: PageFilter; ms: number };
  rows: number;
}> {
  const filters = pageFilters();
  const page = async (url: string, filter: PageFilter): Promise<number> => {
    const reply = await graphqlRequest<{ incidents: { status: string }[] }>(url, PAGE_QUERY, {
      token,
      variables: { status: filter.status.toUpperCase(), severity: filter.severity, service: filter.service },
    });
    if (!reply.data) throw new Error(`page failed (${reply.status}): ${JSON.stringify(reply.errors)}`);
    if (reply.data.incidents.some((i) => i.status !== filter.status.toUpperCase())) throw new Error('wrong status');
    return reply.data.incidents.length;
  };
  // Unnamed statements, planned at every execution, as TypeORM sends them.
  const raw = async (filter: PageFilter): Promise<number> =>
    (await pg.query(PAGE_SQL, [filter.status, filter.severity, [filter.service]])).rowCount ?? 0;
  for (let i = 0; i < WARMUP; i++) {
    const filter = filters[i % filters.length] as PageFilter;
    await page(platform.gateway.url, filter);
    await page(platform.incidents.url, filter);
    await raw(filter);
  }
  const pages: number[] = [];
  const subgraph: number[] = [];
  const raws: number[] = [];
  let worst = { filter: filters[0] as PageFilter, ms: 0 };
  let rows = 0;
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    into.push(performance.now() - started);
    return result;
  };
  for (let i = 0; i < REQUESTS; i++) {
    const filter = filters[i % filters.length] as PageFilter;
    const found = await timed(pages, () => page(platform.gateway.url, filter));
    if ((pages.at(-1) as number) > worst.ms) worst = { filter, ms: pages.at(-1) as number };
    const direct = await timed(subgraph, () => page(platform.incidents.url, filter));
    const rawFound = await timed(raws, () => raw(filter));
    if (rawFound !== found || direct !== found) {
      throw new Error(`page of ${JSON.stringify(filter)}: ${found} rows, ${direct} direct, ${rawFound} raw`);
    }
    rows += found;
  }
  return {
    page: latencySummary(pages),
    subgraph: latencySummary(subgraph),
    raw: latencySummary(raws),
    worst,
    rows,
  };
}

// --- the quarter's retrospective --------------------------------------------------------------------------------

/** The last quarter that has ended before `now`, as `YYYY-Qn`, with its bounds. */
function lastCompleteQuarter(now: Date): { label: string; from: Date; to: Date } {
  const quarter = Math.floor(now.getUTCMonth() / 3);
  const to = new Date(Date.UTC(now.getUTCFullYear(), quarter * 3, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 3, 1));
  return { label: `${from.getUTCFullYear()}-Q${Math.floor(from.getUTCMonth() / 3) + 1}`, from, to };
}

const STATS = 'count medianSeconds p90Seconds';
const REPORT_QUERY = `
  query ($period: String!) {
    retrospective(period: $period) {
      period { kind label from to }
      partial incidentCount withoutService
      bySeverity { severity count }
      byService { service count }
      timeToAcknowledge { overall { ${STATS} } bySeverity { severity stats { ${STATS} } } }
      timeToResolve { overall { ${STATS} } bySeverity { severity stats { ${STATS} } } }
      repeatIncidents { incidentId earlierIncidentId services triggers actionItemsDoneAt }
      postMortems { required published missingIncidentIds }
      actionItems { total open inProgress done wontDo overdue completionPercent }
      whatWentWell { incidentId text }
      whatWentWrong { incidentId text }
      whereWeGotLucky { incidentId text }
      contributingFactors { category label incidents previousIncidents }
      improvements { kind message incidentIds incidentCount }
      totals { repeatIncidents missingPostMortems whatWentWell whatWentWrong whereWeGotLucky improvements }
      followUpDate followUpDateSource
    }
  }`;

interface ReportShape {
  retrospective: {
    incidentCount: number;
    postMortems: { published: number };
    actionItems: { total: number };
    repeatIncidents: unknown[];
    improvements: unknown[];
    totals: {
      repeatIncidents: number;
      whatWentWell: number;
      whatWentWrong: number;
      whereWeGotLucky: number;
      improvements: number;
    };
  };
}

/**
 * The raw baseline of the report: the statements RetrospectiveService.report sends (RetrospectiveRepository's own
 * SQL, all in parallel), through a pg pool straight to PostgreSQL, without the computation of the report and
 * without Nest, GraphQL and the gateway.
 */
function rawRetrospective(pool: Pool, periodText: string): () => Promise<void> {
  const connection = { query: async (text: string, values: unknown[]) => (await pool.query(text, values)).rows };
  const repository = new RetrospectiveRepository(
    connection as unknown as ConstructorParameters<typeof RetrospectiveRepository>[0],
  );
  const period = parsePeriod(periodText);
  const scope = { from: period.from, to: period.to, service: null };
  const lookback = { previousFrom: previousPeriod(period).from };
  const required = Object.values(DEFAULT_SEVERITY_POLICIES)
    .filter((p) => p.postMortemRequired)
    .map((p) => p.severity);
  return async () => {
    await Promise.all([
      repository.severitySummary(scope),
      repository.serviceCounts(scope),
      repository.requiredWithoutPostMortem(scope, required),
      repository.postMortems(scope, lookback),
      repository.repeats(scope),
      repository.findMeeting(period.label, null),
    ]);
  };
}

async function benchReport(
  platform: IncidentsPlatform,
  token: string,
  pool: Pool,
  quarter: { label: string; from: Date; to: Date },
): Promise<{ report: LatencySummary; raw: LatencySummary; shape: ReportShape; bytes: number }> {
  let shape: ReportShape | undefined;
  let bytes = 0;
  const report = async (): Promise<void> => {
    const response = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: REPORT_QUERY, variables: { period: quarter.label } }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: ReportShape; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`retrospective failed: ${JSON.stringify(body.errors)}`);
    shape = body.data;
    bytes = text.length;
  };
  const raw = rawRetrospective(pool, quarter.label);
  for (let i = 0; i < Math.min(WARMUP, 5); i++) {
    await report();
    await raw();
  }
  const reports: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < REPORTS; i++) {
    let started = performance.now();
    await report();
    reports.push(performance.now() - started);
    started = performance.now();
    await raw();
    raws.push(performance.now() - started);
  }
  return { report: latencySummary(reports), raw: latencySummary(raws), shape: shape as ReportShape, bytes };
}

/** Whether the composed supergraph has the query yet (the retrospective arrives with its own change). */
async function hasQueryField(platform: IncidentsPlatform, token: string, field: string): Promise<boolean> {
  const data = await gql<{ __schema: { queryType: { fields: { name: string }[] } } }>(
    platform,
    token,
    '{ __schema { queryType { fields { name } } } }',
  );
  return data.__schema.queryType.fields.some((f) => f.name === field);
}

// --- main ---------------------------------------------------------------------------------------------------------

function summaryLine(name: string, s: LatencySummary, raw: LatencySummary, goalMs: number): string {
  return (
    `  ${name}: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (${s.count} requests); raw baseline, the same ` +
    `SQL straight to PostgreSQL: p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)}; ratio ${(s.p50 / raw.p50).toFixed(2)} ` +
    `(goal: p99 under ${goalMs} ms: ${s.p99 < goalMs ? 'met' : 'NOT met'})`
  );
}

async function main(): Promise<void> {
  log(
    `bench:incidents: ${fmt(INCIDENTS)} incidents with timelines in PostgreSQL; reads through the gateway ` +
      '(identity, incidents and gateway processes, PostgreSQL, Kafka)',
  );
  // The gateway's URLs for metrics and alerting point at a closed port; `schemas.incidents` takes the seed and is
  // what the raw baselines read.
  const platform: IncidentsPlatform = await startPlatform({ services: [], prefix: 'bench' });
  const pg = new Client({ connectionString: platform.env.DATABASE_URL, application_name: 'bench-incidents-raw' });
  await pg.connect();
  try {
    const users = await createUsers(platform);
    for (const [k, name] of SERVICES.entries()) {
      await gql(
        platform,
        users.admin,
        'mutation ($input: RegisterServiceInput!) { registerService(input: $input) { name } }',
        {
          input: { name, ownerTeam: `team-${k % 8}`, tier: k < 10 ? 'TIER_1' : k < 25 ? 'TIER_2' : 'TIER_3' },
        },
      );
    }
    const now = new Date();
    const seedStarted = performance.now();
    const counts = await seedIncidents(pg, platform.schemas.incidents, {
      incidents: INCIDENTS,
      services: SERVICES_WITH_INCIDENTS,
      users: users.ids,
      now,
    });
    log(
      `  data: ${fmt(counts.incidents)} incidents, ${fmt(counts.milestones)} milestones, ${fmt(counts.timeline)} ` +
        `timeline entries, ${fmt(counts.alerts)} linked alerts, ${fmt(counts.postMortems)} post-mortems, ` +
        `${fmt(counts.actionItems)} action items, ${fmt(counts.repeats)} recorded repeats over ` +
        `${SERVICES_WITH_INCIDENTS.length} services, written in ` +
        `${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    // The service reads seeded rows back as its own: a P0/P1 incident with its milestones, timeline and post-mortem.
    const { rows } = await pg.query<{ id: string }>(
      "SELECT incident_id AS id FROM post_mortems WHERE status = 'published' ORDER BY created_at DESC LIMIT 1",
    );
    await gql(
      platform,
      users.viewer,
      'query ($id: ID!) { incident(id: $id) { id milestones { __typename } timeline { __typename } postMortem { status actionItems { status } } } }',
      { id: rows[0]?.id },
    );

    const { page, subgraph, raw, worst, rows: pageRows } = await benchPage(platform, users.viewer, pg);
    log(summaryLine('filtered incident page, first: 50', page, raw, PAGE_GOAL_MS));
    log(
      `    straight to the incidents subgraph: p50 ${ms(subgraph.p50)}, p99 ${ms(subgraph.p99)} ` +
        `(the gateway adds p50 ${ms(page.p50 - subgraph.p50)})`,
    );
    log(
      `    ${fmt(pageRows)} rows over ${REQUESTS} pages (${(pageRows / REQUESTS).toFixed(1)} per page); slowest: ` +
        `${JSON.stringify(worst.filter)} at ${ms(worst.ms)}`,
    );

    const quarter = lastCompleteQuarter(now);
    if (!(await hasQueryField(platform, users.viewer, 'retrospective'))) {
      log(`  retrospective of ${quarter.label}: not measured, the supergraph has no retrospective query yet`);
      return;
    }
    const pool = new Pool({
      connectionString: platform.env.DATABASE_URL,
      application_name: 'bench-incidents-raw',
      max: 10,
      options: `-c search_path="${platform.schemas.incidents}"`,
    });
    const measured = await benchReport(platform, users.viewer, pool, quarter).finally(() => pool.end());
    const { report, raw: reportRaw, shape, bytes } = measured;
    log(summaryLine(`retrospective of ${quarter.label}`, report, reportRaw, REPORT_GOAL_MS));
    const r = shape.retrospective;
    log(
      `    ${fmt(r.incidentCount)} incidents counted, ${fmt(r.postMortems.published)} published post-mortems, ` +
        `${fmt(r.actionItems.total)} action items, ${fmt(r.totals.repeatIncidents)} repeat incidents, ` +
        `${fmt(r.totals.whatWentWell + r.totals.whatWentWrong + r.totals.whereWeGotLucky)} lessons, ` +
        `${fmt(r.totals.improvements)} improvements (each list answered with its first 100); ` +
        `${fmt(bytes)} bytes per answer`,
    );
  } finally {
    await pg.end();
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:incidents failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
