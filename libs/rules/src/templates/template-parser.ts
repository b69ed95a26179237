import type { Arg, Command, Pipeline, TemplateNode } from './template-ast';

/** A template syntax error, with Go's wording and the 1-based line/column inside the template text. */
export class TemplateParseError extends Error {
  constructor(
    readonly templateName: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`template: ${templateName}:${line}: ${reason}`);
    this.name = 'TemplateParseError';
  }
}

type Tok =
  | { t: 'ident' | 'var' | 'field' | 'string' | 'number' | 'char'; v: string; pos: number }
  | { t: '|' | '(' | ')' | ':=' | '=' | ',' | 'end' | 'eof'; v: string; pos: number };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

/** Parses Go text/template source; `isFunction` says which function names exist (checked at parse time, as Go does). */
export class TemplateParser {
  private pos = 0;
  private toks: Tok[] = [];
  private ti = 0;
  private vars: string[][] = [];
  private rangeDepth = 0;

  constructor(
    private readonly src: string,
    private readonly name: string,
    private readonly isFunction: (name: string) => boolean,
    predeclared: readonly string[],
  ) {
    this.vars.push(['$', ...predeclared]);
  }

  parse(): TemplateNode[] {
    const { list, stop } = this.parseList();
    if (stop !== 'eof') {
      this.fail(this.actionPos, `unexpected {{${stop}}}`);
    }
    return list;
  }

  private actionPos = 0;

  private fail(pos: number, reason: string): never {
    const before = this.src.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    throw new TemplateParseError(this.name, line, column, reason);
  }

  // Reads text and actions until {{end}}, {{else}} or the end of input.
  private parseList(): { list: TemplateNode[]; stop: 'eof' | 'end' | 'else' } {
    const list: TemplateNode[] = [];
    for (;;) {
      const open = this.src.indexOf('{{', this.pos);
      let text = this.src.slice(this.pos, open === -1 ? undefined : open);
      if (open !== -1 && this.src.startsWith('{{- ', open)) {
        text = text.replace(/\s+$/, '');
      }
      if (text !== '') {
        list.push({ kind: 'text', text });
      }
      if (open === -1) {
        this.pos = this.src.length;
        return { list, stop: 'eof' };
      }
      this.actionPos = open;
      this.lexAction(open);
      const first = this.peek();
      if (first.t === 'ident' && (first.v === 'end' || first.v === 'else')) {
        return { list, stop: first.v };
      }
      const node = this.parseAction();
      if (node) {
        list.push(node);
      }
    }
  }

  // Tokenizes one {{ ... }} action and moves pos past it (applying the right trim marker).
  private lexAction(open: number): void {
    let i = open + 2;
    if (this.src.startsWith('- ', i) || this.src.startsWith('-\t', i) || this.src.startsWith('-\n', i)) {
      i += 1;
    }
    const toks: Tok[] = [];
    const src = this.src;
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) {
        if (src.startsWith('-}}', i + 1)) {
          break;
        }
        i++;
      }
      if (i >= src.length) {
        this.fail(open, 'unclosed action');
      }
      if (/\s/.test(src[i]) && src.startsWith('-}}', i + 1)) {
        i += 4;
        this.pos = i;
        while (this.pos < src.length && /\s/.test(src[this.pos])) {
          this.pos++;
        }
        break;
      }
      if (src.startsWith('}}', i)) {
        this.pos = i + 2;
        break;
      }
      if (src.startsWith('/*', i)) {
        const close = src.indexOf('*/', i + 2);
        if (close === -1) {
          this.fail(i, 'unclosed comment');
        }
        i = close + 2;
        continue;
      }
      const start = i;
      const c = src[i];
      if (c === '|' || c === '(' || c === ')' || c === ',' || c === '=') {
        toks.push({ t: c, v: c, pos: start });
        i++;
      } else if (src.startsWith(':=', i)) {
        toks.push({ t: ':=', v: ':=', pos: start });
        i += 2;
      } else if (c === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '\n') {
            this.fail(start, 'unterminated quoted string');
          }
          i += src[i] === '\\' ? 2 : 1;
        }
        if (i >= src.length) {
          this.fail(start, 'unterminated quoted string');
        }
        i++;
        toks.push({ t: 'string', v: this.unquote(src.slice(start, i), start), pos: start });
      } else if (c === '`') {
        const close = src.indexOf('`', i + 1);
        if (close === -1) {
          this.fail(start, 'unterminated raw quoted string');
        }
        toks.push({ t: 'string', v: src.slice(i + 1, close), pos: start });
        i = close + 1;
      } else if (c === '$' || c === '.' || /[A-Za-z_]/.test(c)) {
        const m = (
          c === '$' ? /^\$[A-Za-z_0-9]*/ : c === '.' ? /^\.(?:[A-Za-z_][A-Za-z_0-9]*)?/ : /^[A-Za-z_][A-Za-z_0-9]*/
        ).exec(src.slice(i));
        const word = m ? m[0] : c;
        i += word.length;
        toks.push({ t: c === '$' ? 'var' : c === '.' ? 'field' : 'ident', v: word, pos: start });
      } else if (/[-+0-9]/.test(c)) {
        const m = /^[-+]?(0[xX][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]+(?:[eE][-+]?[0-9]+)?)/.exec(src.slice(i));
        if (!m) {
          this.fail(start, `bad character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
        }
        toks.push({ t: 'number', v: m[0], pos: start });
        i += m[0].length;
      } else {
        this.fail(start, `unexpected "${c}" in command`);
      }
    }
    toks.push({ t: 'end', v: '}}', pos: i });
    this.toks = toks;
    this.ti = 0;
  }

  private unquote(quoted: string, pos: number): string {
    try {
      return JSON.parse(quoted.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')) as string;
    } catch {
      this.fail(pos, `bad quoted string ${quoted}`);
    }
  }

  private peek(): Tok {
    return this.toks[this.ti];
  }

  private next(): Tok {
    return this.toks[this.ti++];
  }

  private expectEnd(context: string): void {
    const t = this.next();
    if (t.t !== 'end') {
      this.fail(t.pos, `unexpected ${JSON.stringify(t.v)} in ${context}`);
    }
  }

  private parseAction(): TemplateNode | null {
    const first = this.peek();
    if (first.t === 'end') {
      // A comment-only action produces nothing; an empty one is an error.
      return this.src.slice(this.actionPos, this.pos).includes('/*')
        ? null
        : this.fail(first.pos, 'missing value for command');
    }
    if (first.t === 'ident' && KEYWORDS.has(first.v)) {
      this.next();
      switch (first.v) {
        case 'if':
        case 'with':
        case 'range':
          return this.parseControl(first.v, first.pos);
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) {
            this.fail(first.pos, `{{${first.v}}} outside {{range}}`);
          }
          this.expectEnd(first.v);
          return { kind: first.v, pos: first.pos };
        default:
          this.fail(first.pos, `{{${first.v}}} is not supported in alert templates`);
      }
    }
    const pipe = this.parsePipeline('command', true);
    this.expectEnd('command');
    return { kind: 'action', pipe, pos: first.pos };
  }

  private parseControl(kind: 'if' | 'with' | 'range', pos: number): TemplateNode {
    this.vars.push([...this.vars[this.vars.length - 1]]);
    const pipe = this.parsePipeline(kind, true);
    this.expectEnd(kind);
    if (kind === 'range') {
      this.rangeDepth++;
    }
    const body = this.parseList();
    if (kind === 'range') {
      this.rangeDepth--;
    }
    let elseList: TemplateNode[] | null = null;
    if (body.stop === 'eof') {
      this.fail(this.src.length, 'unexpected EOF');
    }
    if (body.stop === 'else') {
      this.next();
      const t = this.peek();
      if (t.t === 'ident' && (t.v === 'if' || t.v === 'with') && kind === t.v) {
        // {{else if ...}} is an if nested in the else branch sharing this one's {{end}}.
        this.next();
        elseList = [this.parseControl(t.v, t.pos)];
        this.vars.pop();
        return { kind, pipe, list: body.list, elseList, pos };
      }
      this.expectEnd('else');
      const rest = this.parseList();
      if (rest.stop !== 'end') {
        this.fail(this.src.length, rest.stop === 'eof' ? 'unexpected EOF' : 'expected end; found {{else}}');
      }
      elseList = rest.list;
    }
    this.next();
    this.expectEnd('end');
    this.vars.pop();
    return { kind, pipe, list: body.list, elseList, pos };
  }

  private scope(): string[] {
    return this.vars[this.vars.length - 1];
  }

  private parsePipeline(context: string, allowDecl: boolean): Pipeline {
    const pos = this.peek().pos;
    const decl: string[] = [];
    let assign = false;
    const t0 = this.toks[this.ti];
    const t1 = this.toks[this.ti + 1];
    const t2 = this.toks[this.ti + 2];
    const t3 = this.toks[this.ti + 3];
    if (allowDecl && t0.t === 'var' && (t1.t === ':=' || t1.t === '=')) {
      decl.push(t0.v);
      assign = t1.t === '=';
      this.ti += 2;
    } else if (
      allowDecl &&
      context === 'range' &&
      t0.t === 'var' &&
      t1.t === ',' &&
      t2?.t === 'var' &&
      t3?.t === ':='
    ) {
      decl.push(t0.v, t2.v);
      this.ti += 4;
    }
    if (assign && !this.scope().includes(decl[0])) {
      this.fail(t0.pos, `undefined variable "${decl[0]}"`);
    }
    const cmds: Command[] = [];
    for (;;) {
      cmds.push(this.parseCommand());
      if (this.peek().t !== '|') {
        break;
      }
      this.next();
    }
    if (!assign) {
      this.scope().push(...decl);
    }
    return { decl, assign, cmds, pos };
  }

  private parseCommand(): Command {
    const pos = this.peek().pos;
    const args: Arg[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'end' || t.t === '|' || t.t === ')') {
        break;
      }
      args.push(this.parseOperand());
    }
    if (args.length === 0) {
      this.fail(this.peek().pos, 'missing value for command');
    }
    return { args, pos };
  }

  private parseFieldChain(): string[] {
    const names: string[] = [];
    while (this.peek().t === 'field' && this.peek().v !== '.' && this.toks[this.ti].pos === this.lastEnd) {
      const f = this.next();
      names.push(f.v.slice(1));
      this.lastEnd = f.pos + f.v.length;
    }
    return names;
  }

  private lastEnd = -1;

  private parseOperand(): Arg {
    const t = this.next();
    this.lastEnd = t.pos + t.v.length;
    switch (t.t) {
      case 'var': {
        if (!this.scope().includes(t.v)) {
          this.fail(t.pos, `undefined variable "${t.v}"`);
        }
        return { kind: 'variable', name: t.v, names: this.parseFieldChain(), pos: t.pos };
      }
      case 'field': {
        if (t.v === '.') {
          return { kind: 'dot', pos: t.pos };
        }
        return { kind: 'field', receiver: null, names: [t.v.slice(1), ...this.parseFieldChain()], pos: t.pos };
      }
      case 'string':
        this.lastEnd = -1;
        return { kind: 'literal', value: t.v, pos: t.pos };
      case 'number':
        return { kind: 'literal', value: this.number(t.v, t.pos), pos: t.pos };
      case 'ident':
        if (t.v === 'true' || t.v === 'false') {
          return { kind: 'literal', value: t.v === 'true', pos: t.pos };
        }
        if (t.v === 'nil') {
          return { kind: 'literal', value: null, pos: t.pos };
        }
        if (!this.isFunction(t.v)) {
          this.fail(t.pos, `function "${t.v}" not defined`);
        }
        return { kind: 'function', name: t.v, pos: t.pos };
      case '(': {
        const pipe = this.parsePipeline('parenthesized pipeline', false);
        const close = this.next();
        if (close.t !== ')') {
          this.fail(close.pos, 'unclosed left paren');
        }
        this.lastEnd = close.pos + 1;
        return { kind: 'pipe', pipe, names: this.parseFieldChain(), pos: t.pos };
      }
      default:
        this.fail(t.pos, `unexpected ${JSON.stringify(t.v)} in operand`);
    }
  }

  private number(text: string, pos: number): number | bigint {
    const clean = text.replace(/_/g, '');
    if (/^[-+]?(0[xX][0-9a-fA-F]+|\d+)$/.test(clean)) {
      const neg = clean.startsWith('-');
      const body = clean.replace(/^[-+]/, '');
      const v = BigInt(body);
      return neg ? -v : v;
    }
    const v = Number(clean);
    if (Number.isNaN(v)) {
      this.fail(pos, `bad number syntax: "${text}"`);
    }
    return v;
  }
}
