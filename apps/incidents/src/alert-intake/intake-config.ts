import { IncidentSeverity } from '@keel/contracts';
import { AlertIntakeError, AlertIntakeErrorCode, issue, shown, type ValidationIssue } from './alert-intake.error';
import type { AlertIntakeConfig } from './alert-intake.types';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const MIN_CORRELATION_WINDOW_MS = MINUTE_MS;
export const MAX_CORRELATION_WINDOW_MS = 24 * HOUR_MS;

/** The seed's rules: `critical` opens a P1; `warning` (and anything else) opens nothing. */
export const DEFAULT_ALERT_INTAKE_CONFIG: AlertIntakeConfig = Object.freeze({
  severityMap: Object.freeze({ critical: 'P1' as const }),
  serviceLabels: Object.freeze(['service', 'job']),
  correlationWindowMs: 30 * MINUTE_MS,
  groupBy: Object.freeze(['alertname', 'service']),
});

/** The environment variables of the intake; an empty value counts as unset (the default applies). */
export const ALERT_INTAKE_ENV = Object.freeze({
  severityMap: 'ALERT_INTAKE_SEVERITY_MAP',
  serviceLabels: 'ALERT_INTAKE_SERVICE_LABELS',
  correlationWindow: 'ALERT_INTAKE_CORRELATION_WINDOW',
  groupBy: 'ALERT_INTAKE_GROUP_BY',
});
const ENV_PREFIX = 'ALERT_INTAKE_';
const ENV_NAMES: readonly string[] = Object.values(ALERT_INTAKE_ENV);
const JSON_KEYS = ['severityMap', 'serviceLabels', 'correlationWindow', 'groupBy'] as const;

/** Prometheus label names; `__` is reserved for internal labels. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const SEVERITIES = IncidentSeverity.options.join(', ');

/** Milliseconds of a duration written as Prometheus does (`30m`, `1h`, `1h30m`, `90s`), or undefined. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m === null || text === '') return undefined;
  const [hours, minutes, seconds] = [m[1], m[2], m[3]].map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
  ];
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The shortest `1h30m`-style spelling of whole seconds. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const out = `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 ? `${seconds}s` : ''}`;
  return out === '' ? '0s' : out;
}

function labelNameProblem(name: string): string | undefined {
  if (!LABEL_NAME.test(name)) return 'is not a label name (letters, digits and _, not starting with a digit)';
  if (name.startsWith('__')) return 'is reserved (label names starting with "__" are internal)';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// One validation per setting, shared by every source. Each gets its entries already split and a field for each.

interface Entry<T> {
  field: string;
  value: T;
  /** The field names the entry by its text already (env lists), so a message need not repeat the value. */
  named?: boolean;
}

function checkSeverityMap(
  field: string,
  entries: readonly Entry<{ labelValue: string; severity: unknown }>[],
  issues: ValidationIssue[],
  /** Issues from this index on are about this setting (an env entry that could not be split, say). */
  before = issues.length,
): Record<string, IncidentSeverity> | undefined {
  const pairs: [string, IncidentSeverity][] = [];
  for (const { field: at, value } of entries) {
    if (value.labelValue === '') {
      issues.push(issue(at, 'has an empty severity label value'));
      continue;
    }
    if (value.labelValue.trim() !== value.labelValue) {
      issues.push(issue(at, 'names a severity label value that starts or ends with whitespace'));
      continue;
    }
    const severity = IncidentSeverity.safeParse(value.severity);
    if (!severity.success) {
      issues.push(issue(at, `must map to one of ${SEVERITIES}, got ${shown(value.severity)}`));
      continue;
    }
    if (pairs.some(([labelValue]) => labelValue === value.labelValue)) {
      issues.push(issue(field, `maps ${shown(value.labelValue)} twice`));
      continue;
    }
    pairs.push([value.labelValue, severity.data]);
  }
  if (issues.length > before) return undefined;
  if (pairs.length === 0) {
    issues.push(issue(field, 'must map at least one severity label value (e.g. critical=P1)'));
    return undefined;
  }
  // fromEntries defines own properties, so even a label value such as "__proto__" stays a plain key.
  return Object.freeze(Object.fromEntries(pairs));
}

function checkLabelList(
  field: string,
  entries: readonly Entry<unknown>[],
  issues: ValidationIssue[],
): readonly string[] | undefined {
  const before = issues.length;
  const names: string[] = [];
  for (const { field: at, value, named } of entries) {
    if (typeof value !== 'string') {
      issues.push(issue(at, `must be a label name, got ${shown(value)}`));
      continue;
    }
    const problem = labelNameProblem(value);
    if (problem !== undefined) {
      issues.push(issue(at, named === true ? problem : `${problem}, got ${shown(value)}`));
      continue;
    }
    if (names.includes(value)) {
      issues.push(issue(field, `names ${shown(value)} twice`));
      continue;
    }
    names.push(value);
  }
  if (issues.length > before) return undefined;
  if (names.length === 0) {
    issues.push(issue(field, 'must name at least one label'));
    return undefined;
  }
  return Object.freeze(names);
}

function checkWindow(field: string, value: unknown, issues: ValidationIssue[]): number | undefined {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) {
    issues.push(issue(field, `must be a duration such as 30m, 1h or 1h30m, got ${shown(value)}`));
    return undefined;
  }
  if (ms < MIN_CORRELATION_WINDOW_MS || ms > MAX_CORRELATION_WINDOW_MS) {
    const range = `${formatDuration(MIN_CORRELATION_WINDOW_MS)} to ${formatDuration(MAX_CORRELATION_WINDOW_MS)}`;
    issues.push(issue(field, `must be from ${range}, got ${shown(value)}`));
    return undefined;
  }
  return ms;
}

function finish(parts: Partial<AlertIntakeConfig>, issues: ValidationIssue[]): AlertIntakeConfig {
  if (issues.length > 0) throw new AlertIntakeError(AlertIntakeErrorCode.INVALID_ALERT_INTAKE_CONFIG, issues);
  return Object.freeze({ ...DEFAULT_ALERT_INTAKE_CONFIG, ...parts });
}

// ---------------------------------------------------------------------------------------------------------------
// Environment variables and env-style text.

/** Comma-separated entries, trimmed; empty entries are ignored (a trailing comma is harmless). */
function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function envEntries(field: string, raw: string): Entry<string>[] {
  return splitList(raw).map((value) => ({ field: `${field} entry ${shown(value)}`, value, named: true }));
}

/**
 * The configuration from environment variables (an empty value counts as unset, so the default applies):
 * - `ALERT_INTAKE_SEVERITY_MAP` — `critical=P1,page=P0` (replaces the whole default map);
 * - `ALERT_INTAKE_SERVICE_LABELS` — `service,job`;
 * - `ALERT_INTAKE_CORRELATION_WINDOW` — `30m` (from 1m to 24h);
 * - `ALERT_INTAKE_GROUP_BY` — `alertname,service`.
 * Any other `ALERT_INTAKE_*` variable is refused, so a misspelt one cannot be silently ignored. Throws an
 * AlertIntakeError (INVALID_ALERT_INTAKE_CONFIG) listing every problem.
 */
export function alertIntakeConfigFromEnv(env: Readonly<Record<string, string | undefined>>): AlertIntakeConfig {
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(env).sort()) {
    if (name.startsWith(ENV_PREFIX) && !ENV_NAMES.includes(name)) {
      issues.push(issue(name, `is not a setting of the alert intake; expected one of ${ENV_NAMES.join(', ')}`));
    }
  }
  return finish(fromEnvValues(env, issues), issues);
}

function fromEnvValues(
  env: Readonly<Record<string, string | undefined>>,
  issues: ValidationIssue[],
): Partial<AlertIntakeConfig> {
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw;
  };
  const parts: Partial<AlertIntakeConfig> = {};

  const severityRaw = value(ALERT_INTAKE_ENV.severityMap);
  if (severityRaw !== undefined) {
    const field = ALERT_INTAKE_ENV.severityMap;
    const before = issues.length;
    const entries: Entry<{ labelValue: string; severity: unknown }>[] = [];
    for (const { field: at, value: entry } of envEntries(field, severityRaw)) {
      const eq = entry.indexOf('=');
      if (eq < 0) {
        issues.push(issue(at, 'must be <severity label value>=<P0..P3>, e.g. critical=P1'));
        continue;
      }
      entries.push({
        field: at,
        value: { labelValue: entry.slice(0, eq).trim(), severity: entry.slice(eq + 1).trim() },
      });
    }
    const severityMap = checkSeverityMap(field, entries, issues, before);
    if (severityMap !== undefined) parts.severityMap = severityMap;
  }

  const serviceRaw = value(ALERT_INTAKE_ENV.serviceLabels);
  if (serviceRaw !== undefined) {
    const field = ALERT_INTAKE_ENV.serviceLabels;
    const serviceLabels = checkLabelList(field, envEntries(field, serviceRaw), issues);
    if (serviceLabels !== undefined) parts.serviceLabels = serviceLabels;
  }

  const windowRaw = value(ALERT_INTAKE_ENV.correlationWindow);
  if (windowRaw !== undefined) {
    const correlationWindowMs = checkWindow(ALERT_INTAKE_ENV.correlationWindow, windowRaw.trim(), issues);
    if (correlationWindowMs !== undefined) parts.correlationWindowMs = correlationWindowMs;
  }

  const groupRaw = value(ALERT_INTAKE_ENV.groupBy);
  if (groupRaw !== undefined) {
    const field = ALERT_INTAKE_ENV.groupBy;
    const groupBy = checkLabelList(field, envEntries(field, groupRaw), issues);
    if (groupBy !== undefined) parts.groupBy = groupBy;
  }
  return parts;
}

function unquote(value: string): string {
  const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0];
  return quoted ? value.slice(1, -1) : value;
}

/** `NAME=value` lines as in an env file: blank lines and `#` comments are skipped, one pair of quotes is removed. */
function envFromText(text: string, issues: ValidationIssue[]): Record<string, string> {
  const env: Record<string, string> = {};
  const firstLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) {
      issues.push(issue(`line ${lineNo}`, `must be NAME=value, got ${shown(line)}`));
      return;
    }
    if (!ENV_NAMES.includes(name)) {
      issues.push(
        issue(`line ${lineNo}`, `sets ${name}, which is not a setting; expected one of ${ENV_NAMES.join(', ')}`),
      );
      return;
    }
    const first = firstLine.get(name);
    if (first !== undefined) {
      issues.push(issue(`line ${lineNo}`, `sets ${name} again (first set on line ${first})`));
      return;
    }
    firstLine.set(name, lineNo);
    env[name] = unquote(line.slice(eq + 1).trim());
  });
  return env;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON.

function keyPath(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJsonValue(root: unknown, issues: ValidationIssue[]): Partial<AlertIntakeConfig> {
  const parts: Partial<AlertIntakeConfig> = {};
  if (!isPlainObject(root)) {
    issues.push(issue('(json)', `must be an object with ${JSON_KEYS.join(', ')}, got ${shown(root)}`));
    return parts;
  }
  for (const key of Object.keys(root)) {
    if (!(JSON_KEYS as readonly string[]).includes(key)) {
      issues.push(issue(keyPath('(json)', key), `is not a setting; expected one of ${JSON_KEYS.join(', ')}`));
    }
  }

  const severityMap = root['severityMap'];
  if (severityMap !== undefined) {
    if (!isPlainObject(severityMap)) {
      issues.push(issue('severityMap', `must be an object such as {"critical": "P1"}, got ${shown(severityMap)}`));
    } else {
      const entries = Object.entries(severityMap).map(([labelValue, severity]) => ({
        field: keyPath('severityMap', labelValue),
        value: { labelValue, severity },
      }));
      const checked = checkSeverityMap('severityMap', entries, issues);
      if (checked !== undefined) parts.severityMap = checked;
    }
  }

  for (const key of ['serviceLabels', 'groupBy'] as const) {
    const list = root[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      issues.push(issue(key, `must be an array of label names, got ${shown(list)}`));
      continue;
    }
    const checked = checkLabelList(
      key,
      list.map((value: unknown, i) => ({ field: `${key}[${i}]`, value })),
      issues,
    );
    if (checked !== undefined) parts[key] = checked;
  }

  const window = root['correlationWindow'];
  if (window !== undefined) {
    const correlationWindowMs = checkWindow('correlationWindow', window, issues);
    if (correlationWindowMs !== undefined) parts.correlationWindowMs = correlationWindowMs;
  }
  return parts;
}

/**
 * The configuration from JSON: `{"severityMap": {"critical": "P1", "page": "P0"}, "serviceLabels": ["service",
 * "job"], "correlationWindow": "30m", "groupBy": ["alertname", "service"]}`; a missing key keeps its default,
 * an unknown key is refused.
 */
export function alertIntakeConfigFromJson(text: string): AlertIntakeConfig {
  const issues: ValidationIssue[] = [];
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AlertIntakeError(AlertIntakeErrorCode.INVALID_ALERT_INTAKE_CONFIG, [
      issue('(json)', `is not valid JSON: ${reason}`),
    ]);
  }
  return finish(fromJsonValue(root, issues), issues);
}

/**
 * One text, as a single setting or file holds it: JSON when it starts with `{`, otherwise env-style lines
 * (`ALERT_INTAKE_SEVERITY_MAP=critical=P1,page=P0`, one per line, `#` comments). An empty text is the default.
 */
export function parseAlertIntakeConfig(text: string): AlertIntakeConfig {
  if (text.trimStart().startsWith('{')) return alertIntakeConfigFromJson(text);
  const issues: ValidationIssue[] = [];
  const env = envFromText(text, issues);
  return finish(fromEnvValues(env, issues), issues);
}

/** Problems of a configuration built in code (the parsers never return one with problems). */
export function alertIntakeConfigIssues(config: AlertIntakeConfig): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(config.severityMap)) {
    issues.push(issue('severityMap', `must be an object, got ${shown(config.severityMap)}`));
  } else {
    checkSeverityMap(
      'severityMap',
      Object.entries(config.severityMap).map(([labelValue, severity]) => ({
        field: keyPath('severityMap', labelValue),
        value: { labelValue, severity },
      })),
      issues,
    );
  }
  for (const key of ['serviceLabels', 'groupBy'] as const) {
    const list: unknown = config[key];
    if (!Array.isArray(list)) issues.push(issue(key, `must be an array of label names, got ${shown(list)}`));
    else
      checkLabelList(
        key,
        list.map((value: unknown, i) => ({ field: `${key}[${i}]`, value })),
        issues,
      );
  }
  const ms = config.correlationWindowMs;
  if (!Number.isSafeInteger(ms) || ms < MIN_CORRELATION_WINDOW_MS || ms > MAX_CORRELATION_WINDOW_MS) {
    issues.push(
      issue(
        'correlationWindowMs',
        `must be whole milliseconds from ${MIN_CORRELATION_WINDOW_MS} to ${MAX_CORRELATION_WINDOW_MS}, got ${shown(ms)}`,
      ),
    );
  }
  return issues;
}
