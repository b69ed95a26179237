// The YAML of a `promtool test rules` file, decoded as promtool's strict decoding does (unknown fields refused).
import { parseDuration } from '@keel/promql';
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument, type Scalar } from 'yaml';

export interface InputSeries {
  series: string;
  values: string;
}

export interface ExpectedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface AlertTestCase {
  evalTimeMs: number;
  alertname: string;
  expAlerts: ExpectedAlert[];
}

export interface ExpectedSample {
  /** Series notation, e.g. `up{job="api"}`; empty for no labels. */
  labels: string;
  value: number;
  /** A native histogram expectation (`{{...}}`), not interpreted here. */
  histogram: string;
}

export interface PromqlTestCase {
  expr: string;
  evalTimeMs: number;
  expSamples: ExpectedSample[];
}

export interface TestGroup {
  name: string;
  /** 0 when absent (then the file's evaluation interval). */
  intervalMs: number;
  inputSeries: InputSeries[];
  alertRuleTests: AlertTestCase[];
  promqlExprTests: PromqlTestCase[];
  externalLabels: Record<string, string>;
  externalURL: string;
  /** The group's time zero (0 = the Unix epoch). */
  startTimestampMs: number;
}

export interface RuleTestFile {
  ruleFiles: string[];
  /** 0 when absent (then 1m). */
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  fuzzyCompare: boolean;
  tests: TestGroup[];
}

export class TestFileError extends Error {}

type Fields = Map<string, Node | null>;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

class TestFileDecoder {
  readonly errors: string[] = [];
  private readonly lines = new LineCounter();

  constructor(private readonly text: string) {}

  private line(node: Node | null | undefined): number {
    return this.lines.linePos(node?.range?.[0] ?? 0).line;
  }

  private fail(node: Node | null | undefined, reason: string): void {
    this.errors.push(`line ${this.line(node)}: ${reason}`);
  }

  private isNull(node: Node | null | undefined): boolean {
    return node === null || node === undefined || (isScalar(node) && node.value === null);
  }

  private fields(node: Node | null | undefined, allowed: string[], goType: string): Fields | undefined {
    const out: Fields = new Map();
    if (this.isNull(node)) {
      return out;
    }
    if (!isMap(node)) {
      this.fail(node, `cannot unmarshal ${this.describe(node)} into ${goType}`);
      return undefined;
    }
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        this.fail(pair.key, `field ${key} not found in type ${goType}`);
        continue;
      }
      out.set(key, pair.value);
    }
    return out;
  }

  private describe(node: Node | null | undefined): string {
    if (isMap(node)) {
      return '!!map';
    }
    if (isSeq(node)) {
      return '!!seq';
    }
    const value = isScalar(node) ? node.value : undefined;
    const tag = typeof value === 'number' ? (Number.isInteger(value) ? '!!int' : '!!float') : '!!str';
    return `${tag} \`${this.scalarText(node as Scalar)}\``;
  }

  private scalarText(node: Scalar): string {
    return typeof node.source === 'string' ? node.source : String(node.value);
  }

  private string(node: Node | null | undefined): string {
    if (this.isNull(node)) {
      return '';
    }
    if (!isScalar(node)) {
      this.fail(node, `cannot unmarshal ${this.describe(node)} into string`);
      return '';
    }
    return this.scalarText(node);
  }

  private float(node: Node | null | undefined): number {
    if (this.isNull(node)) {
      return 0;
    }
    if (isScalar(node) && typeof node.value === 'number') {
      return node.value;
    }
    this.fail(node, `cannot unmarshal ${this.describe(node)} into float64`);
    return 0;
  }

  private bool(node: Node | null | undefined): boolean {
    if (this.isNull(node)) {
      return false;
    }
    if (isScalar(node) && typeof node.value === 'boolean') {
      return node.value;
    }
    this.fail(node, `cannot unmarshal ${this.describe(node)} into bool`);
    return false;
  }

  private duration(node: Node | null | undefined): number {
    if (this.isNull(node)) {
      return 0;
    }
    const text = this.string(node);
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.fail(node, `not a valid duration string: ${JSON.stringify(text)}`);
      return 0;
    }
    return ms;
  }

  private startTimestamp(node: Node | null | undefined): number {
    if (this.isNull(node)) {
      return 0;
    }
    const text = this.string(node);
    if (/^[+-]?\d+$/.test(text)) {
      return Number(text) * 1000;
    }
    const ms = RFC3339.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(ms)) {
      this.fail(node, `start_timestamp must be a Unix timestamp or an RFC3339 time, got ${JSON.stringify(text)}`);
      return 0;
    }
    return ms;
  }

  private list<T>(node: Node | null | undefined, goType: string, item: (n: Node | null) => T): T[] {
    if (this.isNull(node)) {
      return [];
    }
    if (!isSeq(node)) {
      this.fail(node, `cannot unmarshal ${this.describe(node)} into []${goType}`);
      return [];
    }
    return (node.items as (Node | null)[]).map(item);
  }

  private stringMap(node: Node | null | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.isNull(node)) {
      return out;
    }
    if (!isMap(node)) {
      this.fail(node, `cannot unmarshal ${this.describe(node)} into map[string]string`);
      return out;
    }
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      out[isScalar(pair.key) ? String(pair.key.value) : ''] = this.string(pair.value);
    }
    return out;
  }

  decode(): RuleTestFile | undefined {
    const doc = parseDocument(this.text, { lineCounter: this.lines, keepSourceTokens: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        this.errors.push(`line ${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]}`);
      }
      return undefined;
    }
    const f = this.fields(
      doc.contents,
      ['rule_files', 'evaluation_interval', 'group_eval_order', 'fuzzy_compare', 'tests'],
      'main.unitTestFile',
    );
    if (!f) {
      return undefined;
    }
    const file: RuleTestFile = {
      ruleFiles: this.list(f.get('rule_files'), 'string', (n) => this.string(n)),
      evaluationIntervalMs: this.duration(f.get('evaluation_interval')),
      groupEvalOrder: this.list(f.get('group_eval_order'), 'string', (n) => this.string(n)),
      fuzzyCompare: this.bool(f.get('fuzzy_compare')),
      tests: this.list(f.get('tests'), 'main.testGroup', (n) => this.testGroup(n)),
    };
    return this.errors.length === 0 ? file : undefined;
  }

  private testGroup(node: Node | null): TestGroup {
    const f =
      this.fields(
        node,
        [
          'interval',
          'input_series',
          'alert_rule_test',
          'promql_expr_test',
          'external_labels',
          'external_url',
          'name',
          'start_timestamp',
        ],
        'main.testGroup',
      ) ?? new Map();
    return {
      name: this.string(f.get('name')),
      intervalMs: this.duration(f.get('interval')),
      inputSeries: this.list(f.get('input_series'), 'main.series', (n) => {
        const s = this.fields(n, ['series', 'values'], 'main.series') ?? new Map();
        return { series: this.string(s.get('series')), values: this.string(s.get('values')) };
      }),
      alertRuleTests: this.list(f.get('alert_rule_test'), 'main.alertTestCase', (n) => this.alertTest(n)),
      promqlExprTests: this.list(f.get('promql_expr_test'), 'main.promqlTestCase', (n) => this.exprTest(n)),
      externalLabels: this.stringMap(f.get('external_labels')),
      externalURL: this.string(f.get('external_url')),
      startTimestampMs: this.startTimestamp(f.get('start_timestamp')),
    };
  }

  private alertTest(node: Node | null): AlertTestCase {
    const f = this.fields(node, ['eval_time', 'alertname', 'exp_alerts'], 'main.alertTestCase') ?? new Map();
    return {
      evalTimeMs: this.duration(f.get('eval_time')),
      alertname: this.string(f.get('alertname')),
      expAlerts: this.list(f.get('exp_alerts'), 'main.alert', (n) => {
        const a = this.fields(n, ['exp_labels', 'exp_annotations'], 'main.alert') ?? new Map();
        return { labels: this.stringMap(a.get('exp_labels')), annotations: this.stringMap(a.get('exp_annotations')) };
      }),
    };
  }

  private exprTest(node: Node | null): PromqlTestCase {
    const f = this.fields(node, ['expr', 'eval_time', 'exp_samples'], 'main.promqlTestCase') ?? new Map();
    return {
      expr: this.string(f.get('expr')),
      evalTimeMs: this.duration(f.get('eval_time')),
      expSamples: this.list(f.get('exp_samples'), 'main.sample', (n) => {
        const s = this.fields(n, ['labels', 'value', 'histogram'], 'main.sample') ?? new Map();
        return {
          labels: this.string(s.get('labels')),
          value: this.float(s.get('value')),
          histogram: this.string(s.get('histogram')),
        };
      }),
    };
  }
}

/**
 * Decodes a promtool unit-test file; throws TestFileError with Go's `yaml: unmarshal errors:` list when it does
 * not fit the format.
 */
export function parseRuleTestFile(text: string): RuleTestFile {
  const decoder = new TestFileDecoder(text);
  const file = decoder.decode();
  if (!file) {
    throw new TestFileError(`yaml: unmarshal errors:\n${decoder.errors.map((e) => `  ${e}`).join('\n')}`);
  }
  return file;
}
