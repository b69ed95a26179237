import type { RuleHealth, RuleQuerier, RuleSample } from './evaluation.types';

export type Clock = () => number;

/** Health and timing of one rule, as Prometheus' /api/v1/rules reports them. */
export abstract class RuleStatus {
  health: RuleHealth = 'unknown';
  lastError: string | undefined;
  /** Wall-clock time the last evaluation started. */
  lastEvaluationMs: number | undefined;
  evaluationDurationMs = 0;

  protected constructor(protected readonly now: Clock) {}

  abstract readonly name: string;
  abstract readonly kind: 'alerting' | 'recording';
  abstract readonly expr: string;

  /** The rule's output at `tsMs`; throws with Prometheus' message when the evaluation fails. */
  protected abstract evaluate(
    tsMs: number,
    queryOffsetMs: number,
    querier: RuleQuerier,
    limit: number,
  ): Promise<RuleSample[]>;

  /**
   * Evaluates the rule at `tsMs` (the query runs at `tsMs - queryOffsetMs`); `limit` 0 means none. Records
   * health, error and timing; a failure is recorded and thrown again.
   */
  async eval(tsMs: number, queryOffsetMs: number, querier: RuleQuerier, limit = 0): Promise<RuleSample[]> {
    const started = this.now();
    this.lastEvaluationMs = started;
    try {
      const out = await this.evaluate(tsMs, queryOffsetMs, querier, limit);
      this.setHealth(undefined);
      return out;
    } catch (error) {
      this.setHealth(error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      this.evaluationDurationMs = Math.max(0, this.now() - started);
    }
  }

  /** `undefined` marks the rule healthy; a message marks it failed (e.g. when writing its output failed). */
  setHealth(error: string | undefined): void {
    this.health = error === undefined ? 'ok' : 'err';
    this.lastError = error;
  }
}
