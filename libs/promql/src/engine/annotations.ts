import type { PositionRange } from '../ast/ast';
import { lineColumn } from '../parser/parse-error';

/** Warnings and infos, rendered as the Prometheus API renders them: `PromQL warning: <text> (<line>:<col>)`. */
export class Annotations {
  readonly warnings = new Set<string>();
  readonly infos = new Set<string>();

  constructor(private readonly query: string) {}

  private readonly positions = new Map<number, string>();

  warn(text: string, pos: PositionRange): void {
    this.warnings.add(`PromQL warning: ${text} (${this.position(pos)})`);
  }

  info(text: string, pos: PositionRange): void {
    this.infos.add(`PromQL info: ${text} (${this.position(pos)})`);
  }

  private position(pos: PositionRange): string {
    let text = this.positions.get(pos.start);
    if (text === undefined) {
      text = lineColumn(this.query, pos.start);
      this.positions.set(pos.start, text);
    }
    return text;
  }
}
