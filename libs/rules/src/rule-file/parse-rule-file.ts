import { parseDuration, parsePromQL } from '@keel/promql';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { checkTemplate } from '../templates/template';
import type { Rule, RuleFileError, RuleFileResult, RuleGroup, SourcePosition } from './rule-file.types';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const FILE_FIELDS = ['groups'];
const GROUP_FIELDS = ['name', 'interval', 'limit', 'query_offset', 'labels', 'rules'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

class RuleFileChecker {
  readonly errors: RuleFileError[] = [];
  private readonly lines = new LineCounter();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  position(node: Node | null | undefined, fallback = 0): SourcePosition {
    const offset = node?.range?.[0] ?? fallback;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  error(node: Node | null | undefined, reason: string): void {
    const pos = this.position(node);
    this.errors.push({ ...pos, reason, message: `${pos.file}:${pos.line}:${pos.column}: ${reason}` });
  }

  run(): RuleGroup[] {
    const doc = parseDocument(this.text, { lineCounter: this.lines, keepSourceTokens: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const [start] = e.linePos ?? [{ line: 1, col: 1 }];
        const reason = `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
        this.errors.push({
          file: this.file,
          line: start.line,
          column: start.col,
          reason,
          message: `${this.file}:${start.line}:${start.col}: ${reason}`,
        });
      }
      return [];
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) {
      return [];
    }
    if (!isMap(root)) {
      this.error(root, 'rule file must be a mapping with a "groups" list');
      return [];
    }
    const fields = this.fields(root, FILE_FIELDS, 'rulefmt.RuleGroups');
    const groupsNode = fields.get('groups');
    if (!groupsNode || (isScalar(groupsNode) && groupsNode.value === null)) {
      return [];
    }
    if (!isSeq(groupsNode)) {
      this.error(groupsNode, '"groups" must be a list');
      return [];
    }
    const groups: RuleGroup[] = [];
    const seen = new Set<string>();
    for (const item of groupsNode.items) {
      const group = this.group(item as Node, seen);
      if (group) {
        groups.push(group);
      }
    }
    return groups;
  }

  // Reads a mapping's keys, reporting unknown ones the way Go's strict YAML decoding does.
  private fields(map: YAMLMap, allowed: string[], goType: string): Map<string, Node> {
    const out = new Map<string, Node>();
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        this.error(pair.key, `field ${key} not found in type ${goType}`);
        continue;
      }
      out.set(key, pair.value ?? (pair.key as Node));
    }
    return out;
  }

  private string(node: Node | undefined, field: string): string | undefined {
    if (node === undefined) {
      return undefined;
    }
    if (!isScalar(node) || (node.value !== null && typeof node.value === 'object')) {
      this.error(node, `"${field}" must be a string`);
      return undefined;
    }
    return node.value === null ? '' : String(node.value);
  }

  private duration(node: Node | undefined, field: string): number | undefined {
    // `for:` with no value decodes to Go's zero duration, as an absent field does.
    const text = isScalar(node) && node.value === null ? undefined : this.string(node, field);
    if (text === undefined) {
      return undefined;
    }
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.error(node, `${field}: not a valid duration string: ${JSON.stringify(text)}`);
    }
    return ms;
  }

  private stringMap(
    node: Node | undefined,
    field: string,
    nameCheck: (name: string) => string | undefined,
  ): Record<string, string> {
    const out: Record<string, string> = {};
    if (node === undefined || (isScalar(node) && node.value === null)) {
      return out;
    }
    if (!isMap(node)) {
      this.error(node, `"${field}" must be a mapping of strings`);
      return out;
    }
    for (const pair of node.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const problem = nameCheck(key);
      if (problem) {
        this.error(pair.key, problem);
      }
      const value = this.string(pair.value ?? undefined, `${field}.${key}`);
      if (value !== undefined) {
        out[key] = value;
      }
    }
    return out;
  }

  private group(node: Node, seen: Set<string>): RuleGroup | undefined {
    if (!isMap(node)) {
      this.error(node, 'a rule group must be a mapping');
      return undefined;
    }
    const f = this.fields(node, GROUP_FIELDS, 'rulefmt.RuleGroup');
    const name = this.string(f.get('name'), 'name') ?? '';
    if (name === '') {
      this.error(f.get('name') ?? node, 'Groupname must not be empty');
    } else if (seen.has(name)) {
      this.error(f.get('name'), `groupname: "${name}" is repeated in the same file`);
    }
    seen.add(name);
    const intervalMs = this.duration(f.get('interval'), 'interval');
    const queryOffsetMs = this.duration(f.get('query_offset'), 'query_offset');
    let limit = 0;
    const limitNode = f.get('limit');
    if (limitNode) {
      const v = isScalar(limitNode) ? limitNode.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        this.error(
          limitNode,
          `limit must be a non-negative integer, got ${isScalar(limitNode) ? String(limitNode.value) : 'a collection'}`,
        );
      } else {
        limit = v;
      }
    }
    const labels = this.stringMap(f.get('labels'), 'labels', labelNameProblem);
    const rules: Rule[] = [];
    const rulesNode = f.get('rules');
    if (rulesNode && !(isScalar(rulesNode) && rulesNode.value === null)) {
      if (!isSeq(rulesNode)) {
        this.error(rulesNode, '"rules" must be a list');
      } else {
        const alertNames = new Set<string>();
        rulesNode.items.forEach((item, i) => {
          const rule = this.rule(item as Node, name, i + 1);
          if (rule?.kind === 'alerting') {
            if (alertNames.has(rule.name)) {
              this.error(
                ((item as YAMLMap).get('alert', true) as Node | undefined) ?? (item as Node),
                `duplicate rule name "${rule.name}" in group "${name}"`,
              );
            }
            alertNames.add(rule.name);
          }
          if (rule) {
            rules.push(rule);
          }
        });
      }
    }
    return { name, intervalMs, limit, queryOffsetMs, labels, rules, position: this.position(node) };
  }

  private rule(node: Node, group: string, index: number): Rule | undefined {
    if (!isMap(node)) {
      this.error(node, `group "${group}", rule ${index}: a rule must be a mapping`);
      return undefined;
    }
    const before = this.errors.length;
    const f = this.fields(node, RULE_FIELDS, 'rulefmt.Rule');
    const record = this.string(f.get('record'), 'record');
    const alert = this.string(f.get('alert'), 'alert');
    const ruleName = alert ?? record ?? '';
    const where = `group "${group}", rule ${index}${ruleName ? `, "${ruleName}"` : ''}`;
    const fail = (at: Node | undefined, reason: string): void => this.error(at ?? node, `${where}: ${reason}`);

    if (record !== undefined && alert !== undefined) {
      fail(f.get('alert'), "only one of 'record' and 'alert' must be set");
    } else if (record === undefined && alert === undefined) {
      fail(node, "one of 'record' or 'alert' must be set");
    } else if (ruleName === '') {
      fail(f.get('record') ?? f.get('alert'), `field '${record !== undefined ? 'record' : 'alert'}' must not be empty`);
    }
    const exprNode = f.get('expr');
    const expr = this.string(exprNode, 'expr');
    if (expr === undefined || expr.trim() === '') {
      fail(exprNode, "field 'expr' must be set in rule");
    } else {
      const parsed = parsePromQL(expr);
      if (!parsed.ok) {
        fail(exprNode, `could not parse expression: ${parsed.error.message}`);
      }
    }
    const labels = this.stringMap(f.get('labels'), 'labels', (k) => {
      const problem = labelNameProblem(k);
      return problem ? `${where}: ${problem}` : undefined;
    });
    const position = this.position(node);

    if (record !== undefined && alert === undefined) {
      if (record !== '' && !METRIC_NAME.test(record)) {
        fail(f.get('record'), `invalid recording rule name: ${record}`);
      }
      for (const field of ['annotations', 'for', 'keep_firing_for']) {
        if (f.has(field)) {
          fail(f.get(field), `invalid field '${field}' in recording rule`);
        }
      }
      return this.errors.length === before
        ? { kind: 'recording', name: record, expr: expr ?? '', labels, position }
        : undefined;
    }

    const forMs = this.duration(f.get('for'), 'for') ?? 0;
    const keepFiringForMs = this.duration(f.get('keep_firing_for'), 'keep_firing_for') ?? 0;
    const annotations = this.stringMap(f.get('annotations'), 'annotations', (k) =>
      LABEL_NAME.test(k) ? undefined : `${where}: invalid annotation name: ${k}`,
    );
    // Templates are checked as Prometheus names them, so messages read `template: __alert_<name>:<line>: ...`.
    const templated: [string, Record<string, string>, Node | undefined][] = [
      ['label', labels, f.get('labels')],
      ['annotation', annotations, f.get('annotations')],
    ];
    for (const [kind, map, mapNode] of templated) {
      for (const [key, value] of Object.entries(map)) {
        const err = checkTemplate(value, `__alert_${ruleName}`);
        if (err) {
          const valueNode = isMap(mapNode) ? (mapNode.get(key, true) as Node | undefined) : undefined;
          fail(valueNode ?? mapNode, `invalid ${kind} template "${key}": ${err.message}`);
        }
      }
    }
    return this.errors.length === before
      ? { kind: 'alerting', name: ruleName, expr: expr ?? '', forMs, keepFiringForMs, labels, annotations, position }
      : undefined;
  }
}

function labelNameProblem(name: string): string | undefined {
  return LABEL_NAME.test(name) ? undefined : `invalid label name: ${name}`;
}

/** Parses and validates a Prometheus rule file like `promtool check rules`; every error carries file:line:column. */
export function parseRuleFile(text: string, fileName: string): RuleFileResult {
  const checker = new RuleFileChecker(text, fileName);
  const groups = checker.run();
  if (checker.errors.length > 0) {
    const errors = [...checker.errors].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return { ok: true, groups };
}
