export type {
  AggregateExpr,
  AggregateOp,
  AtModifier,
  BinaryExpr,
  BinaryOp,
  Call,
  Expr,
  LabelMatcher,
  MatchType,
  MatrixSelector,
  NumberLiteral,
  ParenExpr,
  PositionRange,
  StringLiteral,
  SubqueryExpr,
  UnaryExpr,
  ValueType,
  VectorMatching,
  VectorSelector,
} from './ast/ast';
export { formatDuration, parseDuration } from './ast/duration';
export { typeOf } from './ast/type-of';
export { vectorSelectors } from './ast/vector-selectors';
export { parsePromQL, type ParseResult, type PromQLParseError } from './parser/parse';
export { evaluateInstant, evaluateRange } from './engine/engine';
export { MemorySeriesStore } from './engine/memory-store';
export { matchesAll } from './engine/matchers';
export { isStaleNaN, STALE_NAN } from './engine/stale';
export { formatGoFloat } from './engine/format';
export { fnv1a64Hex, labelsFingerprint } from './engine/fingerprint';
export {
  compileAnchoredGoRegex,
  GoRegexError,
  goRegexError,
  translateGoRegex,
  type GoRegexOptions,
} from './ast/go-regex';
export {
  type EngineOptions,
  type Labels,
  type MatrixSeries,
  PromQLError,
  type PromQLErrorKind,
  type QueryResult,
  type QueryValue,
  type Sample,
  type Series,
  type SeriesStore,
  type VectorSample,
} from './engine/types';
export {
  type AnnotationExpectation,
  type ClearCommand,
  type EvalCommand,
  type ExpectedSeries,
  type LoadCommand,
  parsePromqlTestFile,
  type TestCommand,
  type TestSeries,
} from './testing/test-file';
export { parseSeriesDescription, parseSeriesValues, type SeriesValue } from './testing/series-notation';
