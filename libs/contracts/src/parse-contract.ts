import type { z } from 'zod';
import type { FastParse } from './topic-contract';

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Past this many issues the reason is cut short: it travels in a Kafka header and a log line. */
const MAX_REPORTED_ISSUES = 5;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Validates `value` against a topic or job contract. Never throws on bad input: a consumer uses the
 * reason to dead-letter the message and moves on. A contract's `fastParse` answers first when it has one;
 * whatever it does not vouch for goes through the schema, so reasons always come from the schema.
 */
export function parseContract<S extends z.ZodType>(
  contract: { readonly schema: S; readonly fastParse?: FastParse<z.output<S>> },
  value: unknown,
): ParseResult<z.output<S>> {
  const fast = contract.fastParse?.(value);
  if (fast !== undefined) {
    return fast;
  }
  const result = contract.schema.safeParse(value);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  return { ok: false, reason: summarizeIssues(result.error.issues) };
}

/** One line: `samples[3].name: must match …; source: required`. */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue)}`);
  const hidden = issues.length - MAX_REPORTED_ISSUES;
  if (hidden > 0) {
    lines.push(`(+${hidden} more)`);
  }
  return lines.join('; ');
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return '(root)';
  }
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (typeof segment === 'string' && IDENTIFIER.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // A missing field reads better as "required" than as zod's "expected string, received undefined".
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return 'required';
  }
  // Record keys: the useful message is the key schema's own, not zod's generic "Invalid key in record".
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    return issue.issues.map((inner) => oneLine(inner.message)).join(', ');
  }
  return oneLine(issue.message);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
