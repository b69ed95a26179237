// Typed factories for alert-intake test data, and a small in-memory store that applies decisions the way the
// consumer will apply them to incidents and incident_alerts (an upsert of the rows a decision hands back).
import type { AlertEvent } from '@keel/contracts';
import type { IncidentAlertLink, IncidentForIntake, IntakeDecision } from '../alert-intake.types';

export const at = (iso: string): Date => new Date(iso);

let eventCounter = 0;

/** A fresh event id for every event, as the alerting service draws one per publication. */
function nextEventId(): string {
  eventCounter += 1;
  return `00000000-0000-4000-8000-${eventCounter.toString(16).padStart(12, '0')}`;
}

export interface AlertEventOptions {
  state: AlertEvent['alert']['state'];
  previousState?: AlertEvent['previousState'];
  occurredAt: string;
  fingerprint?: string;
  ruleName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  firedAt?: string;
  resolvedAt?: string;
  generatorUrl?: string;
}

/** A keel.alerts.v1 event as the alerting service publishes it (firedAt/resolvedAt follow the state unless given). */
export function anAlertEvent(options: AlertEventOptions): AlertEvent {
  const { state, occurredAt } = options;
  const previousState =
    options.previousState ?? (state === 'firing' ? 'pending' : state === 'pending' ? 'inactive' : 'firing');
  const alert: AlertEvent['alert'] = {
    fingerprint: options.fingerprint ?? 'fp-high-error-api',
    ruleGroup: 'critical_alerts',
    ruleName: options.ruleName ?? 'HighErrorRate',
    labels: options.labels ?? { alertname: 'HighErrorRate', job: 'api', severity: 'critical' },
    annotations: options.annotations ?? {
      summary: 'High error rate detected',
      description: 'Error rate is 7.5% over last 5 minutes',
    },
    state,
    activeAt: occurredAt,
    value: 0.075,
    generatorUrl: options.generatorUrl ?? 'http://127.0.0.1:4103/rules/critical_alerts/HighErrorRate',
  };
  const firedAt = options.firedAt ?? (state === 'firing' ? occurredAt : undefined);
  const resolvedAt = options.resolvedAt ?? (state === 'resolved' ? occurredAt : undefined);
  if (firedAt !== undefined) alert.firedAt = firedAt;
  if (resolvedAt !== undefined) alert.resolvedAt = resolvedAt;
  return { eventId: nextEventId(), occurredAt, alert, previousState };
}

export function aLink(overrides: Partial<IncidentAlertLink> = {}): IncidentAlertLink {
  return {
    incidentId: 'inc-1',
    fingerprint: 'fp-high-error-api',
    alertname: 'HighErrorRate',
    groupKey: 'alertname="HighErrorRate",service="api"',
    service: 'api',
    labels: { alertname: 'HighErrorRate', job: 'api', severity: 'critical' },
    annotations: { summary: 'High error rate detected' },
    firstFiringAt: at('2026-11-26T15:00:00Z'),
    lastFiringAt: at('2026-11-26T15:00:00Z'),
    lastState: 'firing',
    lastStateAt: at('2026-11-26T15:00:00Z'),
    resolvedAt: null,
    generatorUrl: null,
    ...overrides,
  };
}

export function anIncident(overrides: Partial<IncidentForIntake> = {}): IncidentForIntake {
  return {
    id: 'inc-1',
    status: 'investigating',
    severity: 'P1',
    services: ['api'],
    openedAt: at('2026-11-26T15:00:00Z'),
    links: [],
    ...overrides,
  };
}

/**
 * Incidents, their links and the processed dedupe keys, changed only through decisions. `apply` stores the key with
 * the effect, as the consumer's transaction does; a new incident gets the next id `inc-1`, `inc-2`, ….
 */
export class InMemoryIntake {
  readonly incidents: IncidentForIntake[] = [];
  readonly processed = new Set<string>();

  apply(decision: IntakeDecision): void {
    switch (decision.kind) {
      case 'ignore':
        break;
      case 'open': {
        const id = `inc-${this.incidents.length + 1}`;
        this.incidents.push({
          id,
          status: 'investigating',
          severity: decision.incident.severity,
          services: decision.incident.services,
          openedAt: decision.link.firstFiringAt,
          links: [{ incidentId: id, ...decision.link }],
        });
        break;
      }
      case 'attach':
        this.upsert(decision.link);
        break;
      case 'resolve_link':
        decision.resolutions.forEach((resolution) => this.upsert(resolution.link));
        break;
    }
    this.processed.add(decision.dedupeKey);
  }

  private upsert(link: IncidentAlertLink): void {
    const index = this.incidents.findIndex((incident) => incident.id === link.incidentId);
    const incident = this.incidents[index];
    if (incident === undefined) throw new Error(`no incident ${link.incidentId}`);
    const others = incident.links.filter((l) => l.fingerprint !== link.fingerprint);
    this.incidents[index] = { ...incident, links: [...others, link] };
  }
}
