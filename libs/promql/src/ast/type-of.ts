import type { Expr, ValueType } from './ast';
import { FUNCTIONS } from './functions';

/** The value type an expression evaluates to. */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'UnaryExpr':
    case 'ParenExpr':
      return typeOf(expr.expr);
    case 'BinaryExpr':
      return typeOf(expr.lhs) === 'vector' || typeOf(expr.rhs) === 'vector' ? 'vector' : 'scalar';
    case 'Call':
      return FUNCTIONS.get(expr.func)?.returnType ?? 'vector';
  }
}
