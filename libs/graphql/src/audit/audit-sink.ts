import type { Actor } from '@keel/contracts';

/** One audit record as the GraphQL layer sees it; the sink turns it into a `keel.audit.v1` event. */
export interface AuditRecord {
  action: string;
  actor: Actor;
  resource: { type: string; id: string };
  outcome: 'success' | 'failure';
  reason?: string;
  details: Record<string, unknown>;
}

export interface AuditSink {
  record(entry: AuditRecord): Promise<void>;
}

export const AUDIT_SINK = Symbol('KEEL_AUDIT_SINK');
