import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import type { NewTimelineEntry } from '../incidents/timeline.repository';
import { ContactMethodRepository } from './contact-method.repository';
import type { ContactMethodEntity } from './contact-method.entity';
import { resolveTargets, type EscalationStep } from './escalation';
import { ESCALATION_CLOCK, type EscalationClock } from './escalation-clock';
import { EscalationDelivery } from './escalation-delivery';
import type { EscalationPage } from './escalation-message';
import { EscalationPolicyRepository } from './escalation-policy.repository';
import {
  planEscalationRun,
  planNotifications,
  summarizeNotifications,
  type SentNotification,
  type StepRecipients,
} from './escalation-run';
import {
  IncidentEscalationRepository,
  type ClaimedNotification,
  type DueEscalation,
  type NotificationOutcomeUpdate,
} from './incident-escalation.repository';
import { OncallScheduleRepository } from './oncall-schedule.repository';
import type { Schedule } from './schedule.types';

/** Statuses in which an incident is no longer paged (the hooks stop its escalation; the worker double-checks). */
const ENDED_STATUSES = new Set(['resolved', 'closed', 'declined']);
const SYSTEM_ACTOR = { type: 'system' as const, id: 'escalation', name: 'escalation' };

/** What one run did, for tests and logs. */
export interface EscalationRunReport {
  /** Escalations claimed and advanced (or stopped) by this run. */
  claimed: number;
  /** Deliveries attempted (user × contact method). */
  sent: number;
  delivered: number;
  failed: number;
}

interface Claimed {
  escalation: DueEscalation;
  policyName: string;
  notifications: ClaimedNotification[];
  methods: Map<string, ContactMethodEntity>;
  steps: EscalationStep[];
}

/**
 * Pages due escalations. The database is the queue (ADR 0004): a run claims due rows in one short transaction
 * (`FOR UPDATE SKIP LOCKED`), records the notifications it is about to send (`sending`) and advances each row to
 * its next due time, then commits, and only then delivers, outside any lock, recording each outcome and the
 * incident's timeline entries in a second transaction. So a slow receiver never holds a row lock or a
 * transaction open, an acknowledgement never waits for a delivery, and two workers never page the same step
 * twice: once claimed, a step is not due any more. A process dying between the two transactions leaves its pages
 * `sending`: a later run takes those older than the delivery lease (`stalePageLeaseMs`) again and sends them, so
 * every page is delivered at least once (a page may then arrive twice, never zero times).
 */
@Injectable()
export class EscalationWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EscalationWorker.name);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private inFlight: Promise<unknown> | undefined;
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
    @Inject(ESCALATION_CLOCK) private readonly clock: EscalationClock,
    private readonly escalations: IncidentEscalationRepository,
    private readonly policies: EscalationPolicyRepository,
    private readonly schedules: OncallScheduleRepository,
    private readonly contactMethods: ContactMethodRepository,
    private readonly delivery: EscalationDelivery,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.INCIDENTS_ESCALATION_WORKER) return;
    this.schedule(0);
  }

  /** Stops polling, aborts deliveries in flight (recorded as failed) and waits for the run to record them. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.shutdown.abort();
    await this.inFlight?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const run = this.runOnce()
        .catch((error: unknown) => this.logger.error(`escalation run failed: ${String(error)}`))
        .finally(() => this.schedule(this.config.INCIDENTS_ESCALATION_POLL_MS));
      this.inFlight = run;
    }, delayMs);
  }

  /** How long a page may stay `sending` before another run sends it again: four times every attempt timing out. */
  stalePageLeaseMs(): number {
    const { INCIDENTS_ESCALATION_DELIVERY_TIMEOUT_MS: timeout, INCIDENTS_ESCALATION_DELIVERY_ATTEMPTS: attempts } =
      this.config;
    return Math.max(60_000, 4 * timeout * attempts);
  }

  /** One poll: claim due escalations, page, record. Safe to run concurrently (in one or several processes). */
  async runOnce(): Promise<EscalationRunReport> {
    const now = new Date(this.clock.now());
    const claims = [...(await this.claim(now)), ...(await this.reclaimStale(now))];
    const reports = await Promise.all(claims.map((c) => this.deliver(c)));
    return {
      claimed: claims.length,
      sent: reports.reduce((n, r) => n + r.sent, 0),
      delivered: reports.reduce((n, r) => n + r.delivered, 0),
      failed: reports.reduce((n, r) => n + r.failed, 0),
    };
  }

  private claim(now: Date): Promise<Claimed[]> {
    return this.escalations.claim(async (claim) => {
      const due = await claim.lockDue(now, this.config.INCIDENTS_ESCALATION_BATCH_SIZE);
      const claimed: Claimed[] = [];
      for (const escalation of due) {
        if (ENDED_STATUSES.has(escalation.incident.status)) {
          await claim.stop(escalation.id, `incident ${escalation.incident.status}`, now);
          continue;
        }
        let plan: ReturnType<typeof planEscalationRun>;
        try {
          plan = planEscalationRun(escalation.policy, {
            triggeredAt: escalation.triggeredAt.toISOString(),
            stepsFired: escalation.stepsFired,
            now: now.toISOString(),
          });
        } catch (error) {
          await claim.stop(escalation.id, `the escalation cannot be computed: ${String(error)}`, now);
          continue;
        }
        const { recipients, methods } = await this.recipients(escalation, plan.newSteps);
        const planned = planNotifications(recipients, groupByUser(methods));
        const advanced = await claim.advance(
          escalation.id,
          escalation.stepsFired,
          {
            status: plan.status,
            stepsFired: plan.stepsFired,
            levelIndex: plan.current?.levelIndex ?? null,
            pass: plan.current?.pass ?? null,
            nextDueAt: plan.nextDueAt === null ? null : new Date(plan.nextDueAt),
          },
          now,
        );
        // Another worker's claim got there first (its commit re-checked): nothing to send.
        if (!advanced) continue;
        const notifications = await claim.addNotifications(
          escalation,
          planned.map((p) => ({
            levelIndex: p.step.levelIndex,
            pass: p.step.pass,
            stepAt: new Date(p.step.at),
            recipient: p.recipient,
            contactMethodId: p.contactMethodId,
            channel: p.channel,
            outcome: p.outcome,
            error: p.error,
          })),
          now,
        );
        const policy = await this.policies.findById(escalation.policyId);
        claimed.push({
          escalation,
          policyName: policy?.name ?? escalation.policyId,
          notifications,
          methods: new Map(methods.map((m) => [m.id, m])),
          steps: plan.newSteps,
        });
      }
      return claimed;
    });
  }

  /** Pages a dead worker left `sending`, leased again, with the contact methods they were for. */
  private async reclaimStale(now: Date): Promise<Claimed[]> {
    const stale = await this.escalations.reclaimStale(
      new Date(now.getTime() - this.stalePageLeaseMs()),
      now,
      this.config.INCIDENTS_ESCALATION_BATCH_SIZE,
    );
    if (stale.length === 0) return [];
    const users = [...new Set(stale.flatMap((s) => s.notifications.map((n) => n.recipient)))];
    const methods = [...(await this.contactMethods.enabledFor(users)).values()].flat();
    const byId = new Map(methods.map((m) => [m.id, m]));
    this.logger.warn(`sending ${stale.reduce((n, s) => n + s.notifications.length, 0)} pages left unsent again`);
    return Promise.all(
      stale.map(async ({ escalation, notifications }) => ({
        escalation,
        policyName: (await this.policies.findById(escalation.policyId))?.name ?? escalation.policyId,
        notifications,
        methods: byId,
        steps: [],
      })),
    );
  }

  /** Who each new step pages (schedules resolved at the step's own instant) and their enabled contact methods. */
  private async recipients(
    escalation: DueEscalation,
    steps: readonly EscalationStep[],
  ): Promise<{ recipients: StepRecipients[]; methods: ContactMethodEntity[] }> {
    const levels = steps.map((s) => escalation.policy.levels[s.levelIndex]);
    const scheduleIds = new Set<string>();
    for (const level of levels) {
      for (const t of level?.targets ?? []) if (t.kind === 'schedule') scheduleIds.add(t.scheduleId);
    }
    const schedules: Schedule[] = (await this.schedules.findByIds([...scheduleIds])).map((e) => ({
      id: e.id,
      ...e.document,
    }));
    const recipients = steps.map((step, i) => {
      const level = levels[i];
      const resolved = level ? resolveTargets(level, schedules, step.at) : { userIds: [], unresolved: [] };
      return { step, userIds: resolved.userIds, unresolved: resolved.unresolved };
    });
    const userIds = [...new Set(recipients.flatMap((r) => r.userIds))];
    const byUser = await this.contactMethods.enabledFor(userIds);
    return { recipients, methods: [...byUser.values()].flat() };
  }

  /** Delivers a claim's pages (outside any transaction) and records the outcomes and the timeline entries. */
  private async deliver(c: Claimed): Promise<{ sent: number; delivered: number; failed: number }> {
    const { escalation } = c;
    const outcomes: NotificationOutcomeUpdate[] = [];
    const sent: SentNotification[] = [];
    await Promise.all(
      c.notifications.map(async (n) => {
        const step = { levelIndex: n.levelIndex, pass: n.pass, at: n.stepAt.toISOString() };
        if (n.outcome !== 'sending') {
          sent.push({ step, recipient: n.recipient, channel: n.channel, outcome: n.outcome, error: n.error });
          return;
        }
        const method = n.contactMethodId === null ? undefined : c.methods.get(n.contactMethodId);
        const page: EscalationPage = {
          incident: {
            id: escalation.incidentId,
            title: escalation.incident.title,
            severity: escalation.incident.severity,
            status: escalation.incident.status,
          },
          policy: { id: escalation.policyId, name: c.policyName },
          levelIndex: n.levelIndex,
          pass: n.pass,
          stepAt: step.at,
          recipientId: n.recipient,
        };
        const result = method
          ? await this.delivery.send(method, page, this.shutdown.signal)
          : { ok: false as const, attempts: 0, error: 'the contact method is gone' };
        const outcome = result.ok ? 'delivered' : 'failed';
        const error = result.ok ? null : result.error;
        outcomes.push({ id: n.id, outcome, attempts: result.attempts, error });
        sent.push({ step, recipient: n.recipient, channel: n.channel, outcome, error });
      }),
    );
    const order = (s: SentNotification): string => `${s.step.pass}/${s.step.levelIndex}/${s.channel}/${s.recipient}`;
    sent.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    const entries: NewTimelineEntry[] = summarizeNotifications(c.policyName, sent).map((summary) => ({
      incidentId: escalation.incidentId,
      detail: {
        kind: 'notification',
        channel: summary.channel,
        recipients: summary.recipients,
        purpose: summary.purpose,
      },
      actor: SYSTEM_ACTOR,
      occurredAt: new Date(summary.step.at),
    }));
    const now = new Date(this.clock.now());
    await this.escalations.recordOutcomes(outcomes, entries, { now, openedAt: escalation.incident.createdAt });
    const delivered = outcomes.filter((o) => o.outcome === 'delivered').length;
    if (outcomes.length > delivered) {
      this.logger.warn(
        `incident ${escalation.incidentId}: ${outcomes.length - delivered} of ${outcomes.length} pages failed`,
      );
    }
    return { sent: outcomes.length, delivered, failed: outcomes.length - delivered };
  }
}

function groupByUser(methods: readonly ContactMethodEntity[]): Map<string, ContactMethodEntity[]> {
  const byUser = new Map<string, ContactMethodEntity[]>();
  for (const m of methods) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m]);
  return byUser;
}
