import { parser } from '@prometheus-io/lezer-promql';
import {
  type AggregateExpr,
  type AggregateOp,
  type AtModifier,
  type BinaryExpr,
  type BinaryOp,
  type Expr,
  isComparisonOp,
  isSetOp,
  type LabelMatcher,
  type MatchType,
  type PositionRange,
  type ValueType,
  type VectorMatching,
  type VectorSelector,
} from '../ast/ast';
import { documentedType, FUNCTIONS } from '../ast/functions';
import { compileAnchoredRegex } from '../ast/regex';
import { unquoteString } from '../ast/strings';
import { typeOf } from '../ast/type-of';
import { parseNumber } from './literals';
import { formatParseError, ParseFailure } from './parse-error';

// The node type comes from the grammar's own copy of @lezer/common (an ES module), so derive it from there.
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

export interface PromQLParseError {
  /** Prometheus' wording, e.g. `1:14: parse error: unexpected end of input`. */
  message: string;
  position: PositionRange;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: PromQLParseError };

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const PARAM_AGGREGATIONS: readonly string[] = ['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio'];

/** Parses and type-checks a PromQL query the way Prometheus 3 does. */
export function parsePromQL(query: string): ParseResult {
  try {
    return { ok: true, expr: new Converter(query).parse() };
  } catch (err) {
    if (err instanceof ParseFailure) {
      return {
        ok: false,
        error: { message: formatParseError(query, err.position, err.reason), position: err.position },
      };
    }
    throw err;
  }
}

class Converter {
  constructor(private readonly query: string) {}

  parse(): Expr {
    if (this.query.trim() === '') {
      throw new ParseFailure('no expression found in input', { start: 0, end: 0 });
    }
    const tree = parser.parse(blankTrailingDots(this.query));
    const error = firstError(tree.topNode);
    if (error) {
      const constant = this.parseConstantDuration();
      if (constant) {
        return constant;
      }
      throw this.syntaxError(error);
    }
    const root = exprChildren(tree.topNode)[0];
    if (!root) {
      throw new ParseFailure('no expression found in input', { start: 0, end: 0 });
    }
    return this.convert(root);
  }

  // Prometheus' experimental duration functions (min_of, max_of) also stand alone as scalar expressions;
  // the Lezer grammar knows them only inside brackets, so a failing query is retried in that context.
  private parseConstantDuration(): Expr | undefined {
    if (!/^\s*(min_of|max_of)\s*\(/.test(this.query)) {
      return undefined;
    }
    const wrapped = `x[${this.query}]`;
    const tree = parser.parse(wrapped);
    const matrix = exprChildren(tree.topNode)[0];
    if (firstError(tree.topNode) || matrix?.name !== 'MatrixSelector') {
      return undefined;
    }
    const durationNode = matrix.getChild('DurationExpr');
    if (!durationNode) {
      return undefined;
    }
    const inner = new Converter(wrapped);
    const seconds = inner.durationSeconds(durationNode, true);
    return { kind: 'NumberLiteral', value: seconds, pos: { start: 0, end: this.query.length } };
  }

  private syntaxError(node: SyntaxNode): ParseFailure {
    const text = this.query.slice(node.from, node.to).trim();
    const pos = { start: node.from, end: Math.max(node.to, node.from) };
    if (text === '' && node.from >= this.query.trimEnd().length) {
      return new ParseFailure('unexpected end of input', pos);
    }
    const shown = text === '' ? this.query.slice(node.from, node.from + 1) : text.split(/\s/)[0];
    if (shown === '') {
      return new ParseFailure('unexpected end of input', pos);
    }
    return new ParseFailure(`unexpected ${JSON.stringify(shown)}`, pos);
  }

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  private pos(node: SyntaxNode): PositionRange {
    return { start: node.from, end: node.to };
  }

  private convert(node: SyntaxNode): Expr {
    switch (node.name) {
      case 'ParenExpr':
        return { kind: 'ParenExpr', expr: this.convert(this.onlyExpr(node)), pos: this.pos(node) };
      case 'NumberDurationLiteral':
        return this.numberLiteral(node);
      case 'StringLiteral':
        return { kind: 'StringLiteral', value: this.string(node), pos: this.pos(node) };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.postfix(node, (inner) => this.matrixSelector(node, inner));
      case 'SubqueryExpr':
        return this.postfix(node, (inner) => this.subquery(node, inner));
      case 'OffsetExpr':
        return this.postfix(node, (inner) => this.offset(node, inner));
      case 'StepInvariantExpr':
        return this.postfix(node, (inner) => this.at(node, inner));
      case 'UnaryExpr':
        return this.unary(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        throw new ParseFailure(
          `${node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed'} modifier is not supported`,
          this.pos(node),
        );
      default:
        throw new ParseFailure(`unexpected ${JSON.stringify(this.text(node))}`, this.pos(node));
    }
  }

  // The Lezer grammar (written for editors) lets a postfix modifier take a whole binary or unary expression
  // (`a or b offset 5m`); in Prometheus' own grammar it binds to the rightmost operand, so rotate it there.
  private postfix(node: SyntaxNode, apply: (inner: Expr) => Expr): Expr {
    const inner = this.convert(this.onlyExpr(node));
    return this.applyRightmost(inner, apply, node);
  }

  private applyRightmost(e: Expr, apply: (inner: Expr) => Expr, node: SyntaxNode): Expr {
    if (e.kind === 'BinaryExpr') {
      const rotated: BinaryExpr = {
        ...e,
        rhs: this.applyRightmost(e.rhs, apply, node),
        pos: { start: e.pos.start, end: node.to },
      };
      this.checkBinary(rotated, rotated.pos);
      return rotated;
    }
    if (e.kind === 'UnaryExpr') {
      const rotated: Expr = {
        ...e,
        expr: this.applyRightmost(e.expr, apply, node),
        pos: { start: e.pos.start, end: node.to },
      };
      this.checkUnary(rotated.expr, rotated.pos);
      return rotated;
    }
    return apply(e);
  }

  private onlyExpr(node: SyntaxNode): SyntaxNode {
    const child = exprChildren(node)[0];
    if (!child) {
      throw new ParseFailure('unexpected end of input', this.pos(node));
    }
    return child;
  }

  private numberLiteral(node: SyntaxNode): Expr {
    const value = parseNumber(this.text(node).replace(/\s+/g, ''));
    if (value === undefined) {
      throw new ParseFailure(`bad number or duration syntax: ${JSON.stringify(this.text(node))}`, this.pos(node));
    }
    return { kind: 'NumberLiteral', value, pos: this.pos(node) };
  }

  private string(node: SyntaxNode): string {
    try {
      return unquoteString(this.text(node));
    } catch (err) {
      throw new ParseFailure((err as Error).message, this.pos(node));
    }
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const matchers: LabelMatcher[] = [];
    let name: string | undefined;
    const identifier = node.getChild('Identifier');
    if (identifier) {
      name = this.text(identifier);
    }
    const block = node.getChild('LabelMatchers');
    for (let child = block?.firstChild; child; child = child.nextSibling) {
      if (child.name === 'UnquotedLabelMatcher' || child.name === 'QuotedLabelMatcher') {
        matchers.push(this.matcher(child));
      } else if (child.name === 'QuotedLabelName') {
        const quoted = this.string(child.getChild('StringLiteral') ?? child);
        if (name !== undefined) {
          throw new ParseFailure(
            `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(quoted)}`,
            this.pos(child),
          );
        }
        name = quoted;
      }
    }
    if (name !== undefined) {
      matchers.unshift({ name: '__name__', type: '=', value: name });
    }
    if (matchers.every((m) => matchesEmpty(m))) {
      throw new ParseFailure('vector selector must contain at least one non-empty matcher', this.pos(node));
    }
    return { kind: 'VectorSelector', name, matchers, offsetMs: 0, pos: this.pos(node) };
  }

  private matcher(node: SyntaxNode): LabelMatcher {
    const nameNode = node.getChild('LabelName') ?? node.getChild('QuotedLabelName');
    const opNode = node.getChild('MatchOp');
    const valueNode = node.getChild('StringLiteral');
    if (!nameNode || !opNode || !valueNode) {
      throw new ParseFailure('unexpected label matcher', this.pos(node));
    }
    const name =
      nameNode.name === 'QuotedLabelName'
        ? this.string(nameNode.getChild('StringLiteral') ?? nameNode)
        : this.text(nameNode);
    const type = this.text(opNode) as MatchType;
    const value = this.string(valueNode);
    if (type === '=~' || type === '!~') {
      try {
        compileAnchoredRegex(value);
      } catch (err) {
        throw new ParseFailure((err as Error).message, this.pos(valueNode));
      }
    }
    return { name, type, value };
  }

  private matrixSelector(node: SyntaxNode, inner: Expr): Expr {
    if (inner.kind !== 'VectorSelector') {
      throw new ParseFailure('ranges only allowed for vector selectors', inner.pos);
    }
    if (inner.offsetMs !== 0) {
      throw new ParseFailure('no offset modifiers allowed before range', inner.pos);
    }
    if (inner.at) {
      throw new ParseFailure('no @ modifiers allowed before range', inner.pos);
    }
    const rangeMs = this.durationMs(node.getChild('DurationExpr'), node);
    if (rangeMs <= 0) {
      throw new ParseFailure(`duration must be greater than 0`, this.pos(node));
    }
    return { kind: 'MatrixSelector', selector: inner, rangeMs, pos: { start: inner.pos.start, end: node.to } };
  }

  private subquery(node: SyntaxNode, inner: Expr): Expr {
    const durations = node.getChildren('DurationExpr');
    const rangeMs = this.durationMs(durations[0], node);
    const stepMs = durations[1] ? this.durationMs(durations[1], node) : undefined;
    const t = typeOf(inner);
    if (t !== 'vector') {
      throw new ParseFailure(`subquery is only allowed on instant vector, got ${documentedType(t)} instead`, inner.pos);
    }
    if (rangeMs <= 0) {
      throw new ParseFailure('duration must be greater than 0', this.pos(node));
    }
    if (stepMs !== undefined && stepMs <= 0) {
      throw new ParseFailure('step must be greater than 0', this.pos(node));
    }
    return {
      kind: 'SubqueryExpr',
      expr: inner,
      rangeMs,
      stepMs,
      offsetMs: 0,
      pos: { start: inner.pos.start, end: node.to },
    };
  }

  private offset(node: SyntaxNode, inner: Expr): Expr {
    const durationNode = node.getChild('OffsetDurationExpr');
    const ms = this.offsetMs(durationNode, node);
    const target = inner.kind === 'MatrixSelector' ? inner.selector : inner;
    if (target.kind !== 'VectorSelector' && target.kind !== 'SubqueryExpr') {
      throw new ParseFailure(
        'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        this.pos(node),
      );
    }
    if (target.offsetMs !== 0) {
      throw new ParseFailure('offset may not be set multiple times', this.pos(node));
    }
    target.offsetMs = ms;
    return { ...inner, pos: { start: inner.pos.start, end: node.to } } as Expr;
  }

  private offsetMs(node: SyntaxNode | null, parent: SyntaxNode): number {
    if (!node) {
      throw new ParseFailure('unexpected end of input', this.pos(parent));
    }
    const unary = node.getChild('UnaryOp');
    const nested = node.getChild('OffsetDurationExpr');
    if (unary && nested) {
      const sign = this.text(unary) === '-' ? -1 : 1;
      return sign * this.offsetMs(nested, parent);
    }
    return Math.round(this.durationSeconds(node, false) * 1000);
  }

  private at(node: SyntaxNode, inner: Expr): Expr {
    let at: AtModifier;
    const preprocessor = node.getChild('AtModifierPreprocessors');
    if (preprocessor) {
      at = { kind: preprocessor.getChild('AtStart') ? 'start' : 'end' };
    } else {
      const literal = node.getChild('NumberDurationLiteral');
      const seconds = literal ? parseNumber(this.text(literal)) : undefined;
      if (seconds === undefined || !Number.isFinite(seconds)) {
        throw new ParseFailure(`timestamp out of bounds for @ modifier: ${seconds}`, this.pos(node));
      }
      at = { kind: 'timestamp', ms: Math.round(seconds * 1000) };
    }
    const target = inner.kind === 'MatrixSelector' ? inner.selector : inner;
    if (target.kind !== 'VectorSelector' && target.kind !== 'SubqueryExpr') {
      throw new ParseFailure(
        '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        this.pos(node),
      );
    }
    if (target.at) {
      throw new ParseFailure('@ <timestamp> may not be set multiple times', this.pos(node));
    }
    target.at = at;
    return { ...inner, pos: { start: inner.pos.start, end: node.to } } as Expr;
  }

  private durationMs(node: SyntaxNode | null | undefined, parent: SyntaxNode): number {
    if (!node) {
      throw new ParseFailure('unexpected end of input', this.pos(parent));
    }
    return Math.round(this.durationSeconds(node, true) * 1000);
  }

  /** Evaluates a duration expression to seconds (plain numbers are seconds). */
  durationSeconds(node: SyntaxNode, allowArithmetic: boolean): number {
    const children: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      children.push(c);
    }
    const names = children.map((c) => c.name);
    if (node.name === 'NumberDurationLiteralInDurationContext') {
      const value = parseNumber(this.text(node));
      if (value === undefined) {
        throw new ParseFailure(`bad number or duration syntax: ${JSON.stringify(this.text(node))}`, this.pos(node));
      }
      return value;
    }
    const literal = children.find((c) => c.name === 'NumberDurationLiteralInDurationContext');
    if (literal && children.length === 1) {
      return this.durationSeconds(literal, allowArithmetic);
    }
    const sub = children.filter((c) => c.name === 'DurationExpr' || c.name === 'OffsetDurationExpr');
    if (names[0] === 'UnaryOp' && sub.length === 1) {
      const v = this.durationSeconds(sub[0], allowArithmetic);
      return this.text(children[0]) === '-' ? -v : v;
    }
    if (names[0] === 'DurationMinOf' || names[0] === 'DurationMaxOf') {
      const [a, b] = sub.map((c) => this.durationSeconds(c, allowArithmetic));
      if (Number.isNaN(a) || Number.isNaN(b)) {
        return NaN;
      }
      return names[0] === 'DurationMinOf' ? Math.min(a, b) : Math.max(a, b);
    }
    if (names[0] === 'DurationStep' || names[0] === 'DurationRange') {
      throw new ParseFailure(`${this.text(children[0])}() in durations is not supported`, this.pos(node));
    }
    if (sub.length === 1) {
      return this.durationSeconds(sub[0], allowArithmetic);
    }
    if (sub.length === 2) {
      const opNode = children.find((c) => ['Pow', 'Mul', 'Div', 'Mod', 'Add', 'Sub'].includes(c.name));
      const a = this.durationSeconds(sub[0], allowArithmetic);
      const b = this.durationSeconds(sub[1], allowArithmetic);
      switch (opNode?.name) {
        case 'Add':
          return a + b;
        case 'Sub':
          return a - b;
        case 'Mul':
          return a * b;
        case 'Div':
          if (b === 0) {
            throw new ParseFailure('division by zero', this.pos(node));
          }
          return a / b;
        case 'Mod':
          return a % b;
        case 'Pow':
          return a ** b;
      }
    }
    throw new ParseFailure(`unexpected duration expression ${JSON.stringify(this.text(node))}`, this.pos(node));
  }

  private unary(node: SyntaxNode): Expr {
    const opNode = node.getChild('UnaryOp');
    const op = opNode && this.text(opNode) === '-' ? '-' : '+';
    const inner = this.convert(this.onlyExpr(node));
    this.checkUnary(inner, this.pos(node));
    if (inner.kind === 'NumberLiteral') {
      return { kind: 'NumberLiteral', value: op === '-' ? -inner.value : inner.value, pos: this.pos(node) };
    }
    return { kind: 'UnaryExpr', op, expr: inner, pos: this.pos(node) };
  }

  private checkUnary(inner: Expr, pos: PositionRange): void {
    const t = typeOf(inner);
    if (t !== 'scalar' && t !== 'vector') {
      throw new ParseFailure(
        `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`,
        pos,
      );
    }
  }

  private binary(node: SyntaxNode): Expr {
    const [lhsNode, rhsNode] = exprChildren(node);
    let op: BinaryOp | undefined;
    let opNode: SyntaxNode | undefined;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name in BINARY_OPS) {
        op = BINARY_OPS[c.name];
        opNode = c;
        break;
      }
      if (c.name === 'TrimUpper' || c.name === 'TrimLower') {
        throw new ParseFailure(`operator ${JSON.stringify(this.text(c))} is not supported`, this.pos(c));
      }
    }
    if (!lhsNode || !rhsNode || !op || !opNode) {
      throw new ParseFailure('unexpected end of input', this.pos(node));
    }
    const lhs = this.convert(lhsNode);
    const rhs = this.convert(rhsNode);
    const opRange = { start: opNode.from, end: opNode.to };
    const returnBool = node.getChild('BoolModifier') !== null;
    if (node.getChild('FillModifier')) {
      throw new ParseFailure('fill modifiers are not supported', opRange);
    }
    const matching = this.matching(node.getChild('MatchingModifierClause'));
    if (isSetOp(op) && matching.card === 'one-to-one') {
      matching.card = 'many-to-many';
    }
    const expr: BinaryExpr = { kind: 'BinaryExpr', op, lhs, rhs, returnBool, matching, pos: this.pos(node) };
    this.checkBinary(expr, opRange);
    return expr;
  }

  private checkBinary(expr: BinaryExpr, opRange: PositionRange): void {
    const { op, lhs, rhs, returnBool, pos } = expr;
    const matching = expr.matching ?? { card: 'one-to-one', on: false, labels: [], include: [] };
    if (returnBool && !isComparisonOp(op)) {
      throw new ParseFailure('bool modifier can only be used on comparison operators', opRange);
    }
    const lt = typeOf(lhs);
    const rt = typeOf(rhs);
    if (isComparisonOp(op) && !returnBool && lt === 'scalar' && rt === 'scalar') {
      throw new ParseFailure('comparisons between scalars must use BOOL modifier', opRange);
    }
    if (matching.on) {
      const clash = matching.labels.find((l) => matching.include.includes(l));
      if (clash !== undefined) {
        throw new ParseFailure(`label ${JSON.stringify(clash)} must not occur in ON and GROUP clause at once`, opRange);
      }
    }
    if (lt !== 'scalar' && lt !== 'vector') {
      throw new ParseFailure('binary expression must contain only scalar and instant vector types', lhs.pos);
    }
    if (rt !== 'scalar' && rt !== 'vector') {
      throw new ParseFailure('binary expression must contain only scalar and instant vector types', rhs.pos);
    }
    const bothVectors = lt === 'vector' && rt === 'vector';
    if (
      !bothVectors &&
      (matching.labels.length > 0 || matching.card === 'many-to-one' || matching.card === 'one-to-many')
    ) {
      throw new ParseFailure('vector matching only allowed between instant vectors', pos);
    }
    if (bothVectors && isSetOp(op) && (matching.card === 'one-to-many' || matching.card === 'many-to-one')) {
      throw new ParseFailure(`no grouping allowed for ${JSON.stringify(op)} operation`, pos);
    }
    if ((lt === 'scalar' || rt === 'scalar') && isSetOp(op)) {
      throw new ParseFailure(`set operator ${JSON.stringify(op)} not allowed in binary scalar expression`, pos);
    }
    if (!bothVectors) {
      delete expr.matching;
    }
  }

  private matching(clause: SyntaxNode | null): VectorMatching {
    const matching: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };
    if (!clause) {
      return matching;
    }
    matching.on = clause.getChild('On') !== null;
    const groups = clause.getChildren('GroupingLabels');
    matching.labels = this.groupingLabels(groups[0]);
    if (clause.getChild('GroupLeft')) {
      matching.card = 'many-to-one';
    } else if (clause.getChild('GroupRight')) {
      matching.card = 'one-to-many';
    }
    if (groups[1]) {
      matching.include = this.groupingLabels(groups[1]);
    }
    return matching;
  }

  private groupingLabels(node: SyntaxNode | undefined): string[] {
    const labels: string[] = [];
    for (let c = node?.firstChild; c; c = c.nextSibling) {
      if (c.name === 'LabelName') {
        labels.push(this.text(c));
      } else if (c.name === 'QuotedLabelName') {
        labels.push(this.string(c.getChild('StringLiteral') ?? c));
      }
    }
    return labels;
  }

  private aggregate(node: SyntaxNode): AggregateExpr {
    const opNode = node.getChild('AggregateOp');
    const op = (opNode ? this.text(opNode).toLowerCase() : '') as AggregateOp;
    const modifier = node.getChild('AggregateModifier');
    const without = modifier?.getChild('Without') !== null && modifier !== null;
    const grouping = modifier ? this.groupingLabels(modifier.getChild('GroupingLabels') ?? undefined) : [];
    const body = node.getChild('FunctionCallBody');
    const args = body ? exprChildren(body).map((c) => this.convert(c)) : [];
    const pos = this.pos(node);
    if (args.length === 0) {
      throw new ParseFailure('no arguments for aggregate expression provided', pos);
    }
    const desired = PARAM_AGGREGATIONS.includes(op) ? 2 : 1;
    if (args.length !== desired) {
      throw new ParseFailure(
        `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`,
        pos,
      );
    }
    const expr = args[desired - 1];
    const param = desired === 2 ? args[0] : undefined;
    expectType(expr, 'vector', 'aggregation expression');
    if (param) {
      expectType(param, op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
    }
    return { kind: 'AggregateExpr', op, expr, param, grouping, without, pos };
  }

  private call(node: SyntaxNode): Expr {
    const idNode = node.getChild('FunctionIdentifier');
    const name = idNode ? this.text(idNode) : '';
    const signature = FUNCTIONS.get(name);
    const pos = this.pos(node);
    if (!signature) {
      throw new ParseFailure(`unknown function with name ${JSON.stringify(name)}`, pos);
    }
    const body = node.getChild('FunctionCallBody');
    const args = body ? exprChildren(body).map((c) => this.convert(c)) : [];
    const nargs = signature.argTypes.length;
    if (signature.variadic === 0) {
      if (nargs !== args.length) {
        throw new ParseFailure(
          `expected ${nargs} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
          pos,
        );
      }
    } else {
      const min = nargs - 1;
      if (min > args.length) {
        throw new ParseFailure(
          `expected at least ${min} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
          pos,
        );
      }
      const max = min + signature.variadic;
      if (signature.variadic > 0 && max < args.length) {
        throw new ParseFailure(
          `expected at most ${max} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
          pos,
        );
      }
    }
    args.forEach((arg, i) => {
      const want = signature.argTypes[Math.min(i, nargs - 1)];
      expectType(arg, want, `call to function ${JSON.stringify(name)}`);
    });
    return { kind: 'Call', func: name, args, pos };
  }
}

function expectType(expr: Expr, want: ValueType, context: string): void {
  const have = typeOf(expr);
  if (have !== want) {
    throw new ParseFailure(
      `expected type ${documentedType(want)} in ${context}, got ${documentedType(have)}`,
      expr.pos,
    );
  }
}

function exprChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.type.is('Expr')) {
      out.push(c);
    }
  }
  return out;
}

// Prometheus accepts `2.` as a number; the Lezer grammar wants digits after the dot. Blanking such a dot
// (outside string literals) keeps every offset and the value.
function blankTrailingDots(query: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (quote) {
      if (ch === '\\' && quote !== '`') {
        out += ch + (query[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) {
        quote = undefined;
      }
      out += ch;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      out += ch;
      continue;
    }
    const trailingDot =
      ch === '.' && !/[\d\w]/.test(query[i + 1] ?? '') && /(^|[^\w.])\d+$/.test(query.slice(Math.max(0, i - 64), i));
    out += trailingDot ? ' ' : ch;
  }
  return out;
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  const cursor = node.cursor();
  do {
    if (cursor.type.isError) {
      return cursor.node;
    }
  } while (cursor.next());
  return undefined;
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.type) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return compileAnchoredRegex(m.value).test('');
    case '!~':
      return !compileAnchoredRegex(m.value).test('');
  }
}
