// Runs Prometheus' own PromQL test files (promqltest format, see FORMAT.md beside them) against @keel/promql.
// Usage: npm run conformance:promql -- [dir] [--verbose]   (default ../shared/conformance/promql from the repo
// root; --verbose also lists the skipped evals)
// Evals that touch native histograms ({{...}} data or expectations) are skipped; every other eval counts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AnnotationExpectation,
  type EvalCommand,
  evaluateInstant,
  evaluateRange,
  type Labels,
  matchesAll,
  MemorySeriesStore,
  parsePromQL,
  parsePromqlTestFile,
  type QueryResult,
  type Sample,
  STALE_NAN,
  type TestCommand,
  vectorSelectors,
} from '@keel/promql';
import { workspaceRoot } from '@keel/config';
import { emptyReport, runConformanceCli, type ConformanceReport } from './conformance-report';

export const DEFAULT_CONFORMANCE_DIR = resolve(workspaceRoot(__dirname), '..', 'shared', 'conformance', 'promql');

interface Outcome {
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
}

function labelsString(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) {
    return true;
  }
  if (a === b) {
    return true;
  }
  const minNormal = 2.2250738585072014e-308;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < minNormal) {
    return diff < 1e-6 * minNormal;
  }
  return diff / Math.min(absSum, Number.MAX_VALUE) < 1e-6;
}

function checkAnnotations(
  kind: string,
  got: string[],
  wanted: AnnotationExpectation[],
  none: boolean,
): string | undefined {
  if (none && got.length > 0) {
    return `unexpected ${kind} annotations: ${got.join(' | ')}`;
  }
  for (const w of wanted) {
    const ok = got.some((g) => w.match === 'any' || (w.match === 'msg' ? g === w.text : new RegExp(w.text).test(g)));
    if (!ok) {
      return `expected ${kind} ${w.match === 'any' ? 'annotation' : JSON.stringify(w.text)}, got ${got.length ? got.join(' | ') : 'none'}`;
    }
  }
  if (wanted.length > 0 && !wanted.some((w) => w.match === 'any')) {
    const unmatched = got.filter(
      (g) => !wanted.some((w) => (w.match === 'msg' ? g === w.text : new RegExp(w.text).test(g))),
    );
    if (unmatched.length > 0) {
      return `unexpected ${kind} annotations: ${unmatched.join(' | ')}`;
    }
  }
  return undefined;
}

function expectedPoints(values: EvalCommand['expected'][number]['values'], startMs: number, stepMs: number): Sample[] {
  const points: Sample[] = [];
  values.forEach((v, i) => {
    if (v.kind === 'float') {
      points.push({ t: startMs + i * stepMs, v: v.v });
    } else if (v.kind === 'stale') {
      points.push({ t: startMs + i * stepMs, v: STALE_NAN });
    }
  });
  return points;
}

function compareMatrix(cmd: EvalCommand, result: QueryResult, startMs: number, stepMs: number): string | undefined {
  if (result.value.type !== 'matrix') {
    return `expected a matrix, got ${result.value.type}`;
  }
  const got = new Map(result.value.series.map((s) => [labelsString(s.labels), s.samples]));
  if (got.size !== cmd.expected.length) {
    return `expected ${cmd.expected.length} series, got ${got.size}: ${[...got.keys()].join(' ')}`;
  }
  for (const exp of cmd.expected) {
    const key = labelsString(exp.labels ?? {});
    const samples = got.get(key);
    if (!samples) {
      return `series ${key} missing; got ${[...got.keys()].join(' ')}`;
    }
    const want = expectedPoints(exp.values, startMs, stepMs);
    const show = (ps: Sample[]): string => ps.map((p) => `${p.v}@${p.t / 1000}`).join(' ');
    if (
      want.length !== samples.length ||
      want.some((p, i) => p.t !== samples[i].t || !almostEqual(p.v, samples[i].v))
    ) {
      return `series ${key}: expected ${show(want)}, got ${show(samples)}`;
    }
  }
  return undefined;
}

function compareInstant(cmd: EvalCommand, result: QueryResult): string | undefined {
  const value = result.value;
  if (cmd.expectString !== undefined) {
    return value.type === 'string' && value.v === cmd.expectString
      ? undefined
      : `expected string ${JSON.stringify(cmd.expectString)}, got ${JSON.stringify(value)}`;
  }
  if (cmd.rangeVector) {
    return compareMatrix(cmd, result, cmd.rangeVector.startMs, cmd.rangeVector.stepMs);
  }
  if (cmd.expected.length === 1 && cmd.expected[0].labels === undefined) {
    const want = cmd.expected[0].values[0];
    if (value.type !== 'scalar') {
      return `expected a scalar, got ${value.type}`;
    }
    return want?.kind === 'float' && almostEqual(want.v, value.v)
      ? undefined
      : `expected scalar ${JSON.stringify(want)}, got ${value.v}`;
  }
  if (value.type !== 'vector') {
    return `expected a vector, got ${value.type}`;
  }
  if (value.samples.length !== cmd.expected.length) {
    return `expected ${cmd.expected.length} samples, got ${value.samples.length}: ${value.samples
      .map((s) => `${labelsString(s.labels)} ${s.v}`)
      .join(' ')}`;
  }
  for (const [i, exp] of cmd.expected.entries()) {
    const key = labelsString(exp.labels ?? {});
    const idx = cmd.ordered ? i : value.samples.findIndex((s) => labelsString(s.labels) === key);
    const sample = value.samples[idx];
    if (!sample || labelsString(sample.labels) !== key) {
      return `sample ${key} ${cmd.ordered ? `not at position ${i}` : 'missing'}; got ${value.samples
        .map((s) => labelsString(s.labels))
        .join(' ')}`;
    }
    const want = exp.values[0];
    if (exp.values.length !== 1 || want.kind !== 'float' || !almostEqual(want.v, sample.v)) {
      return `sample ${key}: expected ${JSON.stringify(exp.values)}, got ${sample.v}`;
    }
  }
  return undefined;
}

async function runEval(cmd: EvalCommand, store: MemorySeriesStore, nativeSeries: Labels[]): Promise<Outcome> {
  const expectsHistogram = cmd.expected.some((e) => e.values.some((v) => v.kind === 'histogram'));
  const parsed = parsePromQL(cmd.query);
  const touchesHistogram =
    parsed.ok && vectorSelectors(parsed.expr).some((sel) => nativeSeries.some((l) => matchesAll(sel.matchers, l)));
  if (expectsHistogram || touchesHistogram) {
    return { status: 'skipped' };
  }
  let result: QueryResult;
  try {
    result = cmd.range
      ? await evaluateRange(cmd.query, cmd.range.startMs, cmd.range.endMs, cmd.range.stepMs, store)
      : await evaluateInstant(cmd.query, cmd.instantAtMs ?? 0, store);
  } catch (err) {
    const message = (err as Error).message;
    if (!cmd.fail) {
      return { status: 'failed', reason: `unexpected error: ${message}` };
    }
    const f = cmd.fail;
    const ok = f.match === 'any' || (f.match === 'msg' ? message === f.text : new RegExp(f.text).test(message));
    return ok
      ? { status: 'passed' }
      : { status: 'failed', reason: `error ${JSON.stringify(message)} does not match ${JSON.stringify(f.text)}` };
  }
  if (cmd.fail) {
    return { status: 'failed', reason: 'expected the query to fail, it succeeded' };
  }
  const reason =
    checkAnnotations('warn', result.warnings, cmd.warn, cmd.noWarn) ??
    checkAnnotations('info', result.infos, cmd.info, cmd.noInfo) ??
    (cmd.range ? compareMatrix(cmd, result, cmd.range.startMs, cmd.range.stepMs) : compareInstant(cmd, result));
  return reason ? { status: 'failed', reason } : { status: 'passed' };
}

function load(cmd: Extract<TestCommand, { kind: 'load' }>, store: MemorySeriesStore, nativeSeries: Labels[]): void {
  // Within one load block a repeated series replaces the earlier line, as in promqltest.
  const byLabels = new Map<string, (typeof cmd.series)[number]>();
  for (const s of cmd.series) {
    byLabels.set(labelsString(s.labels), s);
  }
  for (const s of byLabels.values()) {
    const samples: Sample[] = [];
    s.values.forEach((v, i) => {
      const t = i * cmd.intervalMs;
      if (v.kind === 'float') {
        samples.push({ t, v: v.v });
      } else if (v.kind === 'stale') {
        samples.push({ t, v: STALE_NAN });
      }
    });
    if (s.values.some((v) => v.kind === 'histogram')) {
      nativeSeries.push(s.labels);
    }
    store.add(s.labels, samples);
    const name = s.labels.__name__ ?? '';
    if (cmd.withNhcb && name.endsWith('_bucket') && s.labels.le !== undefined) {
      const native: Labels = { ...s.labels, __name__: name.slice(0, -'_bucket'.length) };
      delete native.le;
      nativeSeries.push(native);
    }
  }
}

async function runFile(path: string): Promise<{ outcomes: { line: number; query: string; outcome: Outcome }[] }> {
  const commands = parsePromqlTestFile(readFileSync(path, 'utf8'));
  const store = new MemorySeriesStore();
  let nativeSeries: Labels[] = [];
  const outcomes: { line: number; query: string; outcome: Outcome }[] = [];
  for (const cmd of commands) {
    if (cmd.kind === 'clear') {
      store.clear();
      nativeSeries = [];
    } else if (cmd.kind === 'load') {
      load(cmd, store, nativeSeries);
    } else {
      outcomes.push({ line: cmd.line, query: cmd.query, outcome: await runEval(cmd, store, nativeSeries) });
    }
  }
  return { outcomes };
}

/** Runs every `.test` file of `dir` against libs/promql. */
export async function runPromqlConformance(dir: string): Promise<ConformanceReport> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test'))
    .sort();
  if (files.length === 0) throw new Error(`no .test files in ${dir}`);
  const report = emptyReport();
  for (const file of files) {
    const { outcomes } = await runFile(join(dir, file));
    for (const o of outcomes) {
      report[o.outcome.status]++;
      if (o.outcome.status === 'skipped') report.skips.push(`${file}:${o.line}: ${o.query}`);
      if (o.outcome.status === 'failed')
        report.failures.push(`${file}:${o.line}: ${o.query}\n     ${o.outcome.reason}`);
    }
  }
  return report;
}

if (require.main === module) {
  runConformanceCli('promql', DEFAULT_CONFORMANCE_DIR, runPromqlConformance);
}
