/** Field names whose values never reach a log line, at any of the first three levels of nesting. */
export const SENSITIVE_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwordHash',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'x-api-key',
] as const;

export const REDACTED = '[REDACTED]';

function accessor(field: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
}

/** pino redact paths: `password`, `*.password`, `*.*.password` (e.g. req.headers.authorization), `*.*.*.password`. */
export function redactPaths(fields: readonly string[] = SENSITIVE_FIELDS): string[] {
  return fields.flatMap((field) => {
    const key = accessor(field);
    const top = key.startsWith('.') ? key.slice(1) : key;
    return [top, `*${key}`, `*.*${key}`, `*.*.*${key}`];
  });
}
