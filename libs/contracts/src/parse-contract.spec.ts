import { z } from 'zod';
import { formatPath, parseContract } from './parse-contract';

const contract = {
  schema: z.object({
    name: z.string().regex(/^[a-z]+$/, { error: 'must match ^[a-z]+$' }),
    items: z.array(z.object({ size: z.int() })).optional(),
    tags: z.record(z.string(), z.string()).optional(),
  }),
};

describe('parseContract', () => {
  it('returns the parsed value when the input is valid', () => {
    expect(parseContract(contract, { name: 'ok', extra: true })).toEqual({ ok: true, value: { name: 'ok' } });
  });

  it('reports a missing field as required', () => {
    expect(parseContract(contract, {})).toEqual({ ok: false, reason: 'name: required' });
  });

  it('names nested array paths with indexes', () => {
    const result = parseContract(contract, { name: 'ok', items: [{ size: 1 }, { size: 1 }, { size: 1.5 }] });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^items\[2\]\.size: /) });
  });

  it('quotes record keys that are not identifiers', () => {
    const result = parseContract(contract, { name: 'ok', tags: { 'a-b': 1 } });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^tags\["a-b"\]: /) });
  });

  it('joins several problems on one line', () => {
    const result = parseContract(contract, { name: 'NO', items: 'x' });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^name: must match \^\[a-z\]\+\$; items: /) });
  });

  it('reports a non-object message at the root', () => {
    expect(parseContract(contract, 'text')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^\(root\): .*expected object/),
    });
  });

  it('cuts a long list of problems short and says how many were left out', () => {
    const many = { schema: z.array(z.string()) };
    const result = parseContract(many, [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.split('; ')).toHaveLength(6);
      expect(result.reason).toMatch(/^\[0\]: .*; \(\+3 more\)$/);
    }
  });
});

describe('formatPath', () => {
  it.each([
    [[], '(root)'],
    [['a'], 'a'],
    [['a', 0, 'b'], 'a[0].b'],
    [[3, 'name'], '[3].name'],
    [['labels', 'with space'], 'labels["with space"]'],
    [['labels', '__name__'], 'labels.__name__'],
  ])('formats %j as %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
