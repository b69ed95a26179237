import type { Expr, VectorSelector } from './ast';

/** Every vector selector of an expression (those inside range selectors and subqueries included), in order. */
export function vectorSelectors(expr: Expr, out: VectorSelector[] = []): VectorSelector[] {
  switch (expr.kind) {
    case 'VectorSelector':
      out.push(expr);
      break;
    case 'MatrixSelector':
      out.push(expr.selector);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      vectorSelectors(expr.expr, out);
      break;
    case 'BinaryExpr':
      vectorSelectors(expr.lhs, out);
      vectorSelectors(expr.rhs, out);
      break;
    case 'AggregateExpr':
      vectorSelectors(expr.expr, out);
      if (expr.param) {
        vectorSelectors(expr.param, out);
      }
      break;
    case 'Call':
      expr.args.forEach((a) => vectorSelectors(a, out));
      break;
    default:
      break;
  }
  return out;
}
