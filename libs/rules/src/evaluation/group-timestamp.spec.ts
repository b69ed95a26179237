import { groupEvaluationTimestamp, groupHash } from './group-timestamp';
import { xxhash64 } from './xxhash64';

const MIN = 60_000;

describe('xxhash64', () => {
  // Reference values of the xxHash64 specification (seed 0).
  it.each([
    ['', 'ef46db3751d8e999'],
    ['a', 'd24ec4f1a98c6e5b'],
    ['abc', '44bc2cf5ad770999'],
    ['Nobody inspects the spammish repetition', 'fbcea83c8a378bf1'],
  ])('hashes %p', (text, hex) => {
    expect(xxhash64(new TextEncoder().encode(text)).toString(16).padStart(16, '0')).toBe(hex);
  });
});

describe('groupEvaluationTimestamp', () => {
  const group = { file: '/etc/keel/alerting-rules.yml', name: 'critical_alerts' };

  it('gives the latest slot at or before now, on the interval grid shifted by the group offset', () => {
    const now = Date.UTC(2026, 0, 15, 10, 30, 17, 123);
    const slot = groupEvaluationTimestamp(now, MIN, group);
    expect(slot).toBeLessThanOrEqual(now);
    expect(slot).toBeGreaterThan(now - MIN);
    const offsetMs = Number((groupHash(group) % BigInt(MIN * 1_000_000)) / 1_000_000n);
    expect((((slot - offsetMs) % MIN) + MIN) % MIN).toBe(0);
  });

  it('is the same slot anywhere inside it, and moves by one interval at its edge', () => {
    const slot = groupEvaluationTimestamp(Date.UTC(2026, 0, 15, 10, 30), MIN, group);
    expect(groupEvaluationTimestamp(slot, MIN, group)).toBe(slot);
    expect(groupEvaluationTimestamp(slot + MIN - 1, MIN, group)).toBe(slot);
    expect(groupEvaluationTimestamp(slot + MIN, MIN, group)).toBe(slot + MIN);
    expect(groupEvaluationTimestamp(slot - 1, MIN, group)).toBe(slot - MIN);
  });

  it('spreads groups over the interval by their file and name', () => {
    const now = Date.UTC(2026, 0, 15, 10, 30);
    const slots = new Set(
      ['a', 'b', 'c', 'd', 'e'].map((name) => groupEvaluationTimestamp(now, 5 * MIN, { file: 'r.yml', name })),
    );
    expect(slots.size).toBeGreaterThan(1);
    expect(groupHash({ file: 'r.yml', name: 'a' })).not.toBe(groupHash({ file: 's.yml', name: 'a' }));
  });

  it('refuses a non-positive interval', () => {
    expect(() => groupEvaluationTimestamp(0, 0, group)).toThrow(
      'group interval must be a positive number of milliseconds',
    );
  });
});
