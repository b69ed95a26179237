// `promtool test rules` (cmd/promtool/unittest.go of Prometheus 3) over @keel/promql and the evaluation engine.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import {
  type Labels,
  matchesAll,
  parsePromQL,
  parseSeriesDescription,
  parseSeriesValues,
  type Sample,
  STALE_NAN,
  vectorSelectors,
} from '@keel/promql';
import { DEFAULT_EVALUATION_INTERVAL_MS, GroupEvaluator, type RuleOutput } from '../evaluation/group-evaluator';
import { memoryQuerier } from '../evaluation/memory-querier';
import { parseRuleFile } from '../rule-file/parse-rule-file';
import type { RuleGroup } from '../rule-file/rule-file.types';
import {
  compareLabels,
  formatFloatE,
  goDurationString,
  goLabelsString,
  goQuote,
  modelDurationString,
} from './go-format';
import { goGlob } from './go-glob';
import { type AlertTestCase, type PromqlTestCase, parseRuleTestFile, type TestGroup } from './test-file';
import { RuleTestStorage } from './test-storage';

export type RuleTestStatus = 'passed' | 'failed' | 'skipped';

/** One expectation of a test file: an `alert_rule_test` entry or a `promql_expr_test` entry. */
export interface RuleTestCase {
  /** The test group's `name`, or `tests[<index>]`. */
  group: string;
  kind: 'alert' | 'expr';
  /** `eval_time` as written in Prometheus' format (`5m`, `1d`). */
  evalTime: string;
  /** The alert name or the expression. */
  name: string;
  status: RuleTestStatus;
  /** promtool's message for a failure; the reason for a skip. */
  message?: string;
}

export interface RuleTestFileResult {
  file: string;
  cases: RuleTestCase[];
  /** Problems of the file itself (unreadable, bad YAML, rule files that do not load, evaluation errors). */
  errors: string[];
  /** promtool's warnings, e.g. a `rule_files` pattern that matches nothing. */
  warnings: string[];
}

export interface RuleTestOptions {
  /** Reads a file (default: node:fs, UTF-8). */
  readFile?: (path: string) => string;
  /** Expands a `rule_files` pattern (default: Go's filepath.Glob semantics over node:fs). */
  glob?: (pattern: string) => string[];
}

export const HISTOGRAM_SKIP_REASON = 'native histograms are not supported';

interface LoadedGroup {
  file: string;
  group: RuleGroup;
}

/** Whether an expression selects any of the series that were given native-histogram values. */
function touchesHistograms(expr: string, histogramSeries: Labels[]): boolean {
  if (histogramSeries.length === 0) {
    return false;
  }
  const parsed = parsePromQL(expr);
  return parsed.ok && vectorSelectors(parsed.expr).some((s) => histogramSeries.some((l) => matchesAll(s.matchers, l)));
}

// The unit of the last bit of a float's mantissa: fuzzy_compare lets values differ by one of these.
function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const x = view.getBigInt64(0);
  const y = view.getBigInt64(8);
  if (x < 0n !== y < 0n) {
    return a === b ? 0 : Infinity;
  }
  const d = x > y ? x - y : y - x;
  return d > 2n ? Infinity : Number(d);
}

function sameValue(expected: number, got: number, fuzzy: boolean): boolean {
  if (expected === got) {
    return true;
  }
  return fuzzy && Number.isFinite(expected) && Number.isFinite(got) && ulpDistance(expected, got) <= 1;
}

/** An expected sample's labels in series notation (`up{job="api"}`, `{job="api"}`, or nothing). */
function expectedLabels(text: string): Labels {
  if (text.trim() === '') {
    return {};
  }
  const { labels, rest } = parseSeriesDescription(text.trim());
  if (rest !== '') {
    throw new Error(`unexpected ${JSON.stringify(rest)} after the labels`);
  }
  return labels;
}

function sameLabels(a: Labels, b: Labels): boolean {
  return compareLabels(a, b) === 0;
}

function indentLines(lines: string, indent: string): string {
  return lines.split('\n').join(`\n${indent}`);
}

interface AlertEntry {
  labels: Labels;
  annotations: Labels;
}

function alertListString(list: AlertEntry[]): string {
  if (list.length === 0) {
    return '[]';
  }
  const entry = (a: AlertEntry): string =>
    `Labels:${goLabelsString(a.labels)}\nAnnotations:${goLabelsString(a.annotations)}`;
  return `[\n${list.map((a, i) => `${i}:${indentLines(`\n${entry(a)}`, '  ')}`).join(',\n')}\n]`;
}

function compareAlertEntries(a: AlertEntry, b: AlertEntry): number {
  return compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations);
}

interface ParsedSample {
  labels: Labels;
  value: number;
}

function samplesString(samples: ParsedSample[]): string {
  return samples.length === 0
    ? 'nil'
    : samples.map((s) => `${goLabelsString(s.labels)} ${formatFloatE(s.value)}`).join(', ');
}

class TestGroupRun {
  readonly cases: RuleTestCase[];
  readonly errors: string[] = [];
  private readonly storage = new RuleTestStorage();
  private readonly histogramSeries: Labels[] = [];
  /** Cases already checked; the others fail when the group stops early. */
  private readonly decided = new Set<RuleTestCase>();
  private readonly startMs: number;
  private readonly label: string;

  constructor(
    private readonly tg: TestGroup,
    index: number,
    private readonly evalIntervalMs: number,
    private readonly fuzzy: boolean,
  ) {
    this.label = tg.name !== '' ? tg.name : `tests[${index}]`;
    this.startMs = tg.startTimestampMs;
    this.cases = [
      ...tg.alertRuleTests.map((t) => this.newCase('alert', t.evalTimeMs, t.alertname)),
      ...tg.promqlExprTests.map((t) => this.newCase('expr', t.evalTimeMs, t.expr)),
    ];
  }

  private newCase(kind: 'alert' | 'expr', evalTimeMs: number, name: string): RuleTestCase {
    return { group: this.label, kind, evalTime: modelDurationString(evalTimeMs), name, status: 'passed' };
  }

  /** Fails every case not decided yet with the group's error. */
  private abort(message: string): void {
    this.errors.push(message);
    for (const c of this.cases) {
      if (!this.decided.has(c)) {
        c.status = 'failed';
        c.message = message;
      }
    }
  }

  private loadInput(intervalMs: number): boolean {
    // A series given twice keeps its last line, as promqltest's load does.
    const bySeries = new Map<string, { labels: Labels; samples: Sample[] }>();
    for (const input of this.tg.inputSeries) {
      let labels: Labels;
      let values: ReturnType<typeof parseSeriesValues>;
      try {
        const described = parseSeriesDescription(input.series);
        if (described.rest !== '') {
          throw new Error(`unexpected ${JSON.stringify(described.rest)} after the series description`);
        }
        labels = described.labels;
        values = parseSeriesValues(input.values);
      } catch (error) {
        this.abort(`error in input series ${goQuote(`${input.series} ${input.values}`)}: ${(error as Error).message}`);
        return false;
      }
      const samples: Sample[] = [];
      values.forEach((v, i) => {
        const t = this.startMs + i * intervalMs;
        if (v.kind === 'float') {
          samples.push({ t, v: v.v });
        } else if (v.kind === 'stale') {
          samples.push({ t, v: STALE_NAN });
        }
      });
      if (values.some((v) => v.kind === 'histogram')) {
        this.histogramSeries.push(labels);
      }
      bySeries.set(goLabelsString(labels), { labels, samples });
    }
    for (const { labels, samples } of bySeries.values()) {
      this.storage.load(labels, samples);
    }
    return true;
  }

  async run(loaded: LoadedGroup[], groupOrder: Map<string, number>): Promise<void> {
    const tg = this.tg;
    // A test group without `interval` uses the file's evaluation interval (Prometheus 3).
    const intervalMs = tg.intervalMs > 0 ? tg.intervalMs : this.evalIntervalMs;
    const missing = tg.alertRuleTests.find((t) => t.alertname === '');
    if (missing) {
      const where = tg.name !== '' ? ` (in TestGroup ${tg.name})` : '';
      this.abort(
        `an item under alert_rule_test misses required attribute alertname at eval_time ${modelDurationString(missing.evalTimeMs)}${where}`,
      );
      return;
    }
    if (!this.loadInput(intervalMs)) {
      return;
    }

    // Rule groups get the test interval as their default interval, as promtool's LoadGroups call does.
    const groups = loaded
      .map(({ file, group }, i) => ({ i, order: groupOrder.get(group.name) ?? 0, file, group }))
      .sort((a, b) => a.order - b.order || a.i - b.i)
      .map(
        ({ file, group }) =>
          new GroupEvaluator(group, {
            file,
            evaluationIntervalMs: intervalMs,
            externalLabels: tg.externalLabels,
            externalURL: tg.externalURL,
          }),
      );
    const querier = memoryQuerier(this.storage, { defaultSubqueryStepMs: this.evalIntervalMs });
    const sink = (output: RuleOutput): void => {
      for (const s of output.samples) {
        this.storage.append(s.labels, s.timestampMs, s.value);
      }
      for (const s of output.staleMarkers) {
        try {
          this.storage.append(s.labels, s.timestampMs, s.value);
        } catch {
          // Expected when another rule writes the series; Prometheus ignores these too.
        }
      }
    };

    const alertTests = tg.alertRuleTests.map((test, i) => ({ test, testCase: this.cases[i] }));
    const evalTimes = [...new Set(tg.alertRuleTests.map((t) => t.evalTimeMs))].sort((a, b) => a - b);
    const maxEvalMs = Math.max(
      0,
      ...tg.alertRuleTests.map((t) => t.evalTimeMs),
      ...tg.promqlExprTests.map((t) => t.evalTimeMs),
    );
    let next = 0;

    for (let ts = this.startMs; ts <= this.startMs + maxEvalMs; ts += this.evalIntervalMs) {
      try {
        this.storage.appendTill(ts);
      } catch (error) {
        this.errors.push((error as Error).message);
        continue;
      }
      const evalErrors: string[] = [];
      for (const g of groups) {
        await g.eval(ts, querier, { sink });
        for (const r of g.rules) {
          if (r.lastError !== undefined) {
            evalErrors.push(`    rule: ${r.name}, time: ${goDurationString(ts)}, err: ${r.lastError}`);
          }
        }
      }
      if (evalErrors.length > 0) {
        this.abort(evalErrors.join('\n'));
        return;
      }
      // Alerts expected at eval_time are checked after the evaluation at the latest ts <= eval_time.
      while (
        next < evalTimes.length &&
        ts - this.startMs <= evalTimes[next] &&
        evalTimes[next] < ts + this.evalIntervalMs - this.startMs
      ) {
        const at = evalTimes[next++];
        for (const { test, testCase } of alertTests) {
          if (test.evalTimeMs === at) {
            this.checkAlerts(test, testCase, groups);
          }
        }
      }
    }

    for (const [i, test] of tg.promqlExprTests.entries()) {
      await this.checkExpr(test, this.cases[tg.alertRuleTests.length + i], querier);
    }
  }

  private checkAlerts(test: AlertTestCase, testCase: RuleTestCase, groups: GroupEvaluator[]): void {
    this.decided.add(testCase);
    const rules = groups.flatMap((g) => g.alertingRules()).filter((r) => r.name === test.alertname);
    if (rules.some((r) => touchesHistograms(r.expr, this.histogramSeries))) {
      testCase.status = 'skipped';
      testCase.message = HISTOGRAM_SKIP_REASON;
      return;
    }
    // The same alert name may be used by several rules: their firing alerts are compared together.
    const got: AlertEntry[] = rules
      .flatMap((r) => r.activeAlerts())
      .filter((a) => a.state === 'firing')
      .map((a) => ({ labels: a.labels, annotations: a.annotations }))
      .sort(compareAlertEntries);
    const expected: AlertEntry[] = test.expAlerts
      .map((a) => ({ labels: { ...a.labels, alertname: test.alertname }, annotations: a.annotations }))
      .sort(compareAlertEntries);
    const same =
      got.length === expected.length &&
      got.every(
        (g, i) => sameLabels(g.labels, expected[i].labels) && sameLabels(g.annotations, expected[i].annotations),
      );
    if (!same) {
      const name = this.tg.name !== '' ? `    name: ${this.tg.name},\n` : '';
      const indent = '            ';
      testCase.status = 'failed';
      testCase.message =
        `${name}    alertname: ${test.alertname}, time: ${modelDurationString(test.evalTimeMs)}, \n` +
        `        exp:${indentLines(alertListString(expected), indent)}, \n` +
        `        got:${indentLines(alertListString(got), indent)}`;
    }
  }

  private async checkExpr(
    test: PromqlTestCase,
    testCase: RuleTestCase,
    querier: ReturnType<typeof memoryQuerier>,
  ): Promise<void> {
    this.decided.add(testCase);
    const at = modelDurationString(test.evalTimeMs);
    if (test.expSamples.some((s) => s.histogram !== '') || touchesHistograms(test.expr, this.histogramSeries)) {
      testCase.status = 'skipped';
      testCase.message = HISTOGRAM_SKIP_REASON;
      return;
    }
    const fail = (message: string): void => {
      testCase.status = 'failed';
      testCase.message = message;
    };
    let got: ParsedSample[];
    try {
      got = (await querier.query(test.expr, this.startMs + test.evalTimeMs)).map((s) => ({
        labels: s.labels,
        value: s.value,
      }));
    } catch (error) {
      fail(`    expr: ${goQuote(test.expr)}, time: ${at}, err: ${(error as Error).message}`);
      return;
    }
    const expected: ParsedSample[] = [];
    for (const s of test.expSamples) {
      try {
        expected.push({ labels: expectedLabels(s.labels), value: s.value });
      } catch (error) {
        fail(
          `    expr: ${goQuote(test.expr)}, time: ${at}, err: labels ${goQuote(s.labels)}: ${(error as Error).message}`,
        );
        return;
      }
    }
    expected.sort((a, b) => compareLabels(a.labels, b.labels));
    got.sort((a, b) => compareLabels(a.labels, b.labels));
    const same =
      got.length === expected.length &&
      got.every(
        (g, i) => sameLabels(g.labels, expected[i].labels) && sameValue(expected[i].value, g.value, this.fuzzy),
      );
    if (!same) {
      fail(
        `    expr: ${goQuote(test.expr)}, time: ${at},\n        exp: ${samplesString(expected)}\n        got: ${samplesString(got)}`,
      );
    }
  }
}

/**
 * Runs a `promtool test rules` file: every test group evaluates the rule files' groups at each evaluation
 * interval up to its last eval_time (recording results and ALERTS written back into its storage), checks the
 * firing alerts at each alert_rule_test's eval_time and then each promql_expr_test. Each expectation is one case.
 */
export async function runRuleTestFile(path: string, options: RuleTestOptions = {}): Promise<RuleTestFileResult> {
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const glob = options.glob ?? goGlob;
  const result: RuleTestFileResult = { file: path, cases: [], errors: [], warnings: [] };
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    result.errors.push((error as Error).message);
    return result;
  }
  let file;
  try {
    file = parseRuleTestFile(text);
  } catch (error) {
    result.errors.push((error as Error).message);
    return result;
  }

  const ruleFiles: string[] = [];
  for (const pattern of file.ruleFiles) {
    const full = pattern !== '' && !isAbsolute(pattern) ? join(dirname(path), pattern) : pattern;
    let matches: string[];
    try {
      matches = glob(full);
    } catch (error) {
      result.errors.push((error as Error).message);
      return result;
    }
    if (matches.length === 0) {
      result.warnings.push(`no file match pattern ${full}`);
    }
    ruleFiles.push(...matches);
  }
  const evalIntervalMs = file.evaluationIntervalMs > 0 ? file.evaluationIntervalMs : DEFAULT_EVALUATION_INTERVAL_MS;

  const groupOrder = new Map<string, number>();
  for (const [i, name] of file.groupEvalOrder.entries()) {
    if (groupOrder.has(name)) {
      result.errors.push(`group name repeated in evaluation order: ${name}`);
      return result;
    }
    groupOrder.set(name, i);
  }

  const loaded: LoadedGroup[] = [];
  const loadErrors: string[] = [];
  for (const ruleFile of ruleFiles) {
    let ruleText: string;
    try {
      ruleText = read(ruleFile);
    } catch (error) {
      loadErrors.push((error as Error).message);
      continue;
    }
    const parsed = parseRuleFile(ruleText, ruleFile);
    if (!parsed.ok) {
      loadErrors.push(...parsed.errors.map((e) => e.message));
      continue;
    }
    loaded.push(...parsed.groups.map((group) => ({ file: ruleFile, group })));
  }

  for (const [i, tg] of file.tests.entries()) {
    const run = new TestGroupRun(tg, i, evalIntervalMs, file.fuzzyCompare);
    if (loadErrors.length > 0) {
      for (const c of run.cases) {
        c.status = 'failed';
        c.message = 'the rule files did not load';
      }
    } else {
      await run.run(loaded, groupOrder);
    }
    result.cases.push(...run.cases);
    result.errors.push(...run.errors);
  }
  result.errors.unshift(...loadErrors);
  return result;
}
