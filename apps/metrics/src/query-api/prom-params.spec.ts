import { BadDataError, parseDurationParam, parsePromDuration, parseRangeParams, parseTimeParam } from './prom-params';

describe('parseTimeParam', () => {
  it('reads Unix seconds and RFC 3339', () => {
    expect(parseTimeParam('time', '1435781451.781')).toBe(1435781451781);
    expect(parseTimeParam('time', '1435781451')).toBe(1435781451000);
    expect(parseTimeParam('time', '2015-07-01T20:10:51.781Z')).toBe(1435781451781);
    expect(parseTimeParam('time', '2015-07-01T22:10:51+02:00')).toBe(1435781451000);
  });

  it('uses the fallback when absent and refuses garbage with the parameter name', () => {
    expect(parseTimeParam('time', undefined, 42)).toBe(42);
    expect(() => parseTimeParam('start', 'yesterday')).toThrow(
      new BadDataError('invalid parameter "start": cannot parse "yesterday" to a valid timestamp'),
    );
  });
});

describe('durations', () => {
  it('reads Prometheus durations and float seconds', () => {
    expect(parsePromDuration('1h30m')).toBe(5_400_000);
    expect(parsePromDuration('500ms')).toBe(500);
    expect(parsePromDuration('1y2w')).toBe(31_536_000_000 + 1_209_600_000);
    expect(parsePromDuration('1.5h')).toBeUndefined();
    expect(parseDurationParam('step', '15')).toBe(15_000);
    expect(parseDurationParam('step', '0.5')).toBe(500);
    expect(parseDurationParam('step', '1m')).toBe(60_000);
    expect(() => parseDurationParam('step', 'soon')).toThrow(
      'invalid parameter "step": cannot parse "soon" to a valid duration',
    );
  });
});

describe('parseRangeParams', () => {
  it('accepts a sane range', () => {
    expect(parseRangeParams({ start: '100', end: '200', step: '10s' })).toEqual({
      startMs: 100_000,
      endMs: 200_000,
      stepMs: 10_000,
    });
  });

  it.each([
    [{ start: '200', end: '100', step: '1' }, 'end timestamp must not be before start time'],
    [{ start: '100', end: '200', step: '0' }, 'zero or negative query resolution step widths are not accepted'],
    [{ start: '0', end: '100000', step: '1' }, 'exceeded maximum resolution of 11,000 points per timeseries'],
    [{ start: '0', end: '10' }, 'invalid parameter "step"'],
  ])('refuses %j', (params, message) => {
    expect(() => parseRangeParams(params)).toThrow(message);
  });
});
