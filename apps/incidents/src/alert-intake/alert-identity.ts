import { type AlertEvent, IncidentSeverity } from '@keel/contracts';
import { SERVICE_NAME } from '../common/names';
import type { AlertIntakeConfig } from './alert-intake.types';

// How an alert is named, grouped, placed on a service, given a severity and recognised when delivered again.

export const ALERTNAME_LABEL = 'alertname';
export const SEVERITY_LABEL = 'severity';
/** In `groupBy`, this name stands for the service resolved through `serviceLabels`, not for one raw label. */
export const SERVICE_GROUP_BY = 'service';

type AlertOf = AlertEvent['alert'];

/** The `alertname` label, or the rule name when the label is missing or empty. */
export function alertnameOf(alert: Pick<AlertOf, 'labels' | 'ruleName'>): string {
  const name = alert.labels[ALERTNAME_LABEL];
  return name === undefined || name === '' ? alert.ruleName : name;
}

/**
 * The alert's service: the value of the first of `serviceLabels` that is a valid service name (lower-case letters,
 * digits, `.`, `_`, `-`, at most 63). Values that are not (`Checkout API`) are skipped, never rewritten; null
 * when no label gives one.
 */
export function serviceOf(
  labels: Readonly<Record<string, string>>,
  config: Pick<AlertIntakeConfig, 'serviceLabels'>,
): string | null {
  for (const name of config.serviceLabels) {
    const value = labels[name];
    if (value !== undefined && Object.hasOwn(labels, name) && SERVICE_NAME.test(value)) return value;
  }
  return null;
}

/**
 * The alert group key: `name="value"` for each of `groupBy`, names sorted (so the order they are configured in
 * does not matter), values JSON-escaped, joined by commas — e.g. `alertname="HighErrorRate",service="api"`.
 * `alertname` falls back to the rule name and `service` is the resolved service; an absent label is `""`, as in
 * Prometheus.
 */
export function groupKeyOf(alert: Pick<AlertOf, 'labels' | 'ruleName'>, config: AlertIntakeConfig): string {
  return [...config.groupBy]
    .sort()
    .map((name) => {
      let value: string;
      if (name === ALERTNAME_LABEL) value = alertnameOf(alert);
      else if (name === SERVICE_GROUP_BY) value = serviceOf(alert.labels, config) ?? '';
      else value = Object.hasOwn(alert.labels, name) ? (alert.labels[name] ?? '') : '';
      return `${name}=${JSON.stringify(value)}`;
    })
    .join(',');
}

export interface MappedSeverity {
  /** The value of the `severity` label; null when the alert has none. */
  labelValue: string | null;
  /** The incident severity it maps to; null when unmapped. */
  severity: IncidentSeverity | null;
}

/** The incident severity of an alert, by its `severity` label and the configured map (exact match). */
export function severityOf(
  labels: Readonly<Record<string, string>>,
  config: Pick<AlertIntakeConfig, 'severityMap'>,
): MappedSeverity {
  const labelValue = Object.hasOwn(labels, SEVERITY_LABEL) ? (labels[SEVERITY_LABEL] ?? null) : null;
  if (labelValue === null || !Object.hasOwn(config.severityMap, labelValue)) return { labelValue, severity: null };
  return { labelValue, severity: config.severityMap[labelValue] ?? null };
}

/** True when `a` is more severe than `b` (P0 is the most severe). */
export function isMoreSevere(a: IncidentSeverity, b: IncidentSeverity): boolean {
  return IncidentSeverity.options.indexOf(a) < IncidentSeverity.options.indexOf(b);
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/** The Date of an ISO 8601 date-time with `Z` or an offset (as keel.alerts.v1 carries), or undefined. */
export function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_INSTANT.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.parse would roll 2026-02-30 over into March and accept 24:00; a real date survives the round trip.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || calendar.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** An instant as a message shows it: UTC, whole seconds unless it has milliseconds. */
export function shownInstant(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/**
 * The dedupe key of an alert event: fingerprint, transition and instant, `6f3c2a9b8d7e1f40|pending>firing|
 * 2026-11-26T15:02:00.000Z`. A redelivery, and a republication of the same state change under a new event id,
 * share it; the instant is normalised to UTC so offsets do not matter. The last two parts contain no `|`, so
 * the key is unambiguous whatever the fingerprint holds. At most 128 + 1 + 17 + 1 + 24 = 171 characters.
 */
export function alertDedupeKey(event: Pick<AlertEvent, 'occurredAt' | 'previousState' | 'alert'>): string {
  const at = parseInstant(event.occurredAt);
  const instant = at === undefined ? event.occurredAt : at.toISOString();
  return `${event.alert.fingerprint}|${event.previousState ?? 'unknown'}>${event.alert.state}|${instant}`;
}
