import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { IncidentSeverity } from '@keel/contracts';
import { IncidentHookRegistry, type IncidentHookContext } from '../incidents/incident-hooks';
import { ResponsePolicy } from '../incidents/response-policy';
import { ESCALATION_CLOCK, type EscalationClock } from './escalation-clock';
import { IncidentEscalationRepository } from './incident-escalation.repository';

const SYSTEM_ACTOR = { type: 'system' as const, id: 'escalation', name: 'escalation' };
const ENDING_STATUSES = new Set(['resolved', 'closed', 'declined']);

/**
 * Starts and stops escalations with the incident, inside the incident's own transaction (IncidentHookRegistry):
 * opened or raised to a paging severity → start (due at once); acknowledged → acknowledged; resolved, closed or
 * declined, or lowered to a severity that does not page → stopped; reopened at a paging severity → start again.
 * Escalation instants come from the injected clock, the worker's.
 */
@Injectable()
export class EscalationHooks implements OnModuleInit {
  constructor(
    private readonly registry: IncidentHookRegistry,
    private readonly escalations: IncidentEscalationRepository,
    @Inject(ESCALATION_CLOCK) private readonly clock: EscalationClock,
    private readonly policy: ResponsePolicy,
  ) {}

  /** The escalation policy a severity pages, or null when it pages nobody. */
  private pagedPolicyOf(severity: IncidentSeverity): string | null {
    const paging = this.policy.policyFor(severity).paging;
    return paging.kind === 'escalation_policy' ? paging.escalationPolicyId : null;
  }

  onModuleInit(): void {
    this.registry.register('escalation', {
      opened: (context) => this.start(context),
      severityChanged: async (context) => {
        if (this.pagedPolicyOf(context.incident.severity) !== null) {
          if (!(await this.escalations.hasRunning(context.db, context.incident.id))) await this.start(context);
          return;
        }
        await this.escalations.stopRunning(
          context.db,
          context.incident.id,
          `severity lowered from ${context.from} to ${context.incident.severity}, which does not page`,
          this.now(),
        );
      },
      acknowledged: async (context) => {
        await this.escalations.acknowledge(context.db, context.incident.id, this.now(), context.actor.id);
      },
      statusChanged: async (context) => {
        const { transition } = context;
        if (ENDING_STATUSES.has(transition.to)) {
          await this.escalations.stopRunning(context.db, context.incident.id, `incident ${transition.to}`, this.now());
        } else if (transition.action === 'reopen') {
          if (!(await this.escalations.hasRunning(context.db, context.incident.id))) await this.start(context);
        }
      },
    });
  }

  /** Starts paging when the incident's severity pages; says so on the timeline when the policy is missing. */
  async start(context: IncidentHookContext): Promise<void> {
    const policyId = this.pagedPolicyOf(context.incident.severity);
    if (policyId === null) return;
    const now = this.now();
    const reason = `paging is not configured: escalation policy "${policyId}" does not exist, so nobody was paged`;
    const result = await this.escalations.start(context.db, {
      incidentId: context.incident.id,
      policyId,
      triggeredAt: now,
      reasonIfMissing: reason,
    });
    if (result !== 'policy-missing') return;
    await this.escalations.appendTimeline(
      context.db,
      [
        {
          incidentId: context.incident.id,
          detail: { kind: 'notification', channel: 'none', recipients: [], purpose: reason },
          actor: SYSTEM_ACTOR,
          occurredAt: now,
          key: true,
        },
      ],
      { now, openedAt: context.incident.createdAt },
    );
  }

  private now(): Date {
    return new Date(this.clock.now());
  }
}
