// What other features of the service do when an incident changes, inside the transaction of that change.
//
// The incident core (this folder) owns the incident and its lifecycle; runbooks, escalations and post-mortems react
// to it. They register hooks here at module start instead of the core importing them, so the dependency points one
// way (feature → incidents) and a hook's writes commit or roll back with the change that caused them.
import { Injectable } from '@nestjs/common';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import type { IncidentTransition } from './incident-lifecycle';
import type { TimelineActor } from './timeline';

/** Runs SQL inside the change's transaction (an EntityManager of that transaction). */
export interface SqlRunner {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** The incident as it is after the change. */
export interface IncidentSnapshot {
  id: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  tags: string[];
  /** Incident type (e.g. `database`, `security`), or null. */
  type: string | null;
  /** Names (`alertname`) of the alerts linked to the incident so far. */
  alertNames: string[];
  createdAt: Date;
  version: number;
}

export interface IncidentHookContext {
  db: SqlRunner;
  incident: IncidentSnapshot;
  actor: TimelineActor;
  now: Date;
}

export interface IncidentHooks {
  /** The incident was just created (declared by a person or opened from an alert). */
  opened?(context: IncidentHookContext): Promise<void>;
  /** The status changed (accept, decline, merge, set_status, reopen). */
  statusChanged?(context: IncidentHookContext & { transition: IncidentTransition }): Promise<void>;
  /** The acknowledged milestone was set for the first time (escalation stops paging). */
  acknowledged?(context: IncidentHookContext): Promise<void>;
  /** The severity changed (a raise may need paging or a post-mortem). */
  severityChanged?(context: IncidentHookContext & { from: IncidentSeverity }): Promise<void>;
  /** The affected services changed (whether it repeats an earlier incident may change with them). */
  servicesChanged?(context: IncidentHookContext & { from: string[] }): Promise<void>;
  /**
   * Asked before the incident closes: returns the reasons closing must wait for (empty: nothing blocks). With an
   * admin override the core closes anyway and records the reasons and the override's reason in the timeline.
   */
  closingBlockers?(context: IncidentHookContext): Promise<string[]>;
}

/** The registry the features add their hooks to, in their module's onModuleInit. */
@Injectable()
export class IncidentHookRegistry {
  private readonly registered: Array<{ name: string; hooks: IncidentHooks }> = [];

  register(name: string, hooks: IncidentHooks): void {
    if (this.registered.some((entry) => entry.name === name))
      throw new Error(`incident hooks "${name}" registered twice`);
    this.registered.push({ name, hooks });
  }

  async opened(context: IncidentHookContext): Promise<void> {
    for (const { hooks } of this.registered) await hooks.opened?.(context);
  }

  async statusChanged(context: IncidentHookContext & { transition: IncidentTransition }): Promise<void> {
    for (const { hooks } of this.registered) await hooks.statusChanged?.(context);
  }

  async acknowledged(context: IncidentHookContext): Promise<void> {
    for (const { hooks } of this.registered) await hooks.acknowledged?.(context);
  }

  async severityChanged(context: IncidentHookContext & { from: IncidentSeverity }): Promise<void> {
    for (const { hooks } of this.registered) await hooks.severityChanged?.(context);
  }

  async servicesChanged(context: IncidentHookContext & { from: string[] }): Promise<void> {
    for (const { hooks } of this.registered) await hooks.servicesChanged?.(context);
  }

  async closingBlockers(context: IncidentHookContext): Promise<string[]> {
    const reasons: string[] = [];
    for (const { hooks } of this.registered) reasons.push(...((await hooks.closingBlockers?.(context)) ?? []));
    return reasons;
  }
}
