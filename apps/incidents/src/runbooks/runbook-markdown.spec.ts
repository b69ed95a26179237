import { outline, slugify } from './runbook-markdown';

describe('slugify', () => {
  it.each([
    ['Connection pool exhausted', 'connection-pool-exhausted'],
    ["What's next?", 'whats-next'],
    ['Step 1: check pg_stat_activity', 'step-1-check-pg_stat_activity'],
    ['C++ & Rust', 'c--rust'],
    ['Ünïcode Straße', 'ünïcode-straße'],
    ['Rollback 🚀 now', 'rollback--now'],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('outline', () => {
  it('reads ATX and setext headings, outside code, with GitHub anchors', () => {
    const body = [
      '# Pool exhausted #',
      '',
      '## Steps',
      '```bash',
      '# not a heading',
      '```',
      '## Steps',
      'Check the **`pool`** [dashboard](https://x.example)',
      '---',
      '',
      'Second part',
      '===',
      '- a list item',
      '---',
      '## Steps 1',
      '<a id="Custom-Anchor"></a>',
      '<!-- ## hidden',
      '## still hidden -->',
      '### *Emphasis* and `code` and [link](x.md)',
    ].join('\n');
    const { headings, anchors } = outline(body, 5);
    expect(headings.map((h) => [h.level, h.text, h.slug, h.line])).toEqual([
      [1, 'Pool exhausted', 'pool-exhausted', 5],
      [2, 'Steps', 'steps', 7],
      [2, 'Steps', 'steps-1', 11],
      [2, 'Check the pool dashboard', 'check-the-pool-dashboard', 12],
      [1, 'Second part', 'second-part', 15],
      [2, 'Steps 1', 'steps-1-1', 19],
      [3, 'Emphasis and code and link', 'emphasis-and-code-and-link', 23],
    ]);
    expect([...anchors].sort()).toEqual([
      'check-the-pool-dashboard',
      'custom-anchor',
      'emphasis-and-code-and-link',
      'pool-exhausted',
      'second-part',
      'steps',
      'steps-1',
      'steps-1-1',
    ]);
  });

  it('finds links with their file position, and skips images, code and escapes', () => {
    const body = [
      'See [the pool runbook](../db/pool.md#steps "title") and [top](#pool).',
      '![graph](img/graph.png) `[code](nope.md)` \\[not](a-link.md)',
      '<https://status.example/incident> or https://grafana.example/d/1?x=(a). Done.',
      '[ref]: <./other runbook.md>',
      '[^1]: a footnote, not a link',
      '~~~',
      '[fenced](fenced.md)',
      '~~~',
      '<!-- [commented](gone.md) -->[after](after.md)',
    ].join('\n');
    expect(outline(body, 10).links).toEqual([
      { kind: 'inline', target: '../db/pool.md#steps', line: 10, column: 24 },
      { kind: 'inline', target: '#pool', line: 10, column: 63 },
      { kind: 'autolink', target: 'https://status.example/incident', line: 12, column: 2 },
      { kind: 'bare', target: 'https://grafana.example/d/1?x=(a)', line: 12, column: 38 },
      { kind: 'reference', target: './other runbook.md', line: 13, column: 9 },
      { kind: 'inline', target: 'after.md', line: 18, column: 38 },
    ]);
  });
});
