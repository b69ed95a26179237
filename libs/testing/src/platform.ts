import { randomBytes } from 'node:crypto';
import { runCompiledScript, startServiceProcess, type ServiceProcess } from './service-process';
import { createTestSchema, type TestSchema } from './test-database';
import { uniqueName } from './unique-name';

/** The services startPlatform may leave out; identity, incidents and the gateway always run. */
export type OptionalService = 'metrics' | 'alerting';

export interface PlatformOptions<S extends OptionalService = OptionalService> {
  /** Which of metrics and alerting to start (default: both). Alerting reads its data from metrics, so needs it. */
  services?: readonly S[];
  /** Start of the schema, topic and consumer group names (default `e2e`), to tell leftovers apart. */
  prefix?: string;
}

/** Where a left-out subgraph's URLs point: a closed port (discard), never a service someone runs locally. */
const CLOSED_URL = 'http://127.0.0.1:9';

export type Platform<S extends OptionalService = OptionalService> = {
  gateway: ServiceProcess;
  identity: ServiceProcess;
  incidents: ServiceProcess;
  /** The PostgreSQL schema (DATABASE_SCHEMA) of every started subgraph, on `env.DATABASE_URL`. */
  schemas: { identity: string; incidents: string } & { [K in S]: string };
  /** Environment for the `keel` CLI and further processes, pointing at this platform. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
} & { [K in S]: ServiceProcess };

/**
 * Starts identity, incidents, metrics, alerting and the gateway as real processes from dist/ (build first: tools/build/build.mjs),
 * each subgraph on a fresh PostgreSQL schema of its own, all on the real Kafka, on free loopback ports.
 * `services` leaves metrics or alerting out (`[]`: identity, incidents and the gateway only); the gateway's and
 * incidents' URLs for a left-out service then point at a closed port.
 */
export async function startPlatform<S extends OptionalService = OptionalService>(
  options: PlatformOptions<S> = {},
): Promise<Platform<S>> {
  const wanted = new Set<OptionalService>(options.services ?? ['metrics', 'alerting']);
  if (wanted.has('alerting') && !wanted.has('metrics')) {
    throw new Error('startPlatform: alerting reads its data source from metrics; start metrics with it');
  }
  const prefix = options.prefix ?? 'e2e';
  const schemas: TestSchema[] = [];
  const newSchema = async (service: string): Promise<TestSchema> => {
    const schema = await createTestSchema(`${prefix}_${service}`);
    schemas.push(schema);
    return schema;
  };
  const started: ServiceProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.stop()));
    await Promise.all(schemas.map((s) => s.drop()));
  };
  try {
    const identitySchema = await newSchema('identity');
    const incidentsSchema = await newSchema('incidents');
    const metricsSchema = wanted.has('metrics') ? await newSchema('metrics') : undefined;
    const alertingSchema = wanted.has('alerting') ? await newSchema('alerting') : undefined;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: identitySchema.url,
      KAFKA_BROKERS: process.env.KEEL_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
      JWT_SECRET: randomBytes(48).toString('base64url'),
    };
    await runCompiledScript('apps/identity/src/migrate.js', { ...env, DATABASE_SCHEMA: identitySchema.name });
    await runCompiledScript('apps/incidents/src/migrate.js', { ...env, DATABASE_SCHEMA: incidentsSchema.name });
    if (metricsSchema) {
      await runCompiledScript('apps/metrics/src/migrate.js', { ...env, DATABASE_SCHEMA: metricsSchema.name });
    }
    if (alertingSchema) {
      await runCompiledScript('apps/alerting/src/migrate.js', { ...env, DATABASE_SCHEMA: alertingSchema.name });
    }
    const identity = await startServiceProcess('identity', { ...env, DATABASE_SCHEMA: identitySchema.name });
    started.push(identity);
    let metrics: ServiceProcess | undefined;
    if (metricsSchema) {
      metrics = await startServiceProcess('metrics', {
        ...env,
        DATABASE_SCHEMA: metricsSchema.name,
        IDENTITY_BASE_URL: identity.url,
      });
      started.push(metrics);
    }
    let alerting: ServiceProcess | undefined;
    if (alertingSchema && metrics) {
      alerting = await startServiceProcess('alerting', {
        ...env,
        DATABASE_SCHEMA: alertingSchema.name,
        IDENTITY_BASE_URL: identity.url,
        ALERTING_DATASOURCE_URL: metrics.url,
      });
      started.push(alerting);
    }
    // After alerting: the runbook validation report reads `${ALERTING_BASE_URL}/api/v1/rules`.
    const incidents = await startServiceProcess('incidents', {
      ...env,
      DATABASE_SCHEMA: incidentsSchema.name,
      IDENTITY_BASE_URL: identity.url,
      ALERTING_BASE_URL: alerting?.url ?? CLOSED_URL,
      // Its own alerts topic and group: earlier runs' alert events (every test run publishes some) stay out.
      INCIDENTS_ALERTS_TOPIC: `test.${uniqueName(`${prefix}_alerts`)}`,
      INCIDENTS_ALERTS_GROUP_ID: uniqueName(`${prefix}_alert_intake`),
      // Due escalations page within a second, not the default five.
      INCIDENTS_ESCALATION_POLL_MS: '1000',
    });
    started.push(incidents);
    const gateway = await startServiceProcess('gateway', {
      ...env,
      IDENTITY_URL: `${identity.url}/graphql`,
      INCIDENTS_URL: `${incidents.url}/graphql`,
      METRICS_URL: `${metrics?.url ?? CLOSED_URL}/graphql`,
      ALERTING_URL: `${alerting?.url ?? CLOSED_URL}/graphql`,
    });
    started.push(gateway);
    const platform = {
      gateway,
      identity,
      incidents,
      ...(metrics ? { metrics } : {}),
      ...(alerting ? { alerting } : {}),
      schemas: {
        identity: identitySchema.name,
        incidents: incidentsSchema.name,
        ...(metricsSchema ? { metrics: metricsSchema.name } : {}),
        ...(alertingSchema ? { alerting: alertingSchema.name } : {}),
      },
      env: {
        ...env,
        IDENTITY_BASE_URL: identity.url,
        INCIDENTS_BASE_URL: incidents.url,
        ...(metrics ? { METRICS_BASE_URL: metrics.url } : {}),
        ...(alerting ? { ALERTING_BASE_URL: alerting.url } : {}),
        GATEWAY_BASE_URL: gateway.url,
      },
      stop,
    };
    // The services started are exactly those in S (checked above), which TypeScript cannot follow through the Set.
    return platform as unknown as Platform<S>;
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const body = (await response.json().catch(() => ({}))) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}
