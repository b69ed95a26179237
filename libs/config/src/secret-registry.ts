import { z } from 'zod';

/**
 * Schemas whose values must never be printed. A registry rather than a flag on the schema so the mark
 * survives `.describe()` (zod clones the schema and the clone inherits its parent's registry entry).
 */
const secrets = z.registry<{ secret: true }>();

export function markSecret<S extends z.ZodType>(schema: S): S {
  secrets.add(schema, { secret: true });
  return schema;
}

export function isMarkedSecret(schema: z.ZodType): boolean {
  return secrets.get(schema)?.secret === true;
}
