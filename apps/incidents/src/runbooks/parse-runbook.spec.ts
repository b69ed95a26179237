import { parseRunbook, parseRunbookOrThrow, runbookPathProblem } from './parse-runbook';
import { RunbookErrorCode, RunbookException } from './runbook.exception';

const file = (...lines: string[]) => lines.join('\n');

function problems(path: string, content: string): string[] {
  const result = parseRunbook(path, content);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => p.message);
}

describe('parseRunbook', () => {
  it('reads the metadata and the body', () => {
    const result = parseRunbook(
      'database/pool.md',
      file(
        '---',
        'owner: team-database',
        'alerts: [DatabaseConnectionPoolExhausted, HighErrorRate]',
        'services:',
        '  - checkout-api',
        'incident_types: [database]',
        'last_reviewed: 2026-05-01',
        '---',
        '# Connection pool exhausted',
        '',
        'Steps…',
      ),
    );
    expect(result).toEqual({
      ok: true,
      runbook: {
        path: 'database/pool.md',
        title: 'Connection pool exhausted',
        metadata: {
          title: null,
          owner: 'team-database',
          alerts: ['DatabaseConnectionPoolExhausted', 'HighErrorRate'],
          services: ['checkout-api'],
          incidentTypes: ['database'],
          lastReviewed: '2026-05-01',
        },
        body: '# Connection pool exhausted\n\nSteps…',
        bodyLine: 9,
      },
    });
  });

  it('defaults the lists, prefers the title field, and accepts CRLF, a BOM and a "..." end', () => {
    const result = parseRunbook(
      'a.md',
      '\uFEFF---\r\ntitle: " Pool "\r\nowner: alice\r\nlast_reviewed: "2026-05-01"\r\n...\r\n# Heading\r\n',
    );
    expect(result.ok && result.runbook).toMatchObject({
      title: 'Pool',
      metadata: {
        title: 'Pool',
        owner: 'alice',
        alerts: [],
        services: [],
        incidentTypes: [],
        lastReviewed: '2026-05-01',
      },
      body: '# Heading\n',
      bodyLine: 6,
    });
  });

  it('falls back to the path as title', () => {
    const result = parseRunbook('ops/misc.md', file('---', 'owner: ops', '---', 'No heading here.'));
    expect(result.ok && result.runbook.title).toBe('ops/misc.md');
  });

  it('refuses a file without front matter or with front matter left open', () => {
    expect(problems('a.md', '# Just Markdown')).toEqual([
      'a.md:1:1: a runbook must start with YAML front matter: a line "---", the fields, and a closing "---"',
    ]);
    expect(problems('a.md', file('---', 'owner: x', '# Heading'))).toEqual([
      'a.md:1:1: front matter is not closed: add a line "---" after the fields',
    ]);
  });

  it('reports every problem at once, at its line and column in the file', () => {
    expect(
      problems(
        'db/pool.md',
        file(
          '---',
          'owner: 42',
          'alert: [HighErrorRate]',
          'alerts: HighErrorRate',
          'services: [checkout-api, Checkout API, checkout-api]',
          'incident_types: [database, ""]',
          'last_reviewed: 2026-02-30',
          '---',
        ),
      ),
    ).toEqual([
      'db/pool.md:3:1: unknown field "alert" (allowed: title, owner, alerts, services, incident_types, last_reviewed)',
      'db/pool.md:2:8: field "owner" must be text',
      'db/pool.md:4:9: field "alerts" must be a list, e.g. [HighErrorRate]',
      'db/pool.md:5:26: service "Checkout API" is not a valid service name (lower-case letters, digits, . _ -, at most 63)',
      'db/pool.md:5:40: service "checkout-api" is listed twice in "services"',
      'db/pool.md:6:28: each entry of "incident_types" must be a non-empty incident type',
      'db/pool.md:7:16: field "last_reviewed" must be a calendar date YYYY-MM-DD, got 2026-02-30',
    ]);
  });

  it('requires an owner, pointing at the closing line', () => {
    expect(problems('a.md', file('---', 'alerts: [X]', '---', 'body'))).toEqual([
      'a.md:3:1: field "owner" is required',
    ]);
    expect(problems('a.md', file('---', 'owner: "  "', '---'))).toEqual([
      'a.md:2:8: field "owner" must have 1 to 200 characters, got 0',
    ]);
  });

  it('refuses dates that are not plain calendar days', () => {
    expect(problems('a.md', file('---', 'owner: x', 'last_reviewed: 2026-5-1', '---'))).toEqual([
      'a.md:3:16: field "last_reviewed" must be a calendar date YYYY-MM-DD, got 2026-5-1',
    ]);
    expect(problems('a.md', file('---', 'owner: x', 'last_reviewed: [2026-05-01]', '---'))).toEqual([
      'a.md:3:16: field "last_reviewed" must be a calendar date YYYY-MM-DD, got a list or mapping',
    ]);
  });

  it('reports YAML syntax errors and a front matter that is not a mapping', () => {
    const syntax = problems('a.md', file('---', 'owner: x', 'alerts: [A, B', '---'));
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatch(/^a\.md:\d+:\d+: invalid YAML in front matter: /);
    expect(problems('a.md', file('---', 'owner: x', 'owner: y', '---'))[0]).toMatch(
      /^a\.md:3:1: invalid YAML in front matter: Map keys must be unique/,
    );
    expect(problems('a.md', file('---', '- owner', '---'))).toEqual([
      'a.md:2:1: front matter must be a mapping of fields (owner, alerts, services, incident_types, last_reviewed)',
    ]);
  });

  it.each([
    ['/abs.md', 'runbook path "/abs.md" must be relative (no leading /)'],
    ['notes.txt', 'runbook path "notes.txt" must end in .md'],
    ['db/../x.md', 'runbook path "db/../x.md" has an invalid segment ".." (letters, digits, . _ -; no . or ..)'],
    ['db//x.md', 'runbook path "db//x.md" has an invalid segment "" (letters, digits, . _ -; no . or ..)'],
    [
      'my runbook.md',
      'runbook path "my runbook.md" has an invalid segment "my runbook.md" (letters, digits, . _ -; no . or ..)',
    ],
  ])('refuses the path %j', (path, reason) => {
    expect(runbookPathProblem(path)).toBe(reason);
    expect(problems(path, file('---', 'owner: x', '---'))).toEqual([`${path}:1:1: ${reason}`]);
  });

  it('throws INVALID_RUNBOOK listing the problems for a write', () => {
    expect(() => parseRunbookOrThrow('a.md', file('---', 'services: [x]', '---'))).toThrow(RunbookException);
    expect(() => parseRunbookOrThrow('a.md', file('---', 'services: [x]', '---'))).toThrow(
      'runbook is invalid: a.md:3:1: field "owner" is required',
    );
    let error: unknown = null;
    try {
      parseRunbookOrThrow('a.md', '');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: RunbookErrorCode.INVALID_RUNBOOK, category: 'BAD_USER_INPUT' });
    expect(parseRunbookOrThrow('a.md', file('---', 'owner: x', '---')).metadata.owner).toBe('x');
  });
});
