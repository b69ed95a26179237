import { parseSeriesDescription, parseSeriesValues } from './series-notation';
import { parsePromqlTestFile } from './test-file';

describe('parseSeriesValues', () => {
  it('expands a+bxN into N+1 values by repeated addition', () => {
    expect(parseSeriesValues('0+10x3')).toEqual([0, 10, 20, 30].map((v) => ({ kind: 'float', v })));
    expect(parseSeriesValues('8-2x2')).toEqual([8, 6, 4].map((v) => ({ kind: 'float', v })));
    expect(parseSeriesValues('7x2')).toHaveLength(3);
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      sum += 1.33;
    }
    expect(parseSeriesValues('0+1.33x10')[10]).toEqual({ kind: 'float', v: sum });
  });

  it('understands gaps, stale markers, special values and histograms', () => {
    expect(parseSeriesValues('1 _ _x2 stale Inf -inf NaN 1e3').map((v) => v.kind)).toEqual([
      'float',
      'omitted',
      'omitted',
      'omitted',
      'stale',
      'float',
      'float',
      'float',
      'float',
    ]);
    expect(parseSeriesValues('{{schema:0 sum:1 count:1}}x2 3')).toEqual([
      { kind: 'histogram', text: '{{schema:0 sum:1 count:1}}' },
      { kind: 'histogram', text: '{{schema:0 sum:1 count:1}}' },
      { kind: 'histogram', text: '{{schema:0 sum:1 count:1}}' },
      { kind: 'float', v: 3 },
    ]);
  });

  it('rejects garbage', () => {
    expect(() => parseSeriesValues('1 abc')).toThrow('invalid series value "abc"');
  });
});

describe('parseSeriesDescription', () => {
  it('reads a metric name, labels and the rest', () => {
    expect(parseSeriesDescription('up{job="api", "quoted.name"="x",} 1 2')).toEqual({
      labels: { __name__: 'up', job: 'api', 'quoted.name': 'x' },
      rest: '1 2',
    });
    expect(parseSeriesDescription('{__name__="x"} 3')).toEqual({ labels: { __name__: 'x' }, rest: '3' });
  });
});

describe('parsePromqlTestFile', () => {
  it('parses loads, clears and evals with their expectations', () => {
    const commands = parsePromqlTestFile(
      [
        '# comment',
        'load 5m',
        '  up{job="a"} 0+1x3',
        '',
        'eval instant at 10m sum(up)',
        '  expect no_warn',
        '  expect info msg: PromQL info: hello (1:1)',
        '  {} 2',
        '',
        'eval range from 0 to 10m step 5m up',
        '  expect ordered',
        '  up{job="a"} 0 1 _',
        'clear',
        'eval_fail instant at 0 foo(',
        '',
        'eval instant at 0 1+1',
        '  2',
        '',
        'eval instant at 0 "x"',
        '  expect string "x"',
      ].join('\n'),
    );
    expect(commands.map((c) => c.kind)).toEqual(['load', 'eval', 'eval', 'clear', 'eval', 'eval', 'eval']);
    expect(commands[0]).toMatchObject({
      intervalMs: 300_000,
      series: [{ labels: { __name__: 'up', job: 'a' }, line: 3 }],
    });
    expect(commands[1]).toMatchObject({
      line: 5,
      instantAtMs: 600_000,
      noWarn: true,
      info: [{ match: 'msg', text: 'PromQL info: hello (1:1)' }],
      expected: [{ labels: {}, values: [{ kind: 'float', v: 2 }] }],
    });
    expect(commands[2]).toMatchObject({ range: { startMs: 0, endMs: 600_000, stepMs: 300_000 }, ordered: true });
    expect(commands[4]).toMatchObject({ fail: { match: 'any' } });
    expect(commands[5]).toMatchObject({ expected: [{ values: [{ kind: 'float', v: 2 }] }] });
    expect(commands[5].kind === 'eval' && commands[5].expected[0].labels).toBeUndefined();
    expect(commands[6]).toMatchObject({ expectString: 'x' });
  });

  it('names the line of a malformed command', () => {
    expect(() => parsePromqlTestFile('\nbogus 1')).toThrow('line 2: unknown command "bogus 1"');
  });
});
