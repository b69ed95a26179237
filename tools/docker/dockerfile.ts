// A small Dockerfile reader for static checks: enough of the syntax to see stages, instructions and their
// flags (line continuations, comments, exec-form JSON). Not a full parser: heredocs and escape directives
// are not used in this repository.

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string;
  line: number;
}

export interface Stage {
  /** The image or earlier stage named by FROM. */
  base: string;
  name: string | undefined;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      const words = withoutFlags(instruction.args).split(/\s+/);
      const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ base: words[0] ?? '', name: asIndex > 0 ? words[asIndex + 1] : undefined, instructions: [] });
    } else {
      // Instructions before the first FROM (global ARGs) belong to no stage.
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1).trim() : line;
    pending = pending ?? { parts: [], line: index + 1 };
    pending.parts.push(part);
    if (continued) return;
    const joined = pending.parts.filter((p) => p !== '').join(' ');
    const match = /^(\S+)\s*(.*)$/s.exec(joined);
    if (match?.[1]) result.push({ keyword: match[1].toUpperCase(), args: match[2] ?? '', line: pending.line });
    pending = undefined;
  });
  return result;
}

/** The values of one `--name=value` flag of an instruction (COPY --from, --exclude, HEALTHCHECK --interval…). */
export function flagValues(instruction: Instruction, name: string): string[] {
  const values: string[] = [];
  for (const word of instruction.args.split(/\s+/)) {
    if (!word.startsWith('--')) break;
    const [flag, value] = word.slice(2).split(/=(.*)/s);
    if (flag === name) values.push(value ?? '');
  }
  return values;
}

export function withoutFlags(args: string): string {
  return args.replace(/^(--\S+\s+)*/, '').trim();
}

/** CMD, ENTRYPOINT and RUN as an argument vector: the JSON exec form as written, the shell form through sh -c. */
export function argv(args: string): string[] {
  const text = withoutFlags(args);
  if (text.startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    throw new Error(`exec form is not an array of strings: ${text}`);
  }
  return ['/bin/sh', '-c', text];
}

/** The variables a stage's ENV instructions set (`ENV A=1 B=2`, or the legacy `ENV A 1`). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    if (!/^\S+=/.test(args)) {
      const [key, ...value] = args.split(/\s+/);
      if (key) env[key] = value.join(' ');
      continue;
    }
    for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
      const value = match[2] ?? '';
      env[match[1] ?? ''] = value.startsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return env;
}
