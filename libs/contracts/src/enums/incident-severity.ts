import { z } from 'zod';

export const IncidentSeverity = z.enum(['P0', 'P1', 'P2', 'P3']);
export type IncidentSeverity = z.output<typeof IncidentSeverity>;

export interface SeverityDefinition {
  readonly label: 'Critical' | 'High' | 'Medium' | 'Low';
  readonly description: string;
}

/** The severity levels of the incident response plan. */
export const SEVERITY_DEFINITIONS: Readonly<Record<IncidentSeverity, SeverityDefinition>> = Object.freeze({
  P0: { label: 'Critical', description: 'Complete system outage, data loss, security breach' },
  P1: { label: 'High', description: 'Major functionality broken, significant user impact' },
  P2: { label: 'Medium', description: 'Minor functionality issues, partial user impact' },
  P3: { label: 'Low', description: 'Cosmetic issues, no functional impact' },
});
