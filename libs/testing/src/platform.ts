import { randomBytes } from 'node:crypto';
import { runCompiledScript, startServiceProcess, type ServiceProcess } from './service-process';
import { createTestSchema, type TestSchema } from './test-database';
import { uniqueName } from './unique-name';

export interface Platform {
  gateway: ServiceProcess;
  identity: ServiceProcess;
  incidents: ServiceProcess;
  metrics: ServiceProcess;
  alerting: ServiceProcess;
  /** Environment for the `keel` CLI and further processes, pointing at this platform. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Starts identity, incidents, metrics, alerting and the gateway as real processes from dist/ (build first: tools/build/build.mjs),
 * each subgraph on a fresh PostgreSQL schema of its own, all on the real Kafka, on free loopback ports.
 */
export async function startPlatform(): Promise<Platform> {
  const identitySchema = await createTestSchema('e2e_identity');
  const incidentsSchema = await createTestSchema('e2e_incidents');
  const metricsSchema = await createTestSchema('e2e_metrics');
  const alertingSchema = await createTestSchema('e2e_alerting');
  const schemas: TestSchema[] = [identitySchema, incidentsSchema, metricsSchema, alertingSchema];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: identitySchema.url,
    KAFKA_BROKERS: process.env.KEEL_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
    JWT_SECRET: randomBytes(48).toString('base64url'),
  };
  const started: ServiceProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.stop()));
    await Promise.all(schemas.map((s) => s.drop()));
  };
  try {
    await runCompiledScript('apps/identity/src/migrate.js', { ...env, DATABASE_SCHEMA: identitySchema.name });
    await runCompiledScript('apps/incidents/src/migrate.js', { ...env, DATABASE_SCHEMA: incidentsSchema.name });
    await runCompiledScript('apps/metrics/src/migrate.js', { ...env, DATABASE_SCHEMA: metricsSchema.name });
    await runCompiledScript('apps/alerting/src/migrate.js', { ...env, DATABASE_SCHEMA: alertingSchema.name });
    const identity = await startServiceProcess('identity', { ...env, DATABASE_SCHEMA: identitySchema.name });
    started.push(identity);
    const incidents = await startServiceProcess('incidents', {
      ...env,
      DATABASE_SCHEMA: incidentsSchema.name,
      // Its own alerts topic and group: earlier runs' alert events (every test run publishes some) stay out.
      INCIDENTS_ALERTS_TOPIC: `test.${uniqueName('e2e_alerts')}`,
      INCIDENTS_ALERTS_GROUP_ID: uniqueName('e2e_alert_intake'),
    });
    started.push(incidents);
    const metrics = await startServiceProcess('metrics', {
      ...env,
      DATABASE_SCHEMA: metricsSchema.name,
      IDENTITY_BASE_URL: identity.url,
    });
    started.push(metrics);
    const alerting = await startServiceProcess('alerting', {
      ...env,
      DATABASE_SCHEMA: alertingSchema.name,
      IDENTITY_BASE_URL: identity.url,
      ALERTING_DATASOURCE_URL: metrics.url,
    });
    started.push(alerting);
    const gateway = await startServiceProcess('gateway', {
      ...env,
      IDENTITY_URL: `${identity.url}/graphql`,
      INCIDENTS_URL: `${incidents.url}/graphql`,
      METRICS_URL: `${metrics.url}/graphql`,
      ALERTING_URL: `${alerting.url}/graphql`,
    });
    started.push(gateway);
    return {
      gateway,
      identity,
      incidents,
      metrics,
      alerting,
      env: {
        ...env,
        IDENTITY_BASE_URL: identity.url,
        INCIDENTS_BASE_URL: incidents.url,
        METRICS_BASE_URL: metrics.url,
        ALERTING_BASE_URL: alerting.url,
        GATEWAY_BASE_URL: gateway.url,
      },
      stop,
    };
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
