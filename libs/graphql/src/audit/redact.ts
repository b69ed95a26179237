const SENSITIVE = /pass(word)?|secret|token|api_?key|credential|authorization/i;
const MAX_DEPTH = 6;

/** A copy of mutation arguments safe to keep in the audit trail: secrets replaced, depth bounded. */
export function redactArguments(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redactArguments(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        SENSITIVE.test(key) ? '[redacted]' : redactArguments(item, depth + 1),
      ]),
    );
  }
  return value;
}

export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^a-zA-Z0-9_]/g, '_')
    .toLowerCase();
}
