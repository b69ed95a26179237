import { createHash } from 'node:crypto';

const names = new Map<string, string>();

/**
 * A stable prepared-statement name for SQL text built at run time (a filter's shape): node-pg then parses it
 * once per connection and PostgreSQL may reuse its plan. Shapes are few (the text holds no values), so the map
 * stays small.
 */
export function statementName(prefix: string, text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `${prefix}_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}
