import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor, AlertEvent } from '@keel/contracts';
import { INCIDENTS_CONFIG, alertIntakeConfigOf, type IncidentsConfig } from '../config';
import { ServiceCatalog } from '../directory/service-catalog';
import { IncidentCommandService } from '../incidents/incident-commands.service';
import { IncidentEventsPublisher } from '../incidents/incident-events.publisher';
import type { NewTimelineEntry } from '../incidents/timeline.repository';
import { RepeatRecorder } from '../retrospectives/repeat-recorder';
import type { AlertIntakeConfig, IncidentForIntake, IntakeDecision, IntakeTimelineEntry } from './alert-intake.types';
import { AlertIntakeRepository, type IntakeTransaction } from './alert-intake.repository';
import { alertDedupeKey, groupKeyOf, serviceOf } from './alert-identity';
import { decideIntake } from './decide-intake';
import { processedAlertEvent } from './processed-event';

/** Who opens incidents from alerts: the system, naming the topic it read. */
export const ALERT_INTAKE_ACTOR: Actor = { type: 'system', id: 'alerting', name: 'keel.alerts.v1', roles: [] };

/** What applying one event did (for logs and tests). */
export interface IntakeOutcome {
  decision: IntakeDecision;
  /** The incident opened, attached to, or whose link resolved first; null when ignored. */
  incidentId: string | null;
}

/**
 * Applies keel.alerts.v1 events with `decideIntake`, exactly once in effect: in one transaction it locks the
 * alert's correlation keys (fingerprint, group key, service), reads the snapshot, records the dedupe key and
 * applies the decision. An opened incident is announced on keel.incidents.v1 before that transaction commits,
 * as a declaration is: when publishing fails nothing is stored and the message is retried.
 */
@Injectable()
export class AlertIntakeService {
  private readonly logger = new Logger(AlertIntakeService.name);
  private readonly config: AlertIntakeConfig;

  constructor(
    private readonly repository: AlertIntakeRepository,
    private readonly events: IncidentEventsPublisher,
    private readonly incidents: IncidentCommandService,
    @Inject(INCIDENTS_CONFIG) incidentsConfig: IncidentsConfig,
    private readonly catalog: ServiceCatalog,
    private readonly repeats: RepeatRecorder,
  ) {
    this.config = alertIntakeConfigOf(incidentsConfig);
  }

  async apply(event: AlertEvent, now: Date = new Date()): Promise<IntakeOutcome> {
    const groupKey = groupKeyOf(event.alert, this.config);
    const service = serviceOf(event.alert.labels, this.config);
    const outcome = await this.repository.inTransaction(async (tx) => {
      await tx.lock([
        `alert-intake:group:${groupKey}`,
        ...(service === null ? [] : [`alert-intake:service:${service}`]),
        `alert-intake:fingerprint:${event.alert.fingerprint}`,
      ]);
      const dedupeKey = alertDedupeKey(event);
      const known = await tx.isProcessed(dedupeKey);
      const candidates = await tx.openCandidates(event.alert.fingerprint, groupKey, service);
      const decision = decideIntake(event, candidates, { has: (key) => known && key === dedupeKey }, this.config);
      if (decision.kind === 'ignore' && decision.reason === 'already_processed' && known) {
        return { decision, incidentId: null };
      }
      if (!(await tx.recordProcessed(processedAlertEvent(event, decision, now), incidentOf(decision)))) {
        return { decision, incidentId: null };
      }
      if (service !== null && (decision.kind === 'open' || decision.kind === 'attach')) {
        // Alerts are machine truth: the service they name joins the catalog, committed with the incident (before
        // an opened incident is published, so a failure here stores and announces nothing).
        await this.catalog.ensureFromAlert(tx.db, service);
      }
      return { decision, incidentId: await this.applyDecision(tx, decision, event, candidates, now) };
    });
    this.log(event, outcome);
    return outcome;
  }

  private async applyDecision(
    tx: IntakeTransaction,
    decision: IntakeDecision,
    event: AlertEvent,
    candidates: readonly IncidentForIntake[],
    now: Date,
  ): Promise<string | null> {
    const openedAt = (incidentId: string): Date => candidates.find((c) => c.id === incidentId)?.openedAt ?? now;
    switch (decision.kind) {
      case 'ignore':
        return null;
      case 'open': {
        const { incident } = await this.incidents.open(
          tx.db,
          {
            ...decision.incident,
            // In triage until a responder accepts it: acknowledging is a person's act, so time to acknowledge is real.
            status: 'triage',
            tags: [],
            type: null,
            detectedAt: notLaterThan(decision.link.firstFiringAt, now),
            alertNames: [decision.link.alertname],
          },
          ALERT_INTAKE_ACTOR,
          now,
        );
        await tx.upsertLink({ ...decision.link, incidentId: incident.id });
        await this.repeats.record(tx.db, incident.id);
        await tx.setProcessedIncident(decision.dedupeKey, incident.id);
        await tx.appendTimeline([alertEntry(incident.id, event, 'firing', decision.timelineEntry, now)], {
          now,
          openedAt: incident.createdAt,
        });
        await this.events.publish('incident.opened', incident, ALERT_INTAKE_ACTOR);
        return incident.id;
      }
      case 'attach':
        await tx.upsertLink(decision.link);
        await this.repeats.record(tx.db, decision.incidentId);
        await tx.appendTimeline([alertEntry(decision.incidentId, event, 'firing', decision.timelineEntry, now)], {
          now,
          openedAt: openedAt(decision.incidentId),
        });
        return decision.incidentId;
      case 'resolve_link':
        for (const resolution of decision.resolutions) {
          await tx.upsertLink(resolution.link);
          const entries = [alertEntry(resolution.incidentId, event, 'resolved', resolution.timelineEntry, now)];
          if (resolution.mitigation) {
            // The suggestion is the intake's note: it changes nothing, a responder decides.
            entries.push({
              incidentId: resolution.incidentId,
              detail: { kind: 'note', text: resolution.mitigation.timelineEntry.text },
              actor: INTAKE_TIMELINE_ACTOR,
              occurredAt: notLaterThan(resolution.mitigation.timelineEntry.at, now),
            });
          }
          await tx.appendTimeline(entries, { now, openedAt: openedAt(resolution.incidentId) });
        }
        return decision.resolutions[0]?.incidentId ?? null;
    }
  }

  private log(event: AlertEvent, { decision, incidentId }: IntakeOutcome): void {
    const alert = `alert ${event.alert.fingerprint} (${event.alert.state}, event ${event.eventId})`;
    if (decision.kind === 'ignore') {
      this.logger.debug(`${alert}: ignored (${decision.reason}): ${decision.detail}`);
      return;
    }
    this.logger.log(`${alert}: ${decision.kind} incident ${incidentId ?? '?'}`);
    if (decision.kind === 'resolve_link') {
      for (const { mitigation } of decision.resolutions) {
        if (mitigation) this.logger.log(`incident ${mitigation.incidentId}: ${mitigation.timelineEntry.text}`);
      }
    }
  }
}

const INTAKE_TIMELINE_ACTOR = {
  type: ALERT_INTAKE_ACTOR.type,
  id: ALERT_INTAKE_ACTOR.id,
  name: ALERT_INTAKE_ACTOR.name ?? ALERT_INTAKE_ACTOR.id,
};

/** An alert's instant from another clock may lie ahead of ours: the timeline then records when intake saw it. */
function notLaterThan(at: Date, now: Date): Date {
  return at.getTime() > now.getTime() ? now : at;
}

/** The `alert` entry of a decision, at the instant decideIntake gives for it, by the intake's system actor. */
function alertEntry(
  incidentId: string,
  event: AlertEvent,
  state: 'firing' | 'resolved',
  entry: IntakeTimelineEntry,
  now: Date,
): NewTimelineEntry {
  return {
    incidentId,
    detail: {
      kind: 'alert',
      fingerprint: event.alert.fingerprint,
      ruleName: event.alert.ruleName,
      state,
      summary: entry.text,
    },
    actor: INTAKE_TIMELINE_ACTOR,
    occurredAt: notLaterThan(entry.at, now),
  };
}

/** The incident a decision touches before anything is written (an `open` learns its id later). */
function incidentOf(decision: IntakeDecision): string | null {
  switch (decision.kind) {
    case 'attach':
      return decision.incidentId;
    case 'resolve_link':
      return decision.resolutions[0]?.incidentId ?? null;
    default:
      return null;
  }
}
