import {
  labelsFingerprint,
  MemorySeriesStore,
  parseSeriesDescription,
  parseSeriesValues,
  STALE_NAN,
} from '@keel/promql';
import type { AlertingRule } from '../rule-file/rule-file.types';
import {
  alertGeneratorURL,
  AlertingRuleEvaluator,
  goQueryEscape,
  RESOLVED_RETENTION_MS,
  toNotifierAlert,
} from './alerting-rule';
import { memoryQuerier } from './memory-querier';

const MIN = 60_000;

/** A store from promqltest-style lines, one value per minute from t=0. */
function storeOf(...lines: string[]): MemorySeriesStore {
  const store = new MemorySeriesStore();
  for (const line of lines) {
    const { labels, rest } = parseSeriesDescription(line);
    const samples = parseSeriesValues(rest).flatMap((v, i) => {
      if (v.kind === 'float') return [{ t: i * MIN, v: v.v }];
      return v.kind === 'stale' ? [{ t: i * MIN, v: STALE_NAN }] : [];
    });
    store.add(labels, samples);
  }
  return store;
}

function rule(partial: Partial<AlertingRule> & { expr: string }): AlertingRule {
  return {
    kind: 'alerting',
    name: 'Test',
    forMs: 0,
    keepFiringForMs: 0,
    labels: {},
    annotations: {},
    position: { file: 'rules.yml', line: 1, column: 1 },
    ...partial,
  };
}

describe('AlertingRuleEvaluator', () => {
  it('goes pending, then firing once `for` has passed, writing ALERTS and ALERTS_FOR_STATE', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0x10'));
    const r = new AlertingRuleEvaluator(
      rule({ name: 'InstanceDown', expr: 'up == 0', forMs: 5 * MIN, labels: { severity: 'page' } }),
    );
    const labels = { alertname: 'InstanceDown', job: 'api', severity: 'page' };

    expect(await r.eval(0, 0, q)).toEqual([
      { labels: { __name__: 'ALERTS', ...labels, alertstate: 'pending' }, timestampMs: 0, value: 1 },
      { labels: { __name__: 'ALERTS_FOR_STATE', ...labels }, timestampMs: 0, value: 0 },
    ]);
    expect(r.activeAlerts()).toEqual([
      { fingerprint: labelsFingerprint(labels), labels, annotations: {}, state: 'pending', value: 0, activeAtMs: 0 },
    ]);
    expect(r.health).toBe('ok');

    await r.eval(5 * MIN - 1000, 0, q);
    expect(r.activeAlerts()[0].state).toBe('pending');

    const out = await r.eval(5 * MIN, 0, q);
    expect(out[0].labels.alertstate).toBe('firing');
    expect(out[1]).toEqual({ labels: { __name__: 'ALERTS_FOR_STATE', ...labels }, timestampMs: 5 * MIN, value: 0 });
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', activeAtMs: 0, firedAtMs: 5 * MIN });
  });

  it('fires at its first evaluation when it has no `for`; a scalar result is one alert with no labels', async () => {
    const r = new AlertingRuleEvaluator(rule({ name: 'AlwaysFiring', expr: '1' }));
    await r.eval(2 * MIN, 0, memoryQuerier(new MemorySeriesStore()));
    expect(r.activeAlerts()).toEqual([
      {
        fingerprint: labelsFingerprint({ alertname: 'AlwaysFiring' }),
        labels: { alertname: 'AlwaysFiring' },
        annotations: {},
        state: 'firing',
        value: 1,
        activeAtMs: 2 * MIN,
        firedAtMs: 2 * MIN,
      },
    ]);
  });

  it('forgets a pending alert as soon as the expression stops returning it', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0 0 1 1'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: 5 * MIN }));
    await r.eval(MIN, 0, q);
    expect(r.activeAlerts()).toHaveLength(1);
    expect(await r.eval(2 * MIN, 0, q)).toEqual([]);
    expect(r.allAlerts()).toEqual([]);
  });

  it('keeps a resolved alert for 15 minutes (not sent as active, no ALERTS), then deletes it', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0 0 0 1x30'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: MIN }));
    for (const t of [0, MIN, 2 * MIN]) await r.eval(t, 0, q);
    expect(r.activeAlerts()[0].state).toBe('firing');

    expect(await r.eval(3 * MIN, 0, q)).toEqual([]);
    expect(r.activeAlerts()).toEqual([]);
    expect(r.allAlerts()).toMatchObject([{ state: 'inactive', firedAtMs: MIN, resolvedAtMs: 3 * MIN }]);

    await r.eval(3 * MIN + RESOLVED_RETENTION_MS, 0, q);
    expect(r.allAlerts()).toHaveLength(1);
    await r.eval(4 * MIN + RESOLVED_RETENTION_MS, 0, q);
    expect(r.allAlerts()).toEqual([]);
  });

  it('starts a new pending alert when a resolved one comes back', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0 0 0 1 0 0'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: MIN }));
    for (const t of [0, MIN, 2 * MIN, 3 * MIN]) await r.eval(t, 0, q);
    expect(r.allAlerts()[0].state).toBe('inactive');

    await r.eval(4 * MIN, 0, q);
    expect(r.allAlerts()).toEqual([expect.objectContaining({ state: 'pending', activeAtMs: 4 * MIN })]);
    expect(r.allAlerts()[0]).not.toHaveProperty('resolvedAtMs');
    expect(r.allAlerts()[0]).not.toHaveProperty('firedAtMs');
    await r.eval(5 * MIN, 0, q);
    expect(r.allAlerts()[0]).toMatchObject({ state: 'firing', firedAtMs: 5 * MIN });
  });

  it('keeps firing for keep_firing_for after the expression stops, then resolves', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0 0 1 1 1 1'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', keepFiringForMs: 2 * MIN }));
    await r.eval(0, 0, q);
    await r.eval(MIN, 0, q);

    const held = await r.eval(2 * MIN, 0, q);
    expect(held[0].labels.alertstate).toBe('firing');
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', keepFiringSinceMs: 2 * MIN });
    await r.eval(3 * MIN, 0, q);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', keepFiringSinceMs: 2 * MIN });

    expect(await r.eval(4 * MIN, 0, q)).toEqual([]);
    expect(r.allAlerts()[0]).toMatchObject({ state: 'inactive', resolvedAtMs: 4 * MIN });
  });

  it('clears keepFiringSince when the expression returns the alert again', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0 1 0'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', keepFiringForMs: 5 * MIN }));
    await r.eval(0, 0, q);
    await r.eval(MIN, 0, q);
    expect(r.activeAlerts()[0].keepFiringSinceMs).toBe(MIN);
    await r.eval(2 * MIN, 0, q);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', firedAtMs: 0 });
    expect(r.activeAlerts()[0].keepFiringSinceMs).toBeUndefined();
  });

  it('refuses results that collapse into one label set once the rule labels are applied', async () => {
    const q = memoryQuerier(storeOf('up{instance="a"} 0', 'up{instance="b"} 0'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', labels: { instance: 'all' } }));
    const message = 'vector contains metrics with the same labelset after applying alert labels';
    await expect(r.eval(0, 0, q)).rejects.toThrow(message);
    expect(r.health).toBe('err');
    expect(r.lastError).toBe(message);
    expect(r.allAlerts()).toEqual([]);
  });

  it('drops every alert when more than `limit` are active or pending', async () => {
    const q = memoryQuerier(storeOf('up{instance="a"} 0', 'up{instance="b"} 0', 'up{instance="c"} 0'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: 5 * MIN }));
    await r.eval(0, 0, q, 3);
    expect(r.activeAlerts()).toHaveLength(3);
    await expect(r.eval(MIN / 2, 0, q, 2)).rejects.toThrow('exceeded limit of 2 with 3 alerts');
    expect(r.allAlerts()).toEqual([]);
  });

  it('expands label and annotation templates with $labels, $value (Go formatting), external labels/URL and query', async () => {
    const q = memoryQuerier(storeOf('load{instance="a"} 0.25', 'load{instance="b"} 1234567'));
    const r = new AlertingRuleEvaluator(
      rule({
        expr: 'load > 0',
        labels: {
          severity: '{{ if gt $value 0.5 }}critical{{ else }}warning{{ end }}',
          team: '{{ $externalLabels.team }}',
          gone: '{{ $labels.missing }}',
        },
        annotations: {
          summary: '{{ $labels.instance }} is at {{ $value }}',
          link: '{{ $externalURL }}/x',
          total: '{{ query "sum(load)" | first | value }}',
          broken: '{{ query "sum(" }}',
        },
      }),
      { externalLabels: { team: 'platform' }, externalURL: 'https://keel.example' },
    );
    const out = await r.eval(0, 0, q);
    const [a, b] = r.activeAlerts().sort((x, y) => x.labels.instance.localeCompare(y.labels.instance));
    // A label whose template expands to nothing is dropped.
    expect(a.labels).toEqual({ alertname: 'Test', instance: 'a', severity: 'warning', team: 'platform' });
    expect(b.labels.severity).toBe('critical');
    expect(a.annotations).toMatchObject({
      summary: 'a is at 0.25',
      link: 'https://keel.example/x',
      total: '1.23456725e+06',
    });
    expect(b.annotations.summary).toBe('b is at 1.234567e+06');
    expect(a.annotations.broken).toMatch(/^<error expanding template: error executing template __alert_Test: .+>$/);
    // ALERTS starts from the rule's labels as written, as Prometheus does: the dropped label keeps its template.
    expect(out[0].labels.gone).toBe('{{ $labels.missing }}');
  });

  it('shows a template that does not parse as an expansion error', async () => {
    const r = new AlertingRuleEvaluator(rule({ expr: '1', annotations: { bad: '{{ if }}' } }));
    await r.eval(0, 0, memoryQuerier(new MemorySeriesStore()));
    expect(r.activeAlerts()[0].annotations.bad).toMatch(
      /^<error expanding template: error parsing template __alert_Test: template: __alert_Test:1: .+>$/,
    );
  });

  it('queries at ts minus the query offset and writes there, while `for` counts from ts', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 1 1 1 1 0 0 0 0'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: MIN }));
    expect(await r.eval(4 * MIN, MIN, q)).toEqual([]);
    const out = await r.eval(5 * MIN, MIN, q);
    expect(out.map((s) => [s.labels.__name__, s.timestampMs, s.value])).toEqual([
      ['ALERTS', 4 * MIN, 1],
      ['ALERTS_FOR_STATE', 4 * MIN, 300],
    ]);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'pending', activeAtMs: 5 * MIN });
    await r.eval(6 * MIN, MIN, q);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'firing', firedAtMs: 6 * MIN });
  });

  it('restores persisted alerts with their `for` timer and recomputes fingerprints', async () => {
    const q = memoryQuerier(storeOf('up{job="api"} 0x10'));
    const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: 5 * MIN }));
    const labels = { job: 'api', alertname: 'Test' };
    r.restore([{ fingerprint: 'stale', labels, annotations: {}, state: 'pending', value: 0, activeAtMs: MIN }]);
    await r.eval(5 * MIN, 0, q);
    expect(r.activeAlerts()[0]).toMatchObject({ state: 'pending', activeAtMs: MIN });
    await r.eval(6 * MIN, 0, q);
    expect(r.activeAlerts()).toEqual([
      expect.objectContaining({
        fingerprint: labelsFingerprint(labels),
        state: 'firing',
        activeAtMs: MIN,
        firedAtMs: 6 * MIN,
      }),
    ]);
  });

  describe('alertsToSend', () => {
    it('sends firing alerts, resends after the resend delay, and marks them sent', async () => {
      const q = memoryQuerier(storeOf('up{job="api"} 0x10'));
      const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0' }));
      await r.eval(0, 0, q);
      expect(r.alertsToSend(0, MIN, MIN)).toEqual([
        expect.objectContaining({ state: 'firing', lastSentAtMs: 0, validUntilMs: 4 * MIN }),
      ]);
      expect(r.activeAlerts()[0]).toMatchObject({ lastSentAtMs: 0, validUntilMs: 4 * MIN });
      await r.eval(MIN, 0, q);
      expect(r.alertsToSend(MIN, MIN, MIN)).toEqual([]);
      await r.eval(2 * MIN, 0, q);
      // validUntil allows for two missed evaluations of the longer of resend delay and interval.
      expect(r.alertsToSend(2 * MIN, MIN, 5 * MIN)).toEqual([
        expect.objectContaining({ lastSentAtMs: 2 * MIN, validUntilMs: 22 * MIN }),
      ]);
    });

    it('never sends pending alerts; sends a resolution at once and again every resend delay', async () => {
      const q = memoryQuerier(storeOf('up{job="api"} 0 0 1 1 1 1'));
      const r = new AlertingRuleEvaluator(rule({ expr: 'up == 0', forMs: MIN }));
      await r.eval(0, 0, q);
      expect(r.alertsToSend(0, MIN, MIN)).toEqual([]);
      await r.eval(MIN, 0, q);
      expect(r.alertsToSend(MIN, MIN, MIN)).toHaveLength(1);
      await r.eval(2 * MIN, 0, q);
      const [resolved] = r.alertsToSend(2 * MIN, MIN, MIN);
      expect(resolved).toMatchObject({ state: 'inactive', resolvedAtMs: 2 * MIN, lastSentAtMs: 2 * MIN });
      expect(toNotifierAlert(resolved, 'http://x')).toEqual({
        labels: resolved.labels,
        annotations: {},
        startsAtMs: MIN,
        endsAtMs: 2 * MIN,
        generatorURL: 'http://x',
      });
      await r.eval(3 * MIN, 0, q);
      expect(r.alertsToSend(3 * MIN, MIN, MIN)).toEqual([]);
      await r.eval(4 * MIN, 0, q);
      expect(r.alertsToSend(4 * MIN, MIN, MIN)).toHaveLength(1);
    });

    it('gives the notifier validUntil as the end of a firing alert', async () => {
      const r = new AlertingRuleEvaluator(rule({ expr: '1' }));
      await r.eval(0, 0, memoryQuerier(new MemorySeriesStore()));
      const [firing] = r.alertsToSend(0, MIN, MIN);
      expect(toNotifierAlert(firing, '')).toMatchObject({ startsAtMs: 0, endsAtMs: 4 * MIN });
    });
  });

  it('builds generator URLs the way Prometheus escapes them', () => {
    expect(goQueryEscape('rate(x{a="b c"}[5m]) > 0.5~')).toBe('rate%28x%7Ba%3D%22b+c%22%7D%5B5m%5D%29+%3E+0.5~');
    expect(alertGeneratorURL('https://p.example', 'up == 0')).toBe(
      'https://p.example/graph?g0.expr=up+%3D%3D+0&g0.tab=1',
    );
  });
});
