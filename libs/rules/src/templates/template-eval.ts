import type { Arg, Command, Pipeline, TemplateNode } from './template-ast';
import { TEMPLATE_FUNCTIONS, type TemplateFunction } from './template-functions';
import { goPrint, isTrue, type TemplateValue } from './values';

type ControlNode = Extract<TemplateNode, { pipe: Pipeline; list: TemplateNode[] }>;

class BreakSignal {}
class ContinueSignal {}

/** Runs a parsed template; errors are thrown as Error with Go-like wording and caught by the caller. */
export class TemplateExecutor {
  private out = '';
  private readonly scopes: Map<string, TemplateValue>[] = [];

  constructor(
    private readonly name: string,
    private readonly src: string,
    private readonly functions: Readonly<Record<string, TemplateFunction>>,
  ) {}

  async run(nodes: TemplateNode[], dot: TemplateValue, vars: Record<string, TemplateValue>): Promise<string> {
    this.out = '';
    this.scopes.push(new Map([['$', dot], ...Object.entries(vars)]));
    await this.list(nodes, dot);
    return this.out;
  }

  private fail(pos: number, reason: string): never {
    const before = this.src.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n') - 1;
    throw new Error(`template: ${this.name}:${line}:${col}: executing "${this.name}": ${reason}`);
  }

  private lookup(name: string): TemplateValue {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].has(name)) {
        return this.scopes[i].get(name);
      }
    }
    return undefined;
  }

  private setVar(name: string, value: TemplateValue, assign: boolean): void {
    if (assign) {
      for (let i = this.scopes.length - 1; i >= 0; i--) {
        if (this.scopes[i].has(name)) {
          this.scopes[i].set(name, value);
          return;
        }
      }
    }
    this.scopes[this.scopes.length - 1].set(name, value);
  }

  private async list(nodes: TemplateNode[], dot: TemplateValue): Promise<void> {
    for (const node of nodes) {
      await this.node(node, dot);
    }
  }

  private async scoped(nodes: TemplateNode[], dot: TemplateValue): Promise<void> {
    this.scopes.push(new Map());
    try {
      await this.list(nodes, dot);
    } finally {
      this.scopes.pop();
    }
  }

  private async node(node: TemplateNode, dot: TemplateValue): Promise<void> {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = await this.pipeline(node.pipe, dot);
        if (node.pipe.decl.length === 0) {
          this.out += goPrint(v);
        }
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'if':
      case 'with': {
        this.scopes.push(new Map());
        try {
          const v = await this.pipeline(node.pipe, dot);
          if (isTrue(v)) {
            await this.scoped(node.list, node.kind === 'with' ? v : dot);
          } else if (node.elseList) {
            await this.scoped(node.elseList, dot);
          }
        } finally {
          this.scopes.pop();
        }
        return;
      }
      case 'range':
        return this.range(node, dot);
    }
  }

  private async range(node: ControlNode, dot: TemplateValue): Promise<void> {
    this.scopes.push(new Map());
    try {
      const pipe: Pipeline = { ...node.pipe, decl: [] };
      const v = await this.pipeline(pipe, dot);
      let entries: [TemplateValue, TemplateValue][];
      if (Array.isArray(v)) {
        entries = v.map((x, i) => [BigInt(i), x]);
      } else if (v && typeof v === 'object') {
        entries = Object.keys(v)
          .sort()
          .map((k) => [k, v[k]]);
      } else if (typeof v === 'bigint') {
        entries = Array.from({ length: Number(v) }, (_x, i) => [BigInt(i), BigInt(i)]);
      } else if (v === null || v === undefined) {
        entries = [];
      } else {
        this.fail(node.pos, `range can't iterate over ${goPrint(v)}`);
      }
      if (entries.length === 0) {
        if (node.elseList) {
          await this.scoped(node.elseList, dot);
        }
        return;
      }
      for (const [key, elem] of entries) {
        const decl = node.pipe.decl;
        if (decl.length === 1) {
          this.setVar(decl[0], elem, false);
        } else if (decl.length === 2) {
          this.setVar(decl[0], key, false);
          this.setVar(decl[1], elem, false);
        }
        try {
          await this.scoped(node.list, elem);
        } catch (e) {
          if (e instanceof BreakSignal) {
            break;
          }
          if (!(e instanceof ContinueSignal)) {
            throw e;
          }
        }
      }
    } finally {
      this.scopes.pop();
    }
  }

  private async pipeline(pipe: Pipeline, dot: TemplateValue): Promise<TemplateValue> {
    let value: TemplateValue;
    let piped = false;
    for (const cmd of pipe.cmds) {
      value = await this.command(cmd, dot, piped, value);
      piped = true;
    }
    for (const name of pipe.decl) {
      this.setVar(name, value, pipe.assign);
    }
    return value;
  }

  private async command(cmd: Command, dot: TemplateValue, piped: boolean, prev: TemplateValue): Promise<TemplateValue> {
    const [first, ...rest] = cmd.args;
    if (first.kind === 'function') {
      const args: TemplateValue[] = [];
      for (const a of rest) {
        args.push(await this.arg(a, dot));
      }
      if (piped) {
        args.push(prev);
      }
      const fn = this.functions[first.name];
      try {
        return await fn(...args);
      } catch (e) {
        this.fail(first.pos, `error calling ${first.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (rest.length > 0 || piped) {
      this.fail(first.pos, `can't give argument to non-function ${this.src.slice(first.pos).split(/[\s|)}]/)[0]}`);
    }
    return this.arg(first, dot);
  }

  private fields(base: TemplateValue, names: string[], pos: number): TemplateValue {
    let v = base;
    for (const name of names) {
      if (v === null || v === undefined) {
        this.fail(pos, `nil pointer evaluating interface {}.${name}`);
      }
      if (typeof v !== 'object' || Array.isArray(v)) {
        this.fail(pos, `can't evaluate field ${name} in type ${typeof v === 'string' ? 'string' : 'float64'}`);
      }
      // missingkey=zero, as Prometheus sets it: an absent label reads as "".
      v = name in v ? v[name] : '';
    }
    return v;
  }

  private async arg(a: Arg, dot: TemplateValue): Promise<TemplateValue> {
    switch (a.kind) {
      case 'dot':
        return dot;
      case 'literal':
        return a.value;
      case 'variable':
        return this.fields(this.lookup(a.name), a.names, a.pos);
      case 'field':
        return this.fields(dot, a.names, a.pos);
      case 'function': {
        try {
          return await this.functions[a.name]();
        } catch (e) {
          this.fail(a.pos, `error calling ${a.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      // falls through (unreachable: fail throws)
      case 'pipe':
        this.scopes.push(new Map());
        try {
          return this.fields(await this.pipeline(a.pipe, dot), a.names, a.pos);
        } finally {
          this.scopes.pop();
        }
    }
  }
}

export { TEMPLATE_FUNCTIONS };
