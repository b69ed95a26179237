// Parser for Prometheus' PromQL test scripts (promqltest): load / clear / eval commands and their
// expectations. Lines starting with # are blank lines, and a blank line ends a command's block.
import { parseDuration } from '../ast/duration';
import type { Labels } from '../engine/types';
import { parseSeriesDescription, parseSeriesValues, type SeriesValue } from './series-notation';

export interface TestSeries {
  labels: Labels;
  values: SeriesValue[];
  line: number;
}

export interface AnnotationExpectation {
  match: 'any' | 'msg' | 'regex';
  text: string;
}

export interface LoadCommand {
  kind: 'load';
  line: number;
  intervalMs: number;
  /** `load_with_nhcb`: classic histograms also loaded as native histograms with custom buckets. */
  withNhcb: boolean;
  series: TestSeries[];
}

export interface ClearCommand {
  kind: 'clear';
  line: number;
}

export interface ExpectedSeries {
  /** Undefined for a bare scalar line. */
  labels?: Labels;
  values: SeriesValue[];
  line: number;
}

export interface EvalCommand {
  kind: 'eval';
  line: number;
  query: string;
  instantAtMs?: number;
  range?: { startMs: number; endMs: number; stepMs: number };
  fail?: AnnotationExpectation;
  ordered: boolean;
  warn: AnnotationExpectation[];
  info: AnnotationExpectation[];
  noWarn: boolean;
  noInfo: boolean;
  expectString?: string;
  rangeVector?: { startMs: number; endMs: number; stepMs: number };
  expected: ExpectedSeries[];
}

export type TestCommand = LoadCommand | ClearCommand | EvalCommand;

function duration(text: string, line: number): number {
  const ms = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : parseDuration(text);
  if (ms === undefined) {
    throw new Error(`line ${line}: invalid duration ${JSON.stringify(text)}`);
  }
  return ms;
}

const INSTANT_RE = /^eval(?:_(fail|warn|info|ordered))?\s+instant\s+at\s+(\S+)\s+(.+)$/;
const RANGE_RE = /^eval(?:_(fail|warn|info|ordered))?\s+range\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)\s+(.+)$/;
const COMMAND_RE = /^(load|load_with_nhcb|clear|eval|eval_fail|eval_warn|eval_info|eval_ordered)(\s|$)/;
const SCALAR_RE = /^[+-]?(inf|nan|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i;

/** Parses a whole test file; throws with the line number on malformed input. */
export function parsePromqlTestFile(content: string): TestCommand[] {
  const lines = content.split('\n').map((l) => {
    const trimmed = l.trim();
    return trimmed.startsWith('#') ? '' : trimmed;
  });
  const commands: TestCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    const text = lines[i];
    const lineNo = i + 1;
    i++;
    if (text === '') {
      continue;
    }
    const block: { text: string; line: number }[] = [];
    while (i < lines.length && lines[i] !== '' && !COMMAND_RE.test(lines[i]) && text !== 'clear') {
      block.push({ text: lines[i], line: i + 1 });
      i++;
    }
    commands.push(parseCommand(text, lineNo, block));
  }
  return commands;
}

function parseCommand(text: string, line: number, block: { text: string; line: number }[]): TestCommand {
  if (text === 'clear') {
    return { kind: 'clear', line };
  }
  const load = /^load(_with_nhcb)?\s+(\S+)$/.exec(text);
  if (load) {
    return {
      kind: 'load',
      line,
      intervalMs: duration(load[2], line),
      withNhcb: load[1] !== undefined,
      series: block.map((b) => seriesLine(b.text, b.line)),
    };
  }
  const instant = INSTANT_RE.exec(text);
  const range = RANGE_RE.exec(text);
  if (!instant && !range) {
    throw new Error(`line ${line}: unknown command ${JSON.stringify(text)}`);
  }
  const variant = (instant ?? range)?.[1];
  const cmd: EvalCommand = {
    kind: 'eval',
    line,
    query: instant ? instant[3] : (range?.[5] ?? ''),
    ordered: variant === 'ordered',
    warn: variant === 'warn' ? [{ match: 'any', text: '' }] : [],
    info: variant === 'info' ? [{ match: 'any', text: '' }] : [],
    noWarn: false,
    noInfo: false,
    expected: [],
  };
  if (variant === 'fail') {
    cmd.fail = { match: 'any', text: '' };
  }
  if (instant) {
    cmd.instantAtMs = duration(instant[2], line);
  } else if (range) {
    cmd.range = {
      startMs: duration(range[2], line),
      endMs: duration(range[3], line),
      stepMs: duration(range[4], line),
    };
  }
  for (const b of block) {
    if (b.text.startsWith('expect ')) {
      applyExpectation(cmd, b.text.slice(7).trim(), b.line);
    } else if (SCALAR_RE.test(b.text)) {
      cmd.expected.push({ values: parseSeriesValues(b.text), line: b.line });
    } else {
      cmd.expected.push(seriesLine(b.text, b.line));
    }
  }
  return cmd;
}

function seriesLine(text: string, line: number): TestSeries {
  try {
    const { labels, rest } = parseSeriesDescription(text);
    return { labels, values: parseSeriesValues(rest), line };
  } catch (err) {
    throw new Error(`line ${line}: ${(err as Error).message}`, { cause: err });
  }
}

function annotation(rest: string): AnnotationExpectation {
  const m = /^(msg|regex):\s*(.*)$/.exec(rest.trim());
  if (!m) {
    return { match: 'any', text: '' };
  }
  return { match: m[1] as 'msg' | 'regex', text: m[2].trim() };
}

function applyExpectation(cmd: EvalCommand, rest: string, line: number): void {
  const [type, ...others] = rest.split(/\s+/);
  const tail = rest.slice(type.length).trim();
  switch (type) {
    case 'fail':
      cmd.fail = annotation(tail);
      return;
    case 'warn':
      cmd.warn.push(annotation(tail));
      return;
    case 'info':
      cmd.info.push(annotation(tail));
      return;
    case 'no_warn':
      cmd.noWarn = true;
      return;
    case 'no_info':
      cmd.noInfo = true;
      return;
    case 'ordered':
      cmd.ordered = true;
      return;
    case 'string': {
      const quoted = tail.trim();
      cmd.expectString = quoted.slice(1, -1);
      return;
    }
    case 'range': {
      const m = /^vector\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)$/.exec(others.join(' '));
      if (!m) {
        throw new Error(`line ${line}: invalid range vector expectation`);
      }
      cmd.rangeVector = { startMs: duration(m[1], line), endMs: duration(m[2], line), stepMs: duration(m[3], line) };
      return;
    }
    default:
      throw new Error(`line ${line}: unknown expectation ${JSON.stringify(type)}`);
  }
}
