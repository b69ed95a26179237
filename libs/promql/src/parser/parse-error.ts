import type { PositionRange } from '../ast/ast';

/** Thrown inside the parser; parsePromQL turns it into its `{ ok: false }` result. */
export class ParseFailure extends Error {
  constructor(
    readonly reason: string,
    readonly position: PositionRange,
  ) {
    super(reason);
  }
}

/** Prometheus' wording: `<line>:<col>: parse error: <reason>` with a 1-based column. */
export function formatParseError(query: string, position: PositionRange, reason: string): string {
  const pos = position.start;
  if (pos < 0 || pos > query.length) {
    return `invalid position: parse error: ${reason}`;
  }
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < pos; i++) {
    if (query[i] === '\n') {
      line++;
      lastBreak = i;
    }
  }
  return `${line}:${pos - lastBreak}: parse error: ${reason}`;
}

/** `line:col` of an offset, as annotations print it. */
export function lineColumn(query: string, offset: number): string {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < Math.min(offset, query.length); i++) {
    if (query[i] === '\n') {
      line++;
      lastBreak = i;
    }
  }
  return `${line}:${offset - lastBreak}`;
}
