import type { RunbookMetadata } from './runbook.types';

/** What matching needs of a runbook (a parsed Runbook or a stored row fits). */
export interface MatchableRunbook {
  path: string;
  metadata: Pick<RunbookMetadata, 'alerts' | 'services' | 'incidentTypes' | 'lastReviewed'>;
}

/** What matching needs of an incident. */
export interface IncidentForRunbook {
  /** Rule names of the linked alerts, the triggering one first. */
  alertNames: readonly string[];
  /** Affected services, the primary one first. */
  services: readonly string[];
  type: string | null;
}

export type RunbookMatchReason = 'alert' | 'service_and_type' | 'type';

export interface RunbookMatch<R extends MatchableRunbook> {
  runbook: R;
  matchedBy: RunbookMatchReason;
  /** The alert name, `service/type` or type that matched. */
  on: string;
}

/** Most recently reviewed first (never reviewed last), then by path: a total order, so ties are deterministic. */
function preferred(a: MatchableRunbook, b: MatchableRunbook): number {
  const ra = a.metadata.lastReviewed ?? '';
  const rb = b.metadata.lastReviewed ?? '';
  if (ra !== rb) return ra < rb ? 1 : -1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function best<R extends MatchableRunbook>(candidates: R[]): R | undefined {
  return [...candidates].sort(preferred)[0];
}

/**
 * The runbook an incident activates, by the most specific rule that finds one:
 * 1. alert — a runbook listing one of the incident's alert names (the incident's alerts in order: the trigger wins);
 * 2. service_and_type — a runbook listing both one of the incident's services (in order) and its type;
 * 3. type — a runbook for the incident's type that is not limited to particular services.
 * Among runbooks matching the same alert, service or type, the most recently reviewed wins, then the path.
 * Returns null when nothing matches.
 */
export function matchRunbook<R extends MatchableRunbook>(
  runbooks: readonly R[],
  incident: IncidentForRunbook,
): RunbookMatch<R> | null {
  for (const alert of incident.alertNames) {
    const runbook = best(runbooks.filter((r) => r.metadata.alerts.includes(alert)));
    if (runbook !== undefined) return { runbook, matchedBy: 'alert', on: alert };
  }
  const type = incident.type;
  if (type === null) return null;
  const ofType = runbooks.filter((r) => r.metadata.incidentTypes.includes(type));
  for (const service of incident.services) {
    const runbook = best(ofType.filter((r) => r.metadata.services.includes(service)));
    if (runbook !== undefined) return { runbook, matchedBy: 'service_and_type', on: `${service}/${type}` };
  }
  const runbook = best(ofType.filter((r) => r.metadata.services.length === 0));
  return runbook === undefined ? null : { runbook, matchedBy: 'type', on: type };
}
