/** `YYYY-MM-DD`, a UTC calendar day. */
export type CalendarDate = string;

/** What a runbook's front matter says about it. */
export interface RunbookMetadata {
  /** Optional; the first level-1 heading (or the path) stands in for it. */
  title: string | null;
  /** The team or person that keeps the runbook true. */
  owner: string;
  /** Alert rule names the runbook answers (exact, case-sensitive, as the alerting service names them). */
  alerts: string[];
  services: string[];
  incidentTypes: string[];
  lastReviewed: CalendarDate | null;
}

export interface Runbook {
  /** Relative path inside the runbook tree, e.g. `database/connection-pool.md`; the runbook's identity. */
  path: string;
  title: string;
  metadata: RunbookMetadata;
  /** The Markdown after the front matter. */
  body: string;
  /** The file line the body starts on. */
  bodyLine: number;
}

/** One problem in a runbook file, located for its author. */
export interface RunbookProblem {
  path: string;
  line: number;
  column: number;
  reason: string;
  /** `path:line:column: reason` */
  message: string;
}

export type RunbookParseResult = { ok: true; runbook: Runbook } | { ok: false; problems: RunbookProblem[] };
