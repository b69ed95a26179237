import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type ComposeService,
  dependenciesOf,
  environmentOf,
  interpolations,
  loadCompose,
  publishedPortHosts,
} from './compose-file';
import { argv, envOf, flagValues, type Instruction, parseDockerfile, type Stage, withoutFlags } from './dockerfile';

// Docker cannot run on the development machines, so docker/ is checked statically: the compose file, every
// app's Dockerfile, and that they stay in step with apps/ (an app without an image fails here).

const root = join(__dirname, '..', '..');
const dockerDir = join(root, 'docker');

// What each app needs from its container: the HTTP port (none for the cli), whether it migrates at start, and
// the variables its src/config.ts must get there (required ones, and those whose default is wrong in a container).
// Adding an app means adding its row here.
const HTTP_ENV = ['NODE_ENV', 'HOST', 'PORT', 'LOG_LEVEL', 'JWT_SECRET'];
const DATA_ENV = ['DATABASE_URL', 'KAFKA_BROKERS'];
interface AppSpec {
  port: number | undefined;
  migrates: boolean;
  env: string[];
}
const appSpecs: Record<string, AppSpec> = {
  gateway: {
    port: 4000,
    migrates: false,
    env: [...HTTP_ENV, 'IDENTITY_URL', 'INCIDENTS_URL', 'METRICS_URL', 'ALERTING_URL', 'SUPERGRAPH_FILE'],
  },
  identity: { port: 4101, migrates: true, env: [...HTTP_ENV, ...DATA_ENV] },
  metrics: { port: 4103, migrates: true, env: [...HTTP_ENV, ...DATA_ENV] },
  incidents: { port: 4102, migrates: true, env: [...HTTP_ENV, ...DATA_ENV] },
  alerting: { port: 4104, migrates: true, env: [...HTTP_ENV, ...DATA_ENV, 'ALERTING_DATASOURCE_URL'] },
  cli: {
    port: undefined,
    migrates: false,
    env: ['JWT_SECRET', ...DATA_ENV, 'GATEWAY_BASE_URL', 'IDENTITY_BASE_URL', 'INCIDENTS_BASE_URL'],
  },
};

// Apps that exist in apps/ but have no image yet, each with the reason. Empty: every app is containerized.
const notYetContainerized: Record<string, string> = {};

const SECRETS = ['JWT_SECRET', 'POSTGRES_PASSWORD'];
const NODE_IMAGE = 'node:24-bookworm-slim';

const { text: composeText, compose } = loadCompose(join(dockerDir, 'compose.yml'));
const services = compose.services;
const appServices = Object.keys(services).filter((name) => services[name]?.build !== undefined);

function workspaceApps(): string[] {
  return readdirSync(join(root, 'apps')).filter((name) => {
    const dir = join(root, 'apps', name);
    if (!existsSync(join(dir, 'src', 'main.ts')) || !existsSync(join(dir, 'project.json'))) return false;
    const project = JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')) as { tags?: string[] };
    return project.tags?.includes('type:app') ?? false;
  });
}

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker/compose.yml has no service ${name}`);
  return found;
}

function spec(app: string): AppSpec {
  const found = appSpecs[app];
  if (!found) throw new Error(`tools/docker/compose.spec.ts has no appSpecs row for ${app}`);
  return found;
}

function dockerfile(app: string): { stages: Stage[]; final: Stage } {
  const stages = parseDockerfile(readFileSync(join(dockerDir, `${app}.Dockerfile`), 'utf8'));
  const final = stages.at(-1);
  if (!final) throw new Error(`docker/${app}.Dockerfile has no FROM`);
  return { stages, final };
}

function last(stage: Stage, keyword: string): Instruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1);
}

describe('docker/compose.yml and docker/*.Dockerfile', () => {
  it('has one app service per deployable app in apps/, apart from those listed as not yet containerized', () => {
    const apps = workspaceApps();
    const expected = apps.filter((app) => !(app in notYetContainerized));
    const problems = [
      ...expected
        .filter((app) => !appServices.includes(app))
        .map(
          (app) =>
            `apps/${app} has no service in docker/compose.yml (add docker/${app}.Dockerfile and a service, or list it in notYetContainerized with the reason)`,
        ),
      ...appServices.filter((s) => !apps.includes(s)).map((s) => `service ${s} builds an app that apps/ does not have`),
      ...Object.keys(notYetContainerized)
        .filter((app) => appServices.includes(app) || !apps.includes(app))
        .map((app) => `notYetContainerized lists ${app}, which has a service or is no app`),
      ...appServices.filter((s) => !(s in appSpecs)).map((s) => `appSpecs has no row for ${s}`),
      ...Object.keys(appSpecs)
        .filter((app) => !appServices.includes(app))
        .map((app) => `appSpecs row ${app} has no service`),
    ];
    expect(problems).toEqual([]);
  });

  it.each(appServices)('%s builds from docker/<app>.Dockerfile with the repository root as context', (app) => {
    const build = service(app).build;
    const context = typeof build === 'string' ? build : build?.context;
    const file = typeof build === 'string' ? 'Dockerfile' : build?.dockerfile;
    expect({ context: resolve(dockerDir, context ?? '.'), dockerfile: file }).toEqual({
      context: root,
      dockerfile: `docker/${app}.Dockerfile`,
    });
    expect(existsSync(join(root, `docker/${app}.Dockerfile`))).toBe(true);
  });

  it.each(appServices)('%s.Dockerfile is multi-stage on node:24-bookworm-slim and runs as a non-root user', (app) => {
    const { stages, final } = dockerfile(app);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const stageNames = stages.map((s) => s.name);
    const external = stages.map((s) => s.base).filter((base) => !stageNames.includes(base));
    expect(new Set(external)).toEqual(new Set([NODE_IMAGE]));
    const user = withoutFlags(last(final, 'USER')?.args ?? 'root').split(':')[0];
    expect(['root', '0']).not.toContain(user);
  });

  it.each(appServices)('%s.Dockerfile downloads nothing outside npm (no ADD <url>, no curl | sh)', (app) => {
    const text = readFileSync(join(dockerDir, `${app}.Dockerfile`), 'utf8');
    const offending = dockerfile(app)
      .stages.flatMap((s) => s.instructions)
      .filter(
        (i) =>
          (i.keyword === 'ADD' && /https?:\/\//.test(i.args)) ||
          (i.keyword === 'RUN' && /\b(curl|wget)\b[^|]*\|\s*(ba|z|da)?sh\b/.test(i.args)),
      );
    expect(offending.map((i) => `line ${i.line}: ${i.keyword} ${i.args}`)).toEqual([]);
    expect(text).not.toMatch(/^\s*ADD\s+(--\S+\s+)*https?:/im);
  });

  it.each(appServices)('%s image holds only dist and the production node_modules', (app) => {
    const { stages, final } = dockerfile(app);
    const copies = final.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    for (const copy of copies) {
      const [source] = withoutFlags(copy.args).split(/\s+/);
      expect({ line: copy.line, from: flagValues(copy, 'from').length, source }).toEqual({
        line: copy.line,
        from: 1,
        source: expect.stringMatching(/\/(dist|node_modules)(\/|$)/),
      });
    }
    const modules = copies.find((c) => /\/node_modules$/.test(withoutFlags(c.args).split(/\s+/)[0] ?? ''));
    const depsStage = stages.find((s) => s.name === (modules ? flagValues(modules, 'from')[0] : undefined));
    const installs = depsStage?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args) ?? [];
    expect(installs.join('\n')).toMatch(/npm ci\b.*--omit=dev/);
  });

  it('shares the build stages across every app Dockerfile, so BuildKit builds them once', () => {
    const buildStages = (app: string) =>
      JSON.stringify(
        dockerfile(app)
          .stages.slice(0, -1)
          .map((s) => ({ ...s, instructions: s.instructions.map((i) => `${i.keyword} ${i.args}`) })),
      );
    const reference = buildStages(appServices[0] ?? '');
    expect(appServices.filter((app) => buildStages(app) !== reference)).toEqual([]);
  });

  it.each(appServices)('%s starts node directly on its entry point, after its migrations if it has any', (app) => {
    const { final } = dockerfile(app);
    const { migrates } = spec(app);
    const main = `dist/apps/${app}/src/main.js`;
    const migrate = `dist/apps/${app}/src/migrate.js`;
    const command = argv((last(final, 'ENTRYPOINT') ?? last(final, 'CMD'))?.args ?? '[]');
    expect(command.join(' ')).not.toMatch(/\b(npm|npx|yarn|pnpm)\b/);
    if (migrates) {
      expect(command).toEqual(['sh', '-c', `node ${migrate} && exec node ${main}`]);
    } else {
      expect(command).toEqual(['node', main]);
    }
    if (existsSync(join(root, 'apps', app, 'src', 'migrate.ts'))) {
      expect({ app, migrates }).toEqual({ app, migrates: true });
    }
  });

  it.each(appServices.filter((app) => appSpecs[app]?.port !== undefined))(
    '%s exposes its port and checks /health/live in the image and in compose',
    (app) => {
      const { final } = dockerfile(app);
      const port = String(spec(app).port);
      expect(withoutFlags(last(final, 'EXPOSE')?.args ?? '')).toBe(port);
      expect(last(final, 'HEALTHCHECK')?.args).toContain('/health/live');
      expect(environmentOf(service(app))['PORT']).toBe(port);
      expect([service(app).healthcheck?.test ?? []].flat().join(' ')).toContain('/health/live');
    },
  );

  it('publishes ports on 127.0.0.1 only', () => {
    const open = Object.entries(services).flatMap(([name, s]) =>
      publishedPortHosts(s)
        .filter((p) => p.hostIp !== '127.0.0.1')
        .map((p) => `${name}: ${p.spec}`),
    );
    expect(open).toEqual([]);
  });

  it('gives every service but the cli a healthcheck', () => {
    const unchecked = Object.entries(services)
      .filter(([name]) => name !== 'cli')
      .filter(([, s]) => {
        const test = [s.healthcheck?.test ?? []].flat();
        return s.healthcheck?.disable === true || test.length === 0 || test[0] === 'NONE';
      })
      .map(([name]) => name);
    expect(unchecked).toEqual([]);
  });

  it('waits for dependencies to be healthy, not merely started', () => {
    const weak = Object.entries(services).flatMap(([name, s]) =>
      dependenciesOf(s)
        .filter((d) => d.condition !== 'service_healthy' || !(d.name in services))
        .map((d) => `${name} -> ${d.name} (${d.condition})`),
    );
    expect(weak).toEqual([]);
  });

  it('has no default for any secret: each is a required ${VAR:?message} reference', () => {
    const defaulted = interpolations(composeText).filter((i) => SECRETS.includes(i.name) && i.operator !== ':?');
    expect(defaulted.map((i) => i.raw)).toEqual([]);
    const literal = Object.entries(services).flatMap(([name, s]) =>
      Object.entries(environmentOf(s))
        .filter(([key]) => /PASSWORD|SECRET|TOKEN|_KEY$/.test(key))
        .filter(([key, value]) => !new RegExp(`^\\$\\{${key}:\\?[^}]+\\}$`).test(value))
        .map(([key]) => `${name}.${key}`),
    );
    expect(literal).toEqual([]);
    const urls = Object.entries(services).flatMap(([name, s]) => {
      const url = environmentOf(s)['DATABASE_URL'];
      return url === undefined || /^postgres:\/\/[^:@/]+:\$\{POSTGRES_PASSWORD:\?[^}]+\}@/.test(url)
        ? []
        : [`${name}.DATABASE_URL`];
    });
    expect(urls).toEqual([]);
  });

  it('runs Apache Kafka 4.x in KRaft mode without automatic topic creation', () => {
    const kafka = service('kafka');
    expect(kafka.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    const env = environmentOf(kafka);
    expect(env['KAFKA_PROCESS_ROLES']?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(env['KAFKA_AUTO_CREATE_TOPICS_ENABLE']).toBe('false');
    expect(env['KAFKA_ADVERTISED_LISTENERS']).toBe('PLAINTEXT://kafka:9092');
  });

  it.each(appServices)('%s gets every variable its configuration needs, from compose or its image', (app) => {
    const env = { ...envOf(dockerfile(app).final), ...environmentOf(service(app)) };
    const missing = spec(app).env.filter((name) => !(name in env) || env[name] === '');
    expect(missing.map((name) => `${app} lacks ${name}`)).toEqual([]);
    expect(env['NODE_ENV']).toBe('production');
    if (spec(app).port !== undefined) expect(env['HOST']).toBe('0.0.0.0');
  });

  it.each(appServices)('%s reaches other containers by their service name and port', (app) => {
    const env = environmentOf(service(app));
    const targets = Object.entries(env).flatMap(([key, value]) => {
      if (key === 'KAFKA_BROKERS') {
        return value.split(',').map((broker) => ({ key, host: broker.split(':')[0], port: broker.split(':')[1] }));
      }
      if (!value.includes('://')) return [];
      // The host is after the last @: a ${VAR:?message} password may itself contain / or :.
      const url = /^[a-z][a-z0-9+.-]*:\/\/(?:.*@)?([^:/@]+):(\d+)(\/|$)/.exec(value);
      return [{ key, host: url?.[1], port: url?.[2] }];
    });
    const wrong = targets.filter(({ host, port }) => {
      if (host === undefined || !(host in services)) return true;
      const appPort = appSpecs[host]?.port;
      return appPort !== undefined && String(appPort) !== port;
    });
    expect(wrong.map((t) => `${t.key} -> ${t.host}:${t.port}`)).toEqual([]);
  });

  it('lists every variable compose reads in docker/.env.example, with the secrets left empty', () => {
    const example = Object.fromEntries(
      readFileSync(join(dockerDir, '.env.example'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const unlisted = [...new Set(interpolations(composeText).map((i) => i.name))].filter((name) => !(name in example));
    expect(unlisted).toEqual([]);
    expect(SECRETS.filter((name) => example[name] !== '')).toEqual([]);
  });
});
