import { randomBytes } from 'node:crypto';

/** A name no other test file uses: `<prefix>_<8 hex>` (lower case, safe as a schema, topic or key prefix). */
export function uniqueName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  return `${clean}_${randomBytes(4).toString('hex')}`;
}
