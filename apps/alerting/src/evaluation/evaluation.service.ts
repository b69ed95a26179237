import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TokenService } from '@keel/auth';
import { AdvisoryLease } from '@keel/database';
import { AlertingMetrics } from '../alerting-metrics';
import { ALERTING_CONFIG, externalLabelsOf, type AlertingConfig } from '../config';
import { ALERT_NOTIFIER, type AlertNotifier } from '../notification/alert-notifier';
import type { LoadedGroup } from '../rules/loaded-group';
import { RuleSourcesService } from '../rules/rule-sources.service';
import { AlertEventsPublisher } from './alert-events.publisher';
import { AlertStateRepository, type StoredAlert } from './alert-state.repository';
import { GroupRunner, type GroupRunnerDeps } from './group-runner';
import type { GroupStatus } from './group-status';
import { dataSourceAuthorization, PrometheusHttpQuerier } from './prometheus-querier';
import { RuleSamplesPublisher } from './rule-samples.publisher';

/**
 * Keeps one GroupRunner per rule group in effect, in the one process of a deployment that holds the evaluator
 * lease (a PostgreSQL advisory lock); the others stand by and take over when it stops. When evaluation starts,
 * the persisted alert state is loaded first, so a restart or a takeover continues every `for` timer and knows
 * what was already sent. When the rules change, unchanged groups
 * keep running untouched; a changed group takes over its rules' alerts by rule name; a removed group's state
 * is deleted.
 */
@Injectable()
export class EvaluationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EvaluationService.name);
  private readonly runners = new Map<string, GroupRunner>();
  private readonly deps: GroupRunnerDeps;
  private restored = new Map<string, StoredAlert[]>();
  private reconciling: Promise<void> = Promise.resolve();
  private started = false;
  private readonly metrics: AlertingMetrics;
  private lease: AdvisoryLease | undefined;

  constructor(
    @Inject(ALERTING_CONFIG) private readonly config: AlertingConfig,
    private readonly sources: RuleSourcesService,
    private readonly states: AlertStateRepository,
    events: AlertEventsPublisher,
    samples: RuleSamplesPublisher,
    metrics: AlertingMetrics,
    @Inject(ALERT_NOTIFIER) notifier: AlertNotifier,
    tokens: TokenService,
  ) {
    this.metrics = metrics;
    this.deps = {
      querier: new PrometheusHttpQuerier({
        baseUrl: config.ALERTING_DATASOURCE_URL,
        timeoutMs: config.ALERTING_DATASOURCE_TIMEOUT_MS,
        authorization: dataSourceAuthorization(config, tokens),
      }),
      states,
      events,
      samples,
      notify: (alerts) => notifier.accept(alerts),
      metrics,
      logger: this.logger,
      externalLabels: externalLabelsOf(config),
      externalUrl: config.ALERTING_EXTERNAL_URL,
      defaultIntervalMs: config.ALERTING_EVALUATION_INTERVAL_SECONDS * 1000,
      defaultQueryOffsetMs: config.ALERTING_QUERY_OFFSET_SECONDS * 1000,
      resendDelayMs: config.ALERTING_RESEND_DELAY_SECONDS * 1000,
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.evaluatorLeader.set(0);
    if (!this.config.ALERTING_EVALUATION_ENABLED) return;
    this.sources.onChange((groups) => void this.reconcile(groups));
    this.lease = new AdvisoryLease({
      url: this.config.DATABASE_URL,
      name: `keel.alerting.evaluator:${this.config.DATABASE_SCHEMA}`,
      retryMs: this.config.ALERTING_EVALUATOR_RETRY_SECONDS * 1000,
      onAcquired: () => this.lead(),
      onLost: () => this.standBy(),
      onError: (error) => this.logger.warn(`evaluator lease: ${error.message}`),
    });
    await this.lease.start();
    if (!this.lease.held) this.logger.log('another process evaluates the rules; this one stands by');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease?.stop();
  }

  /** Whether this process is the deployment's evaluator. */
  get evaluating(): boolean {
    return this.started;
  }

  private async lead(): Promise<void> {
    this.restored.clear();
    for (const s of await this.states.loadAll()) {
      const list = this.restored.get(s.groupKey) ?? [];
      list.push(s);
      this.restored.set(s.groupKey, list);
    }
    this.started = true;
    this.metrics.evaluatorLeader.set(1);
    this.logger.log('this process evaluates the rules');
    await this.reconcile(this.sources.groups());
  }

  private async standBy(): Promise<void> {
    this.started = false;
    this.metrics.evaluatorLeader.set(0);
    await this.reconciling;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    this.runners.clear();
    this.restored.clear();
  }

  /** Resolves once every rule change heard so far has been applied to the runners (at once when not evaluating). */
  settled(): Promise<void> {
    return this.reconciling;
  }

  statuses(): GroupStatus[] {
    return [...this.runners.values()].map((r) => r.status());
  }

  /** Evaluates every group once at `tsMs` (tests and the benchmark; the timers keep running). */
  async evaluateAll(tsMs: number): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.evaluate(tsMs)));
  }

  private reconcile(groups: readonly LoadedGroup[]): Promise<void> {
    this.reconciling = this.reconciling.then(() => this.reconcileNow(groups));
    return this.reconciling;
  }

  private async reconcileNow(groups: readonly LoadedGroup[]): Promise<void> {
    if (!this.started) return;
    const wanted = new Map(groups.map((g) => [g.key, g]));
    const removed: string[] = [];
    for (const [key, runner] of this.runners) {
      const next = wanted.get(key);
      if (next && next.digest === runner.loaded.digest) continue;
      await runner.stop();
      this.runners.delete(key);
      if (!next) removed.push(key);
      if (next) {
        const replacement = new GroupRunner(next, this.deps, [], runner.evaluator);
        this.runners.set(key, replacement);
        replacement.start();
      }
    }
    for (const [key, group] of wanted) {
      if (this.runners.has(key)) continue;
      const runner = new GroupRunner(group, this.deps, this.restored.get(key) ?? []);
      this.restored.delete(key);
      this.runners.set(key, runner);
      runner.start();
    }
    // Only groups that ran and were removed lose their state; state of a group not (yet) loaded, e.g. while its
    // file is being fixed, stays for when it comes back.
    if (removed.length === 0) return;
    await this.states.deleteGroups(removed).catch((error: unknown) => {
      this.logger.warn(`could not delete the state of removed rule groups: ${(error as Error).message}`);
    });
  }
}
