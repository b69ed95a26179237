export type Arg =
  | { kind: 'dot'; pos: number }
  | { kind: 'field'; receiver: Arg | null; names: string[]; pos: number }
  | { kind: 'variable'; name: string; names: string[]; pos: number }
  | { kind: 'literal'; value: string | number | bigint | boolean | null; pos: number }
  | { kind: 'function'; name: string; pos: number }
  | { kind: 'pipe'; pipe: Pipeline; names: string[]; pos: number };

export interface Command {
  args: Arg[];
  pos: number;
}

export interface Pipeline {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline; pos: number }
  | {
      kind: 'if' | 'with' | 'range';
      pipe: Pipeline;
      list: TemplateNode[];
      elseList: TemplateNode[] | null;
      pos: number;
    }
  | { kind: 'break' | 'continue'; pos: number };
