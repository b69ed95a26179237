import type { AlertEvent, IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { issue, type ValidationIssue } from './alert-intake.error';
import type {
  AlertIntakeConfig,
  AttachDecision,
  AttachMatch,
  IgnoreDecision,
  IgnoreReason,
  IncidentAlertLink,
  IncidentForIntake,
  IntakeDecision,
  LinkResolution,
  NewAlertLink,
  NewIncidentFromAlert,
  OpenDecision,
  ProcessedAlertEvents,
} from './alert-intake.types';
import {
  alertDedupeKey,
  alertnameOf,
  groupKeyOf,
  isMoreSevere,
  type MappedSeverity,
  serviceOf,
  severityOf,
  shownInstant,
} from './alert-identity';
import { eventInstants, type EventInstants, incidentIssues, refuse } from './intake-arguments';
import { alertIntakeConfigIssues, formatDuration } from './intake-config';
import { alertDisplayName, mitigationSuggestion } from './mitigation';

/** Incidents alerts may attach to; resolved, closed and declined ones never take alerts again. */
export const INTAKE_OPEN_STATUSES: readonly IncidentStatus[] = Object.freeze([
  'triage',
  'investigating',
  'identified',
  'monitoring',
  'mitigated',
]);

export const TITLE_MIN_LENGTH = 3;
export const TITLE_MAX_LENGTH = 200;

type Alert = AlertEvent['alert'];

/** What one event says about its alert, computed once. */
interface Facts {
  dedupeKey: string;
  alert: Alert;
  instants: EventInstants;
  alertname: string;
  service: string | null;
  groupKey: string;
  mapped: MappedSeverity;
  /** When the alert went to firing: its firedAt, else the event's instant. */
  firingAt: Date;
}

function ignore(facts: Pick<Facts, 'dedupeKey'>, reason: IgnoreReason, detail: string): IgnoreDecision {
  return { kind: 'ignore', dedupeKey: facts.dedupeKey, reason, detail };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The title of an incident opened from an alert: its `summary` annotation on one line, followed by ` (service)`
 * when the summary does not mention the service already (the seed's summaries are the same for every service);
 * without a usable summary (at least 3 characters), `<alertname> on <service>` or `<alertname> firing`. Cut to
 * 200 characters with an ellipsis.
 */
export function incidentTitle(alertname: string, service: string | null, annotations: Record<string, string>): string {
  const summary = oneLine(Object.hasOwn(annotations, 'summary') ? (annotations['summary'] ?? '') : '');
  let title: string;
  if (summary.length >= TITLE_MIN_LENGTH) {
    title = service === null || summary.includes(service) ? summary : `${summary} (${service})`;
  } else {
    title = service === null ? `${alertname} firing` : `${alertname} on ${service}`;
  }
  return clip(title, TITLE_MAX_LENGTH);
}

function labelList(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ');
}

function incidentDescription(facts: Facts, severity: IncidentSeverity): string {
  const { alert } = facts;
  const annotation = (name: string): string | null => {
    const value = Object.hasOwn(alert.annotations, name) ? (alert.annotations[name] ?? '').trim() : '';
    return value === '' ? null : value;
  };
  const lines: string[] = [];
  const description = annotation('description');
  if (description !== null) lines.push(description, '');
  lines.push(
    `Opened from alert ${facts.alertname} (severity ${JSON.stringify(facts.mapped.labelValue)} → ${severity}), ` +
      `firing since ${shownInstant(facts.firingAt)}.`,
  );
  if (facts.service !== null) lines.push(`Service: ${facts.service}`);
  lines.push(`Labels: ${labelList(alert.labels)}`);
  const runbook = annotation('runbook_url');
  if (runbook !== null) lines.push(`Runbook: ${runbook}`);
  if (alert.generatorUrl !== undefined) lines.push(`Source: ${alert.generatorUrl}`);
  return lines.join('\n');
}

function newLink(facts: Facts): NewAlertLink {
  return {
    fingerprint: facts.alert.fingerprint,
    alertname: facts.alertname,
    groupKey: facts.groupKey,
    service: facts.service,
    labels: { ...facts.alert.labels },
    annotations: { ...facts.alert.annotations },
    firstFiringAt: facts.firingAt,
    lastFiringAt: facts.firingAt,
    lastState: 'firing',
    lastStateAt: facts.instants.at,
    resolvedAt: null,
    generatorUrl: facts.alert.generatorUrl ?? null,
  };
}

/**
 * When the incident last showed alert activity at `at`: `at` itself while one of its alerts still fires, else
 * the latest of its opening and its alerts' firing and resolution instants.
 */
function lastActivity(incident: IncidentForIntake, at: Date): number {
  let latest = incident.openedAt.getTime();
  for (const link of incident.links) {
    latest = Math.max(latest, link.lastFiringAt.getTime(), link.resolvedAt?.getTime() ?? latest);
    if (link.lastState === 'firing') latest = Math.max(latest, at.getTime());
  }
  return latest;
}

/** Candidates within the window, the most recently active first, then the earliest opened, then by id. */
function bestWithinWindow(
  candidates: readonly IncidentForIntake[],
  at: Date,
  windowMs: number,
): IncidentForIntake | undefined {
  return candidates
    .map((incident) => ({ incident, activity: lastActivity(incident, at) }))
    .filter(({ activity }) => at.getTime() - activity <= windowMs)
    .sort(
      (a, b) =>
        b.activity - a.activity ||
        a.incident.openedAt.getTime() - b.incident.openedAt.getTime() ||
        compareStrings(a.incident.id, b.incident.id),
    )[0]?.incident;
}

function severityNote(facts: Facts): string {
  const { labelValue, severity } = facts.mapped;
  if (labelValue === null) return 'no severity label';
  return severity === null
    ? `severity ${JSON.stringify(labelValue)}`
    : `severity ${JSON.stringify(labelValue)} → ${severity}`;
}

function attach(
  facts: Facts,
  incident: IncidentForIntake,
  matchedBy: AttachMatch,
  link: IncidentAlertLink,
  previous: IncidentAlertLink | null,
): AttachDecision {
  const severity = facts.mapped.severity;
  const severityRaise =
    severity !== null && isMoreSevere(severity, incident.severity) ? { from: incident.severity, to: severity } : null;
  const newServices = facts.service !== null && !incident.services.includes(facts.service) ? [facts.service] : [];
  const linkChange = previous === null ? 'linked' : previous.lastState === 'resolved' ? 'refired' : 'refreshed';

  const name = alertDisplayName(facts);
  let text: string;
  if (linkChange === 'linked') {
    const by = matchedBy === 'group' ? `its alert group ${facts.groupKey}` : `its service ${facts.service ?? '(none)'}`;
    text = `Alert ${name} fired (${severityNote(facts)}); linked to this incident by ${by}.`;
  } else if (linkChange === 'refired') {
    text = `Alert ${name} fired again; it had resolved at ${shownInstant(previous?.resolvedAt as Date)}.`;
  } else {
    text = `Alert ${name} fired anew while still recorded as firing (its resolution was not received).`;
  }
  if (severityRaise !== null) {
    text += ` It maps to ${severityRaise.to}, above the incident's ${severityRaise.from}: consider raising the severity.`;
  }
  if (newServices.length > 0) text += ` Service ${facts.service} is not among the affected services yet.`;
  return {
    kind: 'attach',
    dedupeKey: facts.dedupeKey,
    incidentId: incident.id,
    matchedBy,
    linkChange,
    link,
    severity,
    severityRaise,
    newServices,
    timelineEntry: { at: facts.firingAt, text },
  };
}

/** The incidents this alert (fingerprint) is linked to, with the link: the newest state change first. */
function linksOf(fingerprint: string, incidents: readonly IncidentForIntake[]) {
  return incidents
    .flatMap((incident) =>
      incident.links.filter((link) => link.fingerprint === fingerprint).map((link) => ({ incident, link })),
    )
    .sort(
      (a, b) =>
        b.link.lastStateAt.getTime() - a.link.lastStateAt.getTime() || compareStrings(a.incident.id, b.incident.id),
    );
}

/** Why an event cannot move a link: a replay of what it records, or older than it. */
function unchangedBy(link: IncidentAlertLink, facts: Facts): IgnoreDecision | null {
  const at = facts.instants.at.getTime();
  const last = link.lastStateAt.getTime();
  const what = `alert ${alertDisplayName(facts)} on incident ${link.incidentId}`;
  if (at < last) {
    return ignore(
      facts,
      'stale',
      `the ${facts.alert.state} event at ${shownInstant(facts.instants.at)} is older than the last state change of ` +
        `${what} (${link.lastState} at ${shownInstant(link.lastStateAt)})`,
    );
  }
  if (at === last && link.lastState === facts.alert.state) {
    return ignore(
      facts,
      'already_processed',
      `${what} already records ${link.lastState} at ${shownInstant(link.lastStateAt)}`,
    );
  }
  return null;
}

function decideResolved(facts: Facts, open: readonly IncidentForIntake[]): IntakeDecision {
  const linked = linksOf(facts.alert.fingerprint, open);
  if (linked.length === 0) {
    return ignore(facts, 'not_linked', `alert ${alertDisplayName(facts)} resolved but is linked to no open incident`);
  }
  const resolutions: LinkResolution[] = [];
  let firstRefusal: IgnoreDecision | null = null;
  for (const { incident, link } of [...linked].sort((a, b) => compareStrings(a.incident.id, b.incident.id))) {
    let refusal = unchangedBy(link, facts);
    if (refusal === null && link.lastState === 'resolved') {
      refusal = ignore(
        facts,
        'already_resolved',
        `alert ${alertDisplayName(facts)} on incident ${incident.id} resolved already at ${shownInstant(link.resolvedAt as Date)}`,
      );
    }
    if (refusal !== null) {
      firstRefusal ??= refusal;
      continue;
    }
    const resolvedAt = facts.instants.resolvedAt ?? facts.instants.at;
    const resolved: IncidentAlertLink = { ...link, lastState: 'resolved', lastStateAt: facts.instants.at, resolvedAt };
    const links = incident.links.map((l) => (l === link ? resolved : l));
    resolutions.push({
      incidentId: incident.id,
      link: resolved,
      timelineEntry: { at: resolvedAt, text: `Alert ${alertDisplayName(link)} resolved.` },
      mitigation: mitigationSuggestion(incident, links, facts.instants.at),
    });
  }
  if (resolutions.length === 0) return firstRefusal as IgnoreDecision;
  return { kind: 'resolve_link', dedupeKey: facts.dedupeKey, resolutions };
}

function decideFiring(facts: Facts, open: readonly IncidentForIntake[], config: AlertIntakeConfig): IntakeDecision {
  const [linked] = linksOf(facts.alert.fingerprint, open);
  if (linked !== undefined) {
    const refusal = unchangedBy(linked.link, facts);
    if (refusal !== null) return refusal;
    const link: IncidentAlertLink = {
      ...linked.link,
      labels: { ...facts.alert.labels },
      annotations: { ...facts.alert.annotations },
      lastFiringAt: facts.firingAt,
      lastState: 'firing',
      lastStateAt: facts.instants.at,
      resolvedAt: null,
      generatorUrl: facts.alert.generatorUrl ?? linked.link.generatorUrl,
    };
    return attach(facts, linked.incident, 'alert', link, linked.link);
  }

  const severity = facts.mapped.severity;
  if (severity === null) {
    const mapped = Object.keys(config.severityMap)
      .map((value) => JSON.stringify(value))
      .join(', ');
    return ignore(
      facts,
      'severity_unmapped',
      `alert ${alertDisplayName(facts)} has ${severityNote(facts)}, which opens no incident (mapped: ${mapped})`,
    );
  }

  const at = facts.instants.at;
  const window = config.correlationWindowMs;
  const sameGroup = bestWithinWindow(
    open.filter((incident) => incident.links.some((link) => link.groupKey === facts.groupKey)),
    at,
    window,
  );
  if (sameGroup !== undefined)
    return attach(facts, sameGroup, 'group', { incidentId: sameGroup.id, ...newLink(facts) }, null);
  const service = facts.service;
  const sameService =
    service === null
      ? undefined
      : bestWithinWindow(
          open.filter((incident) => incident.services.includes(service)),
          at,
          window,
        );
  if (sameService !== undefined) {
    return attach(facts, sameService, 'service', { incidentId: sameService.id, ...newLink(facts) }, null);
  }

  const incident: NewIncidentFromAlert = {
    title: incidentTitle(facts.alertname, service, facts.alert.annotations),
    description: incidentDescription(facts, severity),
    severity,
    services: service === null ? [] : [service],
  };
  const decision: OpenDecision = {
    kind: 'open',
    dedupeKey: facts.dedupeKey,
    incident,
    link: newLink(facts),
    correlation: { groupKey: facts.groupKey, service },
    timelineEntry: {
      at: facts.firingAt,
      text:
        `Alert ${alertDisplayName(facts)} fired (${severityNote(facts)}); no open incident of its alert group` +
        `${service === null ? '' : ' or service'} was active in the last ${formatDuration(window)}, so this incident was opened.`,
    },
  };
  return decision;
}

/**
 * What one keel.alerts.v1 event does to incidents, decided on a snapshot of the open incidents and their links:
 *
 * 1. `ignore` `already_processed` when `processed` knows the event's dedupe key (fingerprint + transition + at);
 * 2. `ignore` `not_firing` for a pending alert;
 * 3. resolved: `resolve_link` for each open incident the alert is linked to (with the mitigation suggestion when it
 *    was the last alert firing there); `ignore` `not_linked`, `already_resolved` or `stale` otherwise;
 * 4. firing, and already linked to an open incident: `attach` to it again (`matchedBy: 'alert'`), whatever the
 *    window and the severity map say — a flapping alert never opens a second incident while the first is open;
 * 5. firing with an unmapped severity: `ignore` `severity_unmapped`;
 * 6. `attach` to the open incident that has an alert of the same group, else that lists the alert's service, and
 *    was active within the correlation window (ties: most recently active, earliest opened, smallest id);
 * 7. otherwise `open` a new incident.
 *
 * Attaching never changes the incident: a higher mapped severity comes back as `severityRaise`, a new service as
 * `newServices`. Refuses malformed arguments with an AlertIntakeError (INVALID_ARGUMENT) naming every field.
 */
export function decideIntake(
  event: AlertEvent,
  openIncidents: readonly IncidentForIntake[],
  processed: ProcessedAlertEvents,
  config: AlertIntakeConfig,
): IntakeDecision {
  const issues: ValidationIssue[] = alertIntakeConfigIssues(config).map((problem) =>
    issue(`config.${problem.field}`, problem.message.slice(problem.field.length + 1)),
  );
  const parsed = eventInstants(event, issues);
  openIncidents.forEach((incident, i) => issues.push(...incidentIssues(incident, `openIncidents[${i}]`)));
  refuse(issues);
  // eventInstants only returns undefined after adding an issue, which refuse has thrown.
  const instants = parsed as EventInstants;

  const alert = event.alert;
  const facts: Facts = {
    dedupeKey: alertDedupeKey(event),
    alert,
    instants,
    alertname: alertnameOf(alert),
    service: serviceOf(alert.labels, config),
    groupKey: groupKeyOf(alert, config),
    mapped: severityOf(alert.labels, config),
    firingAt: instants.firedAt ?? instants.at,
  };
  if (processed.has(facts.dedupeKey)) {
    return ignore(facts, 'already_processed', `event ${facts.dedupeKey} was processed before`);
  }
  if (alert.state === 'pending') {
    return ignore(facts, 'not_firing', `alert ${alertDisplayName(facts)} is pending, not firing`);
  }
  const open = openIncidents.filter((incident) => INTAKE_OPEN_STATUSES.includes(incident.status));
  return alert.state === 'resolved' ? decideResolved(facts, open) : decideFiring(facts, open, config);
}
