import { parsePromQL } from './parse';

function parseOk(query: string) {
  const result = parsePromQL(query);
  if (!result.ok) {
    throw new Error(`expected ${query} to parse: ${result.error.message}`);
  }
  return result.expr;
}

function parseError(query: string) {
  const result = parsePromQL(query);
  if (result.ok) {
    throw new Error(`expected ${query} to fail`);
  }
  return result.error;
}

describe('parsePromQL', () => {
  it('builds a vector selector with all four matcher types', () => {
    const expr = parseOk('http_requests_total{job="api", code!="500", path=~"/v1/.*", method!~"GET|HEAD"}');
    expect(expr).toMatchObject({
      kind: 'VectorSelector',
      name: 'http_requests_total',
      matchers: [
        { name: '__name__', type: '=', value: 'http_requests_total' },
        { name: 'job', type: '=', value: 'api' },
        { name: 'code', type: '!=', value: '500' },
        { name: 'path', type: '=~', value: '/v1/.*' },
        { name: 'method', type: '!~', value: 'GET|HEAD' },
      ],
    });
  });

  it('parses range, offset and @ modifiers and durations', () => {
    expect(parseOk('rate(x[1h30m] offset -5m @ 100)')).toMatchObject({
      kind: 'Call',
      func: 'rate',
      args: [
        {
          kind: 'MatrixSelector',
          rangeMs: 5_400_000,
          selector: { offsetMs: -300_000, at: { kind: 'timestamp', ms: 100_000 } },
        },
      ],
    });
    expect(parseOk('x @ end()')).toMatchObject({ at: { kind: 'end' } });
    expect(parseOk('x[1y2w3d]')).toMatchObject({ rangeMs: (365 + 14 + 3) * 86_400_000 });
    expect(parseOk('x[250ms]')).toMatchObject({ rangeMs: 250 });
  });

  it('parses subqueries with and without a step', () => {
    expect(parseOk('max_over_time(rate(x[5m])[1h:1m] offset 1m)')).toMatchObject({
      args: [{ kind: 'SubqueryExpr', rangeMs: 3_600_000, stepMs: 60_000, offsetMs: 60_000 }],
    });
    expect(parseOk('sum(x)[5m:]')).toMatchObject({ kind: 'SubqueryExpr', stepMs: undefined });
  });

  it('binds offset to the nearest selector, not to the whole binary expression', () => {
    expect(parseOk('a offset 1m or b offset 2m')).toMatchObject({
      kind: 'BinaryExpr',
      op: 'or',
      lhs: { kind: 'VectorSelector', offsetMs: 60_000 },
      rhs: { kind: 'VectorSelector', offsetMs: 120_000 },
    });
  });

  it('keeps operator precedence and right-associative power', () => {
    expect(parseOk('1 + 2 * 3 ^ 2 ^ 2')).toMatchObject({
      op: '+',
      rhs: { op: '*', rhs: { op: '^', lhs: { value: 3 }, rhs: { op: '^' } } },
    });
    expect(parseOk('-2')).toEqual({ kind: 'NumberLiteral', value: -2, pos: { start: 0, end: 2 } });
  });

  it('parses vector matching with group modifiers', () => {
    expect(parseOk('a > bool on(instance) group_left(role) b')).toMatchObject({
      op: '>',
      returnBool: true,
      matching: { card: 'many-to-one', on: true, labels: ['instance'], include: ['role'] },
    });
    expect(parseOk('a and b')).toMatchObject({ matching: { card: 'many-to-many' } });
  });

  it('parses aggregations with the clause before or after the body', () => {
    expect(parseOk('sum by (job) (x)')).toMatchObject({ op: 'sum', grouping: ['job'], without: false });
    expect(parseOk('topk(3, x) without (a)')).toMatchObject({ op: 'topk', param: { value: 3 }, without: true });
  });

  it('reads numbers the way Prometheus does', () => {
    expect(parseOk('0x1F')).toMatchObject({ value: 31 });
    expect(parseOk('2.')).toMatchObject({ value: 2 });
    expect(parseOk('1_000')).toMatchObject({ value: 1000 });
    expect(parseOk('predict_linear(x[5m], 1h)')).toMatchObject({ args: [{}, { value: 3600 }] });
    expect(parseOk('min_of(3, 5)')).toMatchObject({ kind: 'NumberLiteral', value: 3 });
  });

  it.each([
    ['sum(rate(x[5m])', '1:16: parse error: unexpected end of input', 15],
    ['rate(x)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector', 5],
    ['{a=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher', 0],
    ['1 > 1', '1:3: parse error: comparisons between scalars must use BOOL modifier', 2],
    ['x + bool y', '1:3: parse error: bool modifier can only be used on comparison operators', 2],
    ['1 and x', '1:1: parse error: set operator "and" not allowed in binary scalar expression', 0],
    ['sum(x[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector', 4],
    ['topk("a", x)', '1:6: parse error: expected type scalar in aggregation parameter, got string', 5],
    ['abs(x, y)', '1:1: parse error: expected 1 argument(s) in call to "abs", got 2', 0],
    ['round()', '1:1: parse error: expected at least 1 argument(s) in call to "round", got 0', 0],
    ['x[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types', 0],
    [
      '(foo) offset 5m',
      '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
      0,
    ],
    ['x and on(a) group_left y', '1:1: parse error: no grouping allowed for "and" operation', 0],
    ['x[5m][1h:]', '1:1: parse error: subquery is only allowed on instant vector, got range vector instead', 0],
    ['', '1:1: parse error: no expression found in input', 0],
  ])('rejects %j', (query, message, start) => {
    const error = parseError(query);
    expect(error.message).toBe(message);
    expect(error.position.start).toBe(start);
  });

  it('reports positions on later lines', () => {
    expect(parseError('sum(\n  rate(x)\n)').message).toBe(
      '2:8: parse error: expected type range vector in call to function "rate", got instant vector',
    );
  });

  it('rejects an invalid regex in a matcher at the value', () => {
    const error = parseError('x{a=~"("}');
    expect(error.message).toMatch(/^1:6: parse error: error parsing regexp/);
  });
});
