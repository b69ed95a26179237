import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';

// Plain data, one shape for storage and decisions: ids and label values are strings, instants are Date
// (timestamptz), durations are milliseconds. Label and annotation maps are JSON objects (jsonb).

/** How alerts become incidents. Build it with the parsers of `intake-config.ts` or start from the defaults. */
export interface AlertIntakeConfig {
  /**
   * Value of the alert's `severity` label → incident severity. A value that is not a key (or an alert without the
   * label) opens no incident. Matched exactly, as Alertmanager matchers do (`Critical` is not `critical`).
   */
  severityMap: Readonly<Record<string, IncidentSeverity>>;
  /** Labels naming the alert's service, in order: the first whose value is a valid service name wins. */
  serviceLabels: readonly string[];
  /** Different alerts correlate with an incident opened or last linked at most this long before them. */
  correlationWindowMs: number;
  /**
   * Labels whose values make the alert group key. `alertname` falls back to the rule name; `service` stands for
   * the service resolved through `serviceLabels`; any other name is the raw label (absent = empty).
   */
  groupBy: readonly string[];
}

export const ALERT_LINK_STATES = ['firing', 'resolved'] as const;
export type AlertLinkState = (typeof ALERT_LINK_STATES)[number];

/**
 * A row of `incident_alerts`: one alert (by fingerprint) linked to one incident; key (incidentId, fingerprint).
 * Decisions hand back whole rows, so storing one is an upsert on that key.
 */
export interface IncidentAlertLink {
  incidentId: string;
  /** The alert's fingerprint (at most 128 characters, as keel.alerts.v1 allows). */
  fingerprint: string;
  /** The `alertname` label, or the rule name when the label is missing. */
  alertname: string;
  /** The alert group key when linked, e.g. `alertname="HighErrorRate",service="api"`. */
  groupKey: string;
  /** The service resolved from the labels when linked; null when the alert names none. */
  service: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** When the alert first fired while linked to this incident. */
  firstFiringAt: Date;
  /** When it last went to firing (equal to firstFiringAt until it flaps); keeps the incident in the window. */
  lastFiringAt: Date;
  lastState: AlertLinkState;
  /** The occurredAt of the last event applied to this row; an older event is stale. */
  lastStateAt: Date;
  /** When it resolved; null while firing (cleared again when it fires after resolving). */
  resolvedAt: Date | null;
  /** Where the alert came from (the alerting service's rule page); null when the event had none. */
  generatorUrl: string | null;
}

/** A link of an incident that does not exist yet (an `open` decision): the caller adds the new incident's id. */
export type NewAlertLink = Omit<IncidentAlertLink, 'incidentId'>;

/** What intake needs of an incident: the caller passes the incidents that are not resolved, closed or declined. */
export interface IncidentForIntake {
  id: string;
  status: IncidentStatus;
  severity: IncidentSeverity;
  services: readonly string[];
  /** When the incident was opened (declared or opened from an alert). */
  openedAt: Date;
  links: readonly IncidentAlertLink[];
}

/** A row of the processed-events table; its primary key is the dedupe key. */
export interface ProcessedAlertEvent {
  /** `fingerprint|from>to|occurredAt` (see alertDedupeKey); at most 180 characters. */
  dedupeKey: string;
  /** The event id of the delivery that was processed (a republished event has another one). */
  eventId: string;
  fingerprint: string;
  outcome: IntakeDecision['kind'];
  /** Why it was ignored; null for the other outcomes. */
  ignoreReason: IgnoreReason | null;
  processedAt: Date;
}

/** Looks a dedupe key up in the processed-events table; a Set of keys fits. */
export interface ProcessedAlertEvents {
  has(dedupeKey: string): boolean;
}

export interface IntakeTimelineEntry {
  at: Date;
  text: string;
}

/**
 * - already_processed: the dedupe key is known, or the link already records this very state change (redelivery);
 * - not_firing: a pending alert (it may still go away before it fires);
 * - severity_unmapped: a firing alert whose severity label maps to no incident severity;
 * - not_linked: a resolved alert that is not linked to an open incident;
 * - already_resolved: a resolved alert whose links are resolved already;
 * - stale: older than the last state change its link records (an out-of-order or replayed event).
 */
export const IGNORE_REASONS = [
  'already_processed',
  'not_firing',
  'severity_unmapped',
  'not_linked',
  'already_resolved',
  'stale',
] as const;
export type IgnoreReason = (typeof IGNORE_REASONS)[number];

export interface IgnoreDecision {
  kind: 'ignore';
  dedupeKey: string;
  reason: IgnoreReason;
  /** One sentence for logs, naming the alert and what was compared. */
  detail: string;
}

/** The incident an `open` decision creates; it passes the declaration rules (title 3..200, valid services). */
export interface NewIncidentFromAlert {
  title: string;
  description: string;
  severity: IncidentSeverity;
  services: string[];
}

export interface OpenDecision {
  kind: 'open';
  dedupeKey: string;
  incident: NewIncidentFromAlert;
  link: NewAlertLink;
  /** The keys another alert of the same burst would correlate on: lock them while applying (see the README). */
  correlation: { groupKey: string; service: string | null };
  timelineEntry: IntakeTimelineEntry;
}

/**
 * - alert: this very alert (fingerprint) is already linked to the incident: a flap or a repeat, no window;
 * - group: an alert of the same group is linked and the incident was active within the window;
 * - service: the incident lists the alert's service and was active within the window.
 */
export type AttachMatch = 'alert' | 'group' | 'service';

/**
 * - linked: a new row for the incident;
 * - refired: the linked alert had resolved and fires again (a flap);
 * - refreshed: it was still firing (its resolution never arrived) and fires anew.
 */
export type LinkChange = 'linked' | 'refired' | 'refreshed';

/** The incident should be raised to `to`: a suggestion for a person, never applied by intake. */
export interface SeverityRaise {
  from: IncidentSeverity;
  to: IncidentSeverity;
}

export interface AttachDecision {
  kind: 'attach';
  dedupeKey: string;
  incidentId: string;
  matchedBy: AttachMatch;
  linkChange: LinkChange;
  /** The row to upsert. */
  link: IncidentAlertLink;
  /** The incident severity the alert maps to; null when unmapped (possible for a re-fire after a config change). */
  severity: IncidentSeverity | null;
  severityRaise: SeverityRaise | null;
  /** The alert's service when the incident does not list it yet: add it to the affected services. */
  newServices: string[];
  timelineEntry: IntakeTimelineEntry;
}

/** When every alert linked to an incident has resolved: the evidence and the suggestion to mark it mitigated. */
export interface MitigationSuggestion {
  incidentId: string;
  suggestion: 'mark_mitigated';
  /** When the last of the linked alerts resolved. */
  allResolvedAt: Date;
  /** Every linked alert, in the order they resolved (then by fingerprint). */
  evidence: ResolvedAlertEvidence[];
  timelineEntry: IntakeTimelineEntry;
}

export interface ResolvedAlertEvidence {
  fingerprint: string;
  alertname: string;
  groupKey: string;
  service: string | null;
  firstFiringAt: Date;
  resolvedAt: Date;
}

export interface LinkResolution {
  incidentId: string;
  /** The row to upsert (state resolved). */
  link: IncidentAlertLink;
  timelineEntry: IntakeTimelineEntry;
  /** Set when this resolution leaves every alert of the incident resolved (and the incident is not mitigated). */
  mitigation: MitigationSuggestion | null;
}

export interface ResolveLinkDecision {
  kind: 'resolve_link';
  dedupeKey: string;
  /** One per open incident the alert is linked to (normally one), ordered by incident id. */
  resolutions: LinkResolution[];
}

export type IntakeDecision = IgnoreDecision | OpenDecision | AttachDecision | ResolveLinkDecision;
