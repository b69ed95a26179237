import { fnv1a64Hex, labelsFingerprint } from './fingerprint';

// Reference: the same hash computed with BigInt arithmetic, straight from the FNV-1a definition.
function referenceFnv(bytes: number[]): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64Hex', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with BigInt arithmetic on long and multi-byte input', () => {
    const text = 'HighErrorRate\u00ffjob\u00ffapi-\u00e9t\u00e9-'.repeat(40);
    expect(fnv1a64Hex(text)).toBe(referenceFnv([...new TextEncoder().encode(text)]));
  });
});

describe('labelsFingerprint', () => {
  it('hashes sorted names and values with 0xff separators, as Prometheus model fingerprints do', () => {
    const bytes = [...new TextEncoder().encode('alertname\u0000A\u0000job\u0000api\u0000')].map((b) =>
      b === 0 ? 0xff : b,
    );
    expect(labelsFingerprint({ job: 'api', alertname: 'A' })).toBe(referenceFnv(bytes));
  });

  it('ignores label order and empty values, and gives the empty set the offset basis', () => {
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1', c: '' }));
    expect(labelsFingerprint({})).toBe('cbf29ce484222325');
    expect(labelsFingerprint({ a: '1' })).not.toBe(labelsFingerprint({ a: '2' }));
  });
});
