// Prometheus marks the end of a series with one particular NaN (bits 0x7ff0000000000002). V8 may set the
// quiet bit when it copies such a NaN, so the check ignores that bit and looks at the payload.

const view = new DataView(new ArrayBuffer(8));
view.setBigUint64(0, 0x7ff0000000000002n);

export const STALE_NAN: number = view.getFloat64(0);

const QUIET_BIT = 0x0008000000000000n;

export function isStaleNaN(v: number): boolean {
  if (!Number.isNaN(v)) {
    return false;
  }
  view.setFloat64(0, v);
  return (view.getBigUint64(0) & ~QUIET_BIT) === 0x7ff0000000000002n;
}
