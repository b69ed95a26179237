import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { isCalendarDate } from '../common/calendar-date';
import { SERVICE_NAME } from '../common/names';
import { outline } from './runbook-markdown';
import { RunbookErrorCode, RunbookException } from './runbook.exception';
import type { Runbook, RunbookMetadata, RunbookParseResult, RunbookProblem } from './runbook.types';

const FIELDS = ['title', 'owner', 'alerts', 'services', 'incident_types', 'last_reviewed'] as const;
type Field = (typeof FIELDS)[number];

// Incident types have the shape of service names.
const INCIDENT_TYPE = SERVICE_NAME;
const PATH_SEGMENT = /^[A-Za-z0-9._-]+$/;
const TEXT_MAX = 200;

/** Why a runbook path is not acceptable, or null. Paths are relative, `/`-separated and end in `.md`. */
export function runbookPathProblem(path: string): string | null {
  if (!path.endsWith('.md')) return `runbook path "${path}" must end in .md`;
  if (path.startsWith('/')) return `runbook path "${path}" must be relative (no leading /)`;
  const segments = path.split('/');
  const bad = segments.find((s) => s === '.' || s === '..' || !PATH_SEGMENT.test(s));
  if (bad !== undefined) {
    return `runbook path "${path}" has an invalid segment "${bad}" (letters, digits, . _ -; no . or ..)`;
  }
  return null;
}

class FrontMatterReader {
  readonly problems: RunbookProblem[] = [];
  private readonly lines = new LineCounter();

  constructor(
    private readonly path: string,
    /** File line of the YAML's first line. */
    private readonly firstLine: number,
  ) {}

  problem(line: number, column: number, reason: string): void {
    this.problems.push({ path: this.path, line, column, reason, message: `${this.path}:${line}:${column}: ${reason}` });
  }

  at(node: Node | null | undefined, reason: string, fallbackLine = this.firstLine): void {
    if (node?.range) {
      const { line, col } = this.lines.linePos(node.range[0]);
      this.problem(this.firstLine + line - 1, col, reason);
    } else {
      this.problem(fallbackLine, 1, reason);
    }
  }

  read(yamlText: string, closingLine: number): RunbookMetadata | null {
    const doc = parseDocument(yamlText, { lineCounter: this.lines, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const [start] = e.linePos ?? [{ line: 1, col: 1 }];
        const reason = `invalid YAML in front matter: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
        this.problem(this.firstLine + start.line - 1, start.col, reason);
      }
      return null;
    }
    const root = doc.contents;
    if (!isMap(root)) {
      this.at(
        root,
        'front matter must be a mapping of fields (owner, alerts, services, incident_types, last_reviewed)',
      );
      return null;
    }
    const fields = new Map<Field, Node>();
    for (const pair of root.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(FIELDS as readonly string[]).includes(key)) {
        this.at(pair.key, `unknown field "${key}" (allowed: ${FIELDS.join(', ')})`);
        continue;
      }
      fields.set(key as Field, pair.value as Node);
    }
    const title = this.text(fields.get('title'), 'title', false);
    const owner = this.text(fields.get('owner'), 'owner', true, closingLine);
    const alerts = this.list(fields.get('alerts'), 'alerts', 'alert name', (v) =>
      v.length > TEXT_MAX ? `must have at most ${TEXT_MAX} characters` : null,
    );
    const services = this.list(fields.get('services'), 'services', 'service', (v) =>
      SERVICE_NAME.test(v) ? null : 'is not a valid service name (lower-case letters, digits, . _ -, at most 63)',
    );
    const incidentTypes = this.list(fields.get('incident_types'), 'incident_types', 'incident type', (v) =>
      INCIDENT_TYPE.test(v) ? null : 'is not a valid incident type (lower-case letters, digits, . _ -, at most 63)',
    );
    const lastReviewed = this.date(fields.get('last_reviewed'));
    if (this.problems.length > 0 || owner === null) return null;
    return { title, owner, alerts, services, incidentTypes, lastReviewed };
  }

  private text(node: Node | undefined, field: Field, required: boolean, closingLine = this.firstLine): string | null {
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required) this.problem(closingLine, 1, `field "${field}" is required`);
      return null;
    }
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.at(node, `field "${field}" must be text`);
      return null;
    }
    const value = node.value.trim();
    if (value === '' || value.length > TEXT_MAX) {
      this.at(node, `field "${field}" must have 1 to ${TEXT_MAX} characters, got ${value.length}`);
      return null;
    }
    return value;
  }

  private list(node: Node | undefined, field: Field, item: string, check: (value: string) => string | null): string[] {
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.at(
        node,
        `field "${field}" must be a list, e.g. [${item === 'alert name' ? 'HighErrorRate' : 'checkout-api'}]`,
      );
      return [];
    }
    const values: string[] = [];
    for (const entry of node.items as Node[]) {
      if (!isScalar(entry) || typeof entry.value !== 'string' || entry.value.trim() === '') {
        this.at(entry, `each entry of "${field}" must be a non-empty ${item}`);
        continue;
      }
      const value = entry.value.trim();
      const wrong = check(value);
      if (wrong !== null) {
        this.at(entry, `${item} "${value}" ${wrong}`);
      } else if (values.includes(value)) {
        this.at(entry, `${item} "${value}" is listed twice in "${field}"`);
      } else {
        values.push(value);
      }
    }
    return values;
  }

  private date(node: Node | undefined): string | null {
    if (node === undefined || (isScalar(node) && node.value === null)) return null;
    const value = isScalar(node) ? node.value : undefined;
    const text = typeof value === 'string' ? value.trim() : undefined;
    if (text === undefined || !isCalendarDate(text)) {
      const shown = isScalar(node) ? String(node.source ?? node.value) : 'a list or mapping';
      this.at(node, `field "last_reviewed" must be a calendar date YYYY-MM-DD, got ${shown}`);
      return null;
    }
    return text;
  }
}

/**
 * Reads a runbook file: YAML front matter between `---` lines, then Markdown.
 *
 * ```
 * ---
 * owner: team-database
 * alerts: [DatabaseConnectionPoolExhausted]
 * services: [checkout-api]
 * incident_types: [database]
 * last_reviewed: 2026-05-01
 * ---
 * # Connection pool exhausted
 * ```
 *
 * `owner` is required; lists default to empty; unknown fields, duplicates and malformed values are refused. Every
 * problem is reported at once, each with the file line and column.
 */
export function parseRunbook(path: string, content: string): RunbookParseResult {
  const pathProblem = runbookPathProblem(path);
  if (pathProblem !== null) {
    return {
      ok: false,
      problems: [{ path, line: 1, column: 1, reason: pathProblem, message: `${path}:1:1: ${pathProblem}` }],
    };
  }
  const reader = new FrontMatterReader(path, 2);
  const split = splitFrontMatter(content);
  if (split.kind === 'none') {
    reader.problem(1, 1, 'a runbook must start with YAML front matter: a line "---", the fields, and a closing "---"');
    return { ok: false, problems: reader.problems };
  }
  if (split.kind === 'unclosed') {
    reader.problem(1, 1, 'front matter is not closed: add a line "---" after the fields');
    return { ok: false, problems: reader.problems };
  }
  const metadata = reader.read(split.yaml, split.bodyLine - 1);
  if (metadata === null) return { ok: false, problems: reader.problems };
  const h1 = outline(split.body, split.bodyLine).headings.find((h) => h.level === 1 && h.text !== '');
  return {
    ok: true,
    runbook: { path, title: metadata.title ?? h1?.text ?? path, metadata, body: split.body, bodyLine: split.bodyLine },
  };
}

/** parseRunbook for a write: throws INVALID_RUNBOOK listing every problem. */
export function parseRunbookOrThrow(path: string, content: string): Runbook {
  const result = parseRunbook(path, content);
  if (result.ok) return result.runbook;
  throw new RunbookException(
    RunbookErrorCode.INVALID_RUNBOOK,
    `runbook is invalid: ${result.problems.map((p) => p.message).join('; ')}`,
  );
}

type FrontMatterSplit =
  | { kind: 'none'; body: string; bodyLine: number }
  | { kind: 'unclosed'; body: string; bodyLine: number }
  | { kind: 'ok'; yaml: string; body: string; bodyLine: number };

/**
 * Splits a file at its front matter (`---` first line, closed by `---` or `...`). Without valid fences the whole
 * file is the body, so the headings of a runbook with broken front matter can still be read.
 */
export function splitFrontMatter(content: string): FrontMatterSplit {
  const lines = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0].trimEnd() !== '---') return { kind: 'none', body: lines.join('\n'), bodyLine: 1 };
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (close < 0) return { kind: 'unclosed', body: lines.join('\n'), bodyLine: 1 };
  return {
    kind: 'ok',
    yaml: lines.slice(1, close).join('\n'),
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}
