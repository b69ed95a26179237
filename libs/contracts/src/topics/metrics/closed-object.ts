import { z } from 'zod';

/**
 * An object schema that refuses fields it does not know, one issue per field at the field's own path
 * (`samples[2].unit: unknown field`), so the dead-letter reason names it. zod's strict objects report
 * unknown keys at the parent's path instead.
 */
export function closedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = new Set(Object.keys(shape));
  return z
    .looseObject(shape)
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!known.has(key)) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'unknown field', input: value[key] });
        }
      }
    })
    .transform((value) => value as z.output<z.ZodObject<Shape>>);
}
