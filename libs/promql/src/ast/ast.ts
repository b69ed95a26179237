// The typed PromQL syntax tree. Positions are UTF-16 offsets into the query string, end exclusive.

export interface PositionRange {
  start: number;
  end: number;
}

export type ValueType = 'scalar' | 'string' | 'vector' | 'matrix';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  type: MatchType;
  value: string;
}

/** `@ <timestamp>` in milliseconds, or the query's start/end. */
export type AtModifier = { kind: 'timestamp'; ms: number } | { kind: 'start' } | { kind: 'end' };

export interface NumberLiteral {
  kind: 'NumberLiteral';
  value: number;
  pos: PositionRange;
}

export interface StringLiteral {
  kind: 'StringLiteral';
  value: string;
  pos: PositionRange;
}

export interface VectorSelector {
  kind: 'VectorSelector';
  /** The metric name when written before the braces (also present as a `__name__` matcher). */
  name?: string;
  matchers: LabelMatcher[];
  offsetMs: number;
  at?: AtModifier;
  pos: PositionRange;
}

export interface MatrixSelector {
  kind: 'MatrixSelector';
  selector: VectorSelector;
  rangeMs: number;
  pos: PositionRange;
}

export interface SubqueryExpr {
  kind: 'SubqueryExpr';
  expr: Expr;
  rangeMs: number;
  /** Undefined when omitted (`[5m:]`): the engine's default subquery step applies. */
  stepMs?: number;
  offsetMs: number;
  at?: AtModifier;
  pos: PositionRange;
}

export type UnaryOp = '-' | '+';

export interface UnaryExpr {
  kind: 'UnaryExpr';
  op: UnaryOp;
  expr: Expr;
  pos: PositionRange;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2';
export type ComparisonOp = '==' | '!=' | '>' | '<' | '>=' | '<=';
export type SetOp = 'and' | 'or' | 'unless';
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** True for `on(...)`, false for `ignoring(...)` (or no clause). */
  on: boolean;
  labels: string[];
  /** Extra labels copied from the "one" side by group_left/group_right. */
  include: string[];
}

export interface BinaryExpr {
  kind: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  /** Present when both sides are instant vectors. */
  matching?: VectorMatching;
  pos: PositionRange;
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'limitk'
  | 'limit_ratio';

export interface AggregateExpr {
  kind: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  param?: Expr;
  grouping: string[];
  without: boolean;
  pos: PositionRange;
}

export interface Call {
  kind: 'Call';
  func: string;
  args: Expr[];
  pos: PositionRange;
}

export interface ParenExpr {
  kind: 'ParenExpr';
  expr: Expr;
  pos: PositionRange;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call
  | ParenExpr;

export const COMPARISON_OPS: readonly string[] = ['==', '!=', '>', '<', '>=', '<='];
export const SET_OPS: readonly string[] = ['and', 'or', 'unless'];

export function isComparisonOp(op: BinaryOp): op is ComparisonOp {
  return COMPARISON_OPS.includes(op);
}

export function isSetOp(op: BinaryOp): op is SetOp {
  return SET_OPS.includes(op);
}
