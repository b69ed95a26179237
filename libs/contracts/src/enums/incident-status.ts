import { z } from 'zod';

/** Lifecycle of an incident, in the order it normally moves; `declined` ends triage without an incident. */
export const IncidentStatus = z.enum([
  'triage',
  'investigating',
  'identified',
  'monitoring',
  'mitigated',
  'resolved',
  'closed',
  'declined',
]);
export type IncidentStatus = z.output<typeof IncidentStatus>;
