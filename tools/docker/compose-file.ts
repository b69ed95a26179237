import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// Reads a Compose file the way `docker compose` sees its structure (YAML with `<<` merge keys), without the
// variable interpolation: `${VAR}` references stay as written, which is what the secret checks look at.

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | number | { host_ip?: string; published?: string | number; target?: number }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  profiles?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function loadCompose(path: string): { text: string; compose: ComposeFile } {
  const text = readFileSync(path, 'utf8');
  const parsed: unknown = parse(text, { merge: true });
  if (!isRecord(parsed) || !isRecord(parsed['services'])) {
    throw new Error(`${path} has no services mapping`);
  }
  return { text, compose: parsed as unknown as ComposeFile };
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0] ?? '', entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** Host address of each published port; `undefined` when the short syntax omits it (all interfaces). */
export function publishedPortHosts(service: ComposeService): Array<{ spec: string; hostIp: string | undefined }> {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return { spec: JSON.stringify(port), hostIp: port.host_ip };
    const spec = String(port);
    const bracketed = /^\[([^\]]+)\]:/.exec(spec);
    if (bracketed) return { spec, hostIp: bracketed[1] };
    const parts = spec.split('/')[0]?.split(':') ?? [];
    return { spec, hostIp: parts.length === 3 ? parts[0] : undefined };
  });
}

/** Each dependency with its condition; the list syntax means service_started. */
export function dependenciesOf(service: ComposeService): Array<{ name: string; condition: string }> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return deps.map((name) => ({ name, condition: 'service_started' }));
  return Object.entries(deps).map(([name, spec]) => ({ name, condition: spec.condition ?? 'service_started' }));
}

/** Every `${NAME…}` interpolation in the raw text, with its operator (`:?`, `:-`, `-`, …) if any. */
export function interpolations(text: string): Array<{ name: string; operator: string; raw: string }> {
  const found: Array<{ name: string; operator: string; raw: string }> = [];
  for (const match of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*\}/g)) {
    found.push({ name: match[1] ?? '', operator: match[2] ?? '', raw: match[0] });
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
