// Helpers for the incident-core specs: fixed instants (never the clock) and the error a call throws.
export const at = (iso: string): Date => new Date(iso);

/** The error `fn` throws; fails the test when it does not throw. */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw');
}
