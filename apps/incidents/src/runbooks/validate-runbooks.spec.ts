import { RunbookErrorCode } from './runbook.exception';
import { type ExternalLinkChecker, type RunbookSource, validateRunbooks } from './validate-runbooks';

const file = (...lines: string[]) => lines.join('\n');
const now = new Date('2026-07-01T12:00:00Z');

const runbooks: RunbookSource[] = [
  {
    path: 'general/restart.md',
    content: file(
      '---',
      'owner: ops',
      'incident_types: [deployment]',
      'last_reviewed: 2025-01-01',
      '---',
      '# Restart',
      '',
      '## Rolling restart',
      '',
      'See https://grafana.example/d/pool and https://down.example/page.',
    ),
  },
  {
    path: 'database/pool.md',
    content: file(
      '---',
      'owner: team-database',
      'alerts: [DatabaseConnectionPoolExhausted]',
      'services: [checkout-api]',
      'incident_types: [database]',
      'last_reviewed: 2026-06-01',
      '---',
      '# Connection pool exhausted',
      '',
      '## Diagnose',
      '',
      'See [restart](../general/restart.md#rolling-restart), [missing](../general/nope.md),',
      '[bad anchor](../general/restart.md#nothing), [local](#diagnose), [local bad](#mitigate),',
      '[dashboard](https://grafana.example/d/pool), [status](https://status.example/#x), [script](./fix.sh),',
      '[mail](mailto:db@example.com), [escape](../../outside.md). [broken file](broken.md) [ok](../general/broken.md#steps)',
    ),
  },
  {
    path: 'general/broken.md',
    content: file('---', 'alerts: [HighErrorRate]', '---', '# Broken', '## Steps'),
  },
  { path: 'misc/notes.md', content: file('---', 'owner: x', 'services: [checkout-api]', '---', 'Notes.') },
  {
    path: 'misc/future.md',
    content: file('---', 'owner: x', 'alerts: [OldAlert]', 'last_reviewed: 2026-08-01', '---', '# Future'),
  },
];

const alertRuleNames = ['DatabaseConnectionPoolExhausted', 'HighErrorRate', 'MemoryUsageCritical', 'HighErrorRate'];

function recordingChecker(): { checker: ExternalLinkChecker; calls: string[] } {
  const calls: string[] = [];
  const checker: ExternalLinkChecker = async (url) => {
    calls.push(url);
    if (url === 'https://down.example/page') return { ok: false, reason: 'HTTP 404' };
    if (url === 'https://status.example/') throw new Error('ECONNREFUSED');
    return { ok: true };
  };
  return { checker, calls };
}

describe('validateRunbooks', () => {
  it('reports outdated, invalid, missing, unknown alerts and broken links, with recommendations', async () => {
    const { checker, calls } = recordingChecker();
    const report = await validateRunbooks({ runbooks, alertRuleNames, now, checkExternalLink: checker });

    expect(
      report.runbooks.map((r) => [r.path, r.valid, r.isCurrent, r.lastReviewed, r.reviewAgeDays, r.owner]),
    ).toEqual([
      ['database/pool.md', true, true, '2026-06-01', 30, 'team-database'],
      ['general/broken.md', false, false, null, null, null],
      ['general/restart.md', true, false, '2025-01-01', 546, 'ops'],
      ['misc/future.md', true, false, '2026-08-01', -31, 'x'],
      ['misc/notes.md', true, false, null, null, 'x'],
    ]);
    expect(report.runbooks[0].title).toBe('Connection pool exhausted');
    expect(report.invalid.map((r) => r.path)).toEqual(['general/broken.md']);
    expect(report.invalid[0].problems.map((p) => p.message)).toEqual([
      'general/broken.md:3:1: field "owner" is required',
    ]);
    expect(report.outdated.map((r) => r.path)).toEqual(['general/restart.md', 'misc/future.md', 'misc/notes.md']);
    expect(report.missing).toEqual(['HighErrorRate', 'MemoryUsageCritical']);
    expect(report.unknownAlerts).toEqual([{ path: 'misc/future.md', alertName: 'OldAlert' }]);

    expect(report.brokenLinks.map((l) => l.message)).toEqual([
      'database/pool.md:12:65: link "../general/nope.md": runbook "general/nope.md" does not exist',
      'database/pool.md:13:14: link "../general/restart.md#nothing": heading "#nothing" does not exist in "general/restart.md"',
      'database/pool.md:13:78: link "#mitigate": heading "#mitigate" does not exist in this runbook',
      'database/pool.md:14:55: link "https://status.example/#x": external link is broken: check failed: ECONNREFUSED',
      'database/pool.md:15:41: link "../../outside.md": points outside the runbook tree',
      'database/pool.md:15:74: link "broken.md": runbook "database/broken.md" does not exist',
      'general/restart.md:10:40: link "https://down.example/page": external link is broken: HTTP 404',
    ]);
    expect(report.runbooks[0].brokenLinks).toHaveLength(6);

    // Each URL once, without its fragment.
    expect([...calls].sort()).toEqual([
      'https://down.example/page',
      'https://grafana.example/d/pool',
      'https://status.example/',
    ]);
    expect(report.externalLinks).toEqual({ checked: 3, unchecked: 0 });

    expect(report.recommendations).toEqual([
      {
        kind: 'fix_invalid',
        path: 'general/broken.md',
        alertName: null,
        message: 'general/broken.md: fix its problem (field "owner" is required)',
      },
      {
        kind: 'write_missing',
        path: null,
        alertName: 'HighErrorRate',
        message: 'write a runbook for alert "HighErrorRate", or add it to the alerts of an existing one',
      },
      {
        kind: 'write_missing',
        path: null,
        alertName: 'MemoryUsageCritical',
        message: 'write a runbook for alert "MemoryUsageCritical", or add it to the alerts of an existing one',
      },
      {
        kind: 'fix_broken_links',
        path: 'database/pool.md',
        alertName: null,
        message: 'database/pool.md: fix 6 broken links',
      },
      {
        kind: 'fix_broken_links',
        path: 'general/restart.md',
        alertName: null,
        message: 'general/restart.md: fix 1 broken link',
      },
      {
        kind: 'review_outdated',
        path: 'general/restart.md',
        alertName: null,
        message: 'general/restart.md: last reviewed 2025-01-01, 546 days ago (limit 180); review it with ops',
      },
      {
        kind: 'review_outdated',
        path: 'misc/notes.md',
        alertName: null,
        message: 'misc/notes.md: never reviewed; review it with x and set last_reviewed',
      },
      {
        kind: 'fix_review_date',
        path: 'misc/future.md',
        alertName: null,
        message: 'misc/future.md: last_reviewed 2026-08-01 is in the future',
      },
      {
        kind: 'remove_unknown_alert',
        path: 'misc/future.md',
        alertName: 'OldAlert',
        message: 'misc/future.md: alert "OldAlert" has no alert rule; fix its name or remove it',
      },
      {
        kind: 'add_applicability',
        path: 'misc/notes.md',
        alertName: null,
        message: 'misc/notes.md: lists no alerts and no incident types, so no incident activates it',
      },
    ]);
  });

  it('counts external links as unchecked without a checker', async () => {
    const report = await validateRunbooks({ runbooks, alertRuleNames, now });
    expect(report.externalLinks).toEqual({ checked: 0, unchecked: 3 });
    expect(report.brokenLinks.some((l) => l.reason.startsWith('external'))).toBe(false);
  });

  it('uses the configured review age, tolerating a review date one day ahead', async () => {
    const at = (path: string, date: string): RunbookSource => ({
      path,
      content: file('---', 'owner: x', 'incident_types: [t]', `last_reviewed: ${date}`, '---'),
    });
    const report = await validateRunbooks({
      runbooks: [
        at('a.md', '2026-06-01'),
        at('b.md', '2026-06-02'),
        at('c.md', '2026-07-02'),
        at('d.md', '2026-07-03'),
      ],
      alertRuleNames: [],
      now,
      maxReviewAgeDays: 29,
    });
    expect(report.runbooks.map((r) => [r.path, r.reviewAgeDays, r.isCurrent])).toEqual([
      ['a.md', 30, false],
      ['b.md', 29, true],
      ['c.md', -1, true],
      ['d.md', -2, false],
    ]);
    expect(report.recommendations.map((r) => r.kind)).toEqual(['review_outdated', 'fix_review_date']);
  });

  it('runs at most externalConcurrency checks at once', async () => {
    let inFlight = 0;
    let most = 0;
    const checker: ExternalLinkChecker = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return { ok: true };
    };
    const body = Array.from({ length: 7 }, (_, i) => `https://site${i}.example/`).join('\n');
    const report = await validateRunbooks({
      runbooks: [{ path: 'links.md', content: file('---', 'owner: x', '---', body) }],
      alertRuleNames: [],
      now,
      checkExternalLink: checker,
      externalConcurrency: 2,
    });
    expect(report.externalLinks.checked).toBe(7);
    expect(most).toBe(2);
  });

  it('refuses a duplicate path', async () => {
    const source = { path: 'a.md', content: file('---', 'owner: x', 'alerts: [A]', '---') };
    const report = await validateRunbooks({ runbooks: [source, source], alertRuleNames: ['A'], now });
    expect(report.invalid.map((r) => r.problems.map((p) => p.message))).toEqual([
      ['a.md:1:1: duplicate runbook path "a.md"'],
    ]);
    expect(report.missing).toEqual(['A']);
  });

  it.each([
    [{ maxReviewAgeDays: 0 }, 'maxReviewAgeDays must be a whole number from 1 to 3650, got 0'],
    [{ externalConcurrency: 0.5 }, 'externalConcurrency must be a whole number from 1 to 64, got 0.5'],
  ])('refuses options %j', async (options, message) => {
    await expect(validateRunbooks({ runbooks: [], alertRuleNames: [], now, ...options })).rejects.toMatchObject({
      code: RunbookErrorCode.INVALID_RUNBOOK_VALIDATION_OPTIONS,
      message,
    });
  });
});
