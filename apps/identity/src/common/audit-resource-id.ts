const MAX_LENGTH = 128;

/**
 * A caller-supplied value (an id argument, an attempted user name) as an audit resource id: the audit
 * contract wants a non-empty string without surrounding whitespace, and an attacker controls the length.
 * Undefined means "nothing usable": the audit record then names the mutation instead.
 */
export function auditResourceId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().slice(0, MAX_LENGTH).trim();
  return trimmed === '' ? undefined : trimmed;
}
