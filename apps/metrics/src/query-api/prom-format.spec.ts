import { formatSampleValue, formatTimestamp } from './prom-format';

describe('formatSampleValue (Go FormatFloat f, -1)', () => {
  it.each([
    [1, '1'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-1.234e-10, '-0.0000000001234'],
    [123456789012345680000, '123456789012345680000'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [-0, '-0'],
  ])('%s → %s', (value, text) => {
    expect(formatSampleValue(value)).toBe(text);
  });
});

describe('formatTimestamp', () => {
  it('gives Unix seconds with millisecond precision', () => {
    expect(formatTimestamp(1435781451781)).toBe(1435781451.781);
  });
});
