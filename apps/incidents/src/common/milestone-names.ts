/** The incident milestones, in the order they must happen; the incident core and post-mortems share them. */
export const MILESTONE_NAMES = [
  'impact_started',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
  'closed',
] as const;
export type MilestoneName = (typeof MILESTONE_NAMES)[number];
