/** Where something sits in a rule file (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface RuleFileError extends SourcePosition {
  /** The reason, in promtool's wording where promtool has one. */
  reason: string;
  /** `file:line:column: reason`. */
  message: string;
}

export interface AlertingRule {
  kind: 'alerting';
  name: string;
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  position: SourcePosition;
}

export interface RecordingRule {
  kind: 'recording';
  name: string;
  expr: string;
  labels: Record<string, string>;
  position: SourcePosition;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  name: string;
  /** Undefined means the global evaluation interval. */
  intervalMs?: number;
  /** 0 means no limit. */
  limit: number;
  /** Undefined means the global query offset. */
  queryOffsetMs?: number;
  labels: Record<string, string>;
  rules: Rule[];
  position: SourcePosition;
}

export type RuleFileResult = { ok: true; groups: RuleGroup[] } | { ok: false; errors: RuleFileError[] };
