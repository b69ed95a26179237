import { parseSamplesText, PublishInputError, sampleFromFlags } from './publish-input';

describe('parseSamplesText', () => {
  it('reads JSON lines, skipping blank lines, and defaults labels to none', () => {
    const text = '{"name":"up","labels":{"job":"api"},"value":1}\n\n{"name":"temp","value":"-Inf","type":"gauge"}\r\n';
    expect(parseSamplesText(text)).toEqual([
      { name: 'up', labels: { job: 'api' }, value: 1 },
      { name: 'temp', labels: {}, value: '-Inf', type: 'gauge' },
    ]);
  });

  it('reads a JSON array, even spread over lines', () => {
    const text = '  [\n {"name":"a","labels":{},"value":1},\n {"name":"b","value":2,"timestampMs":1795705200000}\n]';
    expect(parseSamplesText(text)).toEqual([
      { name: 'a', labels: {}, value: 1 },
      { name: 'b', labels: {}, value: 2, timestampMs: 1795705200000 },
    ]);
  });

  it.each([
    ['', 'no samples in the input'],
    ['  \n', 'no samples in the input'],
    ['[]', 'no samples in the input'],
    ['[{"name":"a","value":1}', /^input is not a valid JSON array: /],
    ['{"name":"a","value":1}\n{"name":"b",', /^line 2: not valid JSON: /],
    ['{"name":"a","value":1}\n\n[1]', 'line 3: must be a JSON object like {"name":"up","labels":{},"value":1}'],
    [
      '{"name":"a","value":1}\n{"name":"b","value":"x"}',
      'line 2: value: must be a finite number or one of "NaN", "+Inf", "-Inf"',
    ],
    ['{"name":"a","value":1,"unit":"s"}', 'line 1: unit: unknown field'],
    [
      '{"name":"a","labels":{"a-b":"1"},"value":1}',
      'line 1: labels["a-b"]: label name must match ^[a-zA-Z_][a-zA-Z0-9_]*$',
    ],
    ['[{"name":"a","value":1},{"name":"","value":1}]', 'element [1]: name: must not be empty'],
    [
      '{"name":"a","value":1,"timestampMs":1795705200}',
      /^line 1: timestampMs: must be milliseconds since the epoch in the years 2000\.\.2099/,
    ],
  ])('refuses %p naming the line and field', (text, message) => {
    expect(() => parseSamplesText(text)).toThrow(PublishInputError);
    expect(() => parseSamplesText(text)).toThrow(message);
  });
});

describe('sampleFromFlags', () => {
  it('builds one sample with labels, type and timestamp', () => {
    expect(
      sampleFromFlags({
        metric: 'deploys_total',
        value: '3',
        label: ['env=prod', 'url=https://x/?a=b'],
        type: 'counter',
        timestamp: '1795705200000',
      }),
    ).toEqual({
      name: 'deploys_total',
      labels: { env: 'prod', url: 'https://x/?a=b' },
      value: 3,
      type: 'counter',
      timestampMs: 1795705200000,
    });
  });

  it.each([
    ['1.5', 1.5],
    ['-2e3', -2000],
    ['NaN', 'NaN'],
    ['+Inf', '+Inf'],
    ['-Inf', '-Inf'],
  ])('reads the value %p', (value, expected) => {
    expect(sampleFromFlags({ metric: 'm', value }).value).toBe(expected);
  });

  it.each([
    [{ value: '1' }, '--metric is required with --value and --label'],
    [{ metric: 'm' }, '--value is required for --metric m'],
    [{ metric: 'm', value: 'abc' }, '--value abc: must be a number or one of NaN, +Inf, -Inf'],
    [{ metric: 'm', value: '' }, '--value : must be a number or one of NaN, +Inf, -Inf'],
    [{ metric: 'm', value: 'Infinity' }, '--value Infinity: must be a number or one of NaN, +Inf, -Inf'],
    [{ metric: 'm', value: '1', label: ['novalue'] }, '--label "novalue": expected name=value'],
    [{ metric: 'm', value: '1', label: ['=x'] }, '--label "=x": expected name=value'],
    [{ metric: 'm', value: '1', label: ['a=1', 'a=2'] }, '--label a: given twice'],
    [
      { metric: 'm', value: '1', type: 'timer' },
      '--type timer: must be one of counter, gauge, histogram, summary, untyped',
    ],
    [{ metric: 'm', value: '1', timestamp: '12.5' }, '--timestamp 12.5: must be milliseconds since the epoch'],
    [{ metric: '9m', value: '1' }, 'flags: name: must match ^[a-zA-Z_:][a-zA-Z0-9_:]*$'],
    [{ metric: 'm', value: '1', label: ['__x=1'] }, 'flags: labels.__x: label names starting with "__" are reserved'],
  ])('refuses %p', (flags, message) => {
    expect(() => sampleFromFlags(flags)).toThrow(new PublishInputError(message));
  });
});
