import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Runs the workspace's real ESLint configuration over fixtures that break the architecture on purpose,
// and checks that each one is refused by the rule that guards it. ESLint runs as the CLI does, in a child
// process (its flat config is an ES module, which Jest's module system does not load).
const root = join(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

async function lint(relativePath: string): Promise<LintMessage[]> {
  const eslint = join(root, 'node_modules', '.bin', 'eslint');
  const run = spawnSync(eslint, ['--no-ignore', '--format', 'json', relativePath], { cwd: root, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`eslint printed nothing: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
  if (!result) throw new Error(`no lint result for ${relativePath}`);
  return result.messages;
}

function errors(messages: LintMessage[]): Array<{ rule: string | null; message: string }> {
  return messages.filter((m) => m.severity === 2).map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('architecture lint rules', () => {
  beforeAll(() => {
    // Without a computed project graph the boundary rule skips itself; compute it as `npm run lint` does.
    const graph = spawnSync(process.execPath, [join(root, 'tools', 'lint', 'project-graph.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (graph.status !== 0) throw new Error(`nx could not compute the project graph: ${graph.stderr}`);
  });

  it('refuses a lib importing an app', async () => {
    const found = errors(await lint('libs/config/src/__fixtures__/imports-app.ts'));
    expect(found).toContainEqual({ rule: '@nx/enforce-module-boundaries', message: 'Imports of apps are forbidden' });
  });

  it('refuses an app importing another app', async () => {
    const found = errors(await lint('apps/cli/src/__fixtures__/imports-other-app.ts'));
    expect(found).toContainEqual({ rule: '@nx/enforce-module-boundaries', message: 'Imports of apps are forbidden' });
  });

  it('refuses a util lib importing a feature lib (type tags)', async () => {
    const found = errors(await lint('libs/config/src/__fixtures__/imports-feature-lib.ts'));
    expect(found.map((e) => e.rule)).toContain('@nx/enforce-module-boundaries');
    expect(found.map((e) => e.message).join('\n')).toMatch(/type:util/);
  });

  it('refuses a deep import into a lib', async () => {
    const found = errors(await lint('apps/cli/src/__fixtures__/deep-import.ts'));
    expect(found.map((e) => e.rule)).toContain('no-restricted-imports');
  });

  it('refuses TypeORM outside repositories, entities and migrations', async () => {
    const found = errors(await lint('apps/cli/src/__fixtures__/typeorm-in-service.service.ts'));
    expect(found).toContainEqual(
      expect.objectContaining({ rule: 'no-restricted-imports', message: expect.stringMatching(/TypeORM/) }),
    );
  });

  it('refuses focused tests', async () => {
    const found = errors(await lint('apps/cli/src/__fixtures__/focused-test.spec.ts'));
    expect(found.filter((e) => e.rule === 'jest/no-focused-tests')).toHaveLength(2);
  });
});
