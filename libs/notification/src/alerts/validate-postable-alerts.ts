// POST /api/v2/alerts as Alertmanager handles it: the OpenAPI shape check (the whole body is refused), then
// per-alert defaults (updatedAt, startsAt, endsAt + timeout) and model.Alert.Validate (invalid alerts are
// dropped, the valid ones are still stored, and the request answers 400 with the reasons joined by "; ").
import { goQuote, isValidLabelName, isValidUtf8, setLabel, sortedNames, type LabelSet } from '../labels/label-set';
import type { Alert } from './alert';
import { parseRFC3339 } from './go-time';

export interface PostableAlertError {
  /** Index of the alert in the posted array; null when the body itself is wrong. */
  index: number | null;
  /** JSON path of the offending value, e.g. `[2].labels.instance`. */
  path: string;
  /** The reason, in Alertmanager's (or go-swagger's) wording. */
  message: string;
}

export type PostAlertsValidation =
  | { ok: true; alerts: Alert[] }
  | {
      ok: false;
      /** 400: bad JSON shape or invalid alerts (the valid ones are in `alerts`); 422: a required field missing. */
      status: 400 | 422;
      /** Valid alerts to store anyway (Alertmanager stores them and still answers 400). Empty on 422. */
      alerts: Alert[];
      errors: PostableAlertError[];
      /** The response body Alertmanager would send. */
      message: string;
    };

export interface PostAlertsOptions {
  now: number;
  /** global.resolve_timeout in milliseconds (5m by default). */
  resolveTimeoutMs: number;
}

interface ShapedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number | null;
  endsAt: number | null;
  generatorURL: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

class ShapeChecker {
  readonly errors: PostableAlertError[] = [];
  missingRequired = false;

  private fail(index: number | null, path: string, message: string): void {
    this.errors.push({ index, path, message });
  }

  labelSet(index: number, field: string, value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (value === undefined || value === null) {
      return out;
    }
    if (!isPlainObject(value)) {
      this.fail(index, `[${index}].${field}`, `${index}.${field} in body must be of type object: "${describe(value)}"`);
      return out;
    }
    for (const [name, v] of Object.entries(value)) {
      if (typeof v !== 'string') {
        this.fail(index, `[${index}].${field}.${name}`, `${index}.${field}.${name} in body must be of type string`);
        continue;
      }
      setLabel(out, name, v);
    }
    return out;
  }

  time(index: number, field: string, value: unknown): number | null {
    if (value === undefined || value === null) {
      return null;
    }
    const parsed = typeof value === 'string' ? parseRFC3339(value) : undefined;
    if (parsed === undefined) {
      this.fail(
        index,
        `[${index}].${field}`,
        `${index}.${field} in body must be of type date-time: ${typeof value === 'string' ? goQuote(value) : describe(value)}`,
      );
      return null;
    }
    return parsed;
  }

  alert(index: number, item: unknown): ShapedAlert | undefined {
    if (!isPlainObject(item)) {
      this.fail(index, `[${index}]`, `${index} in body must be of type object: "${describe(item)}"`);
      return undefined;
    }
    if (item.labels === undefined || item.labels === null) {
      this.missingRequired = true;
      this.fail(index, `[${index}].labels`, `${index}.labels in body is required`);
    }
    const generatorURL = item.generatorURL;
    if (generatorURL !== undefined && generatorURL !== null && typeof generatorURL !== 'string') {
      this.fail(index, `[${index}].generatorURL`, `${index}.generatorURL in body must be of type string`);
    }
    return {
      labels: this.labelSet(index, 'labels', item.labels),
      annotations: this.labelSet(index, 'annotations', item.annotations),
      startsAt: this.time(index, 'startsAt', item.startsAt),
      endsAt: this.time(index, 'endsAt', item.endsAt),
      generatorURL: typeof generatorURL === 'string' ? generatorURL : '',
    };
  }
}

// model.LabelSet.Validate, in sorted name order so the reported label is deterministic.
function labelSetProblem(labels: LabelSet): string | undefined {
  for (const name of sortedNames(labels)) {
    if (!isValidLabelName(name)) {
      return `invalid name ${goQuote(name)}`;
    }
    if (!isValidUtf8(labels[name])) {
      return `invalid value ${goQuote(labels[name])}`;
    }
  }
  return undefined;
}

/** model.Alert.Validate, with Alertmanager's wording. */
export function alertProblem(alert: Alert): string | undefined {
  if (alert.endsAt !== null && alert.endsAt < alert.startsAt) {
    return 'start time must be before end time';
  }
  const labels = labelSetProblem(alert.labels);
  if (labels) {
    return `invalid label set: ${labels}`;
  }
  if (Object.keys(alert.labels).length === 0) {
    return 'at least one label pair required';
  }
  const annotations = labelSetProblem(alert.annotations);
  return annotations ? `invalid annotations: ${annotations}` : undefined;
}

/**
 * Validates a POST /api/v2/alerts body (already JSON-parsed) and turns it into alerts ready for the store:
 * updatedAt = now; a missing startsAt becomes endsAt when that is set, else now; a missing endsAt becomes
 * now + resolve_timeout with `timeout: true`; empty label values are dropped before validation.
 */
export function validatePostableAlerts(body: unknown, options: PostAlertsOptions): PostAlertsValidation {
  if (!Array.isArray(body)) {
    const message = `body in body must be of type array: "${describe(body)}"`;
    return { ok: false, status: 400, alerts: [], errors: [{ index: null, path: '', message }], message };
  }
  const shape = new ShapeChecker();
  const shaped = body.map((item, i) => shape.alert(i, item));
  if (shape.errors.length > 0) {
    return {
      ok: false,
      status: shape.missingRequired ? 422 : 400,
      alerts: [],
      errors: shape.errors,
      message: shape.errors.map((e) => e.message).join('\n'),
    };
  }
  const { now, resolveTimeoutMs } = options;
  const alerts: Alert[] = [];
  const errors: PostableAlertError[] = [];
  shaped.forEach((s, index) => {
    if (!s) {
      return;
    }
    const labels: Record<string, string> = {};
    for (const [name, value] of Object.entries(s.labels)) {
      if (value !== '') {
        setLabel(labels, name, value);
      }
    }
    const alert: Alert = {
      labels,
      annotations: s.annotations,
      startsAt: s.startsAt ?? s.endsAt ?? now,
      endsAt: s.endsAt ?? now + resolveTimeoutMs,
      generatorURL: s.generatorURL,
      updatedAt: now,
      timeout: s.endsAt === null,
    };
    const problem = alertProblem(alert);
    if (problem) {
      errors.push({ index, path: `[${index}]`, message: problem });
    } else {
      alerts.push(alert);
    }
  });
  if (errors.length > 0) {
    return { ok: false, status: 400, alerts, errors, message: errors.map((e) => e.message).join('; ') };
  }
  return { ok: true, alerts };
}
