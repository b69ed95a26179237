import type { Labels } from './types';

// FNV-1a, 64 bits, kept as two 32-bit halves so a label set hashes without BigInt.
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LOW_BITS = 0x1b3; // the prime is 2^40 + 0x1b3
const SEPARATOR = 0xff;
const encoder = new TextEncoder();

class Fnv1a64 {
  hi = OFFSET_HI;
  lo = OFFSET_LO;

  byte(b: number): void {
    const lo = (this.lo ^ b) >>> 0;
    const loProduct = lo * PRIME_LOW_BITS;
    const carry = Math.floor(loProduct / 0x1_0000_0000);
    this.hi = (Math.imul(this.hi, PRIME_LOW_BITS) + ((lo << 8) >>> 0) + carry) >>> 0;
    this.lo = loProduct >>> 0;
  }

  bytes(data: Uint8Array): void {
    for (const b of data) {
      this.byte(b);
    }
  }

  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

/** FNV-1a 64 of a byte string, as 16 hex digits. */
export function fnv1a64Hex(data: string | Uint8Array): string {
  const h = new Fnv1a64();
  h.bytes(typeof data === 'string' ? encoder.encode(data) : data);
  return h.hex();
}

/**
 * The fingerprint Prometheus' common model and Alertmanager give a label set: FNV-1a 64 over the sorted
 * names and values, each followed by the byte 0xff, printed as 16 hex digits. Empty values count as absent.
 */
export function labelsFingerprint(labels: Labels): string {
  const h = new Fnv1a64();
  for (const name of Object.keys(labels).sort()) {
    const value = labels[name];
    if (value === '') {
      continue;
    }
    h.bytes(encoder.encode(name));
    h.byte(SEPARATOR);
    h.bytes(encoder.encode(value));
    h.byte(SEPARATOR);
  }
  return h.hex();
}
