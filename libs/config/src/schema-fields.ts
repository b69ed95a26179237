import { z } from 'zod';
import { isMarkedSecret } from './secret-registry';

// Names that are secret whether or not the schema says so: a second guard against printing one.
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIALS)$/i;

export interface FieldInfo {
  readonly description: string | undefined;
  readonly secret: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly optional: boolean;
}

/** The schema and the wrappers around it, outermost first: default → optional → pipe → string … */
function chain(schema: z.ZodType): z.ZodType[] {
  const layers: z.ZodType[] = [];
  let current: z.ZodType | undefined = schema;
  while (current !== undefined) {
    layers.push(current);
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      current = undefined;
    }
  }
  return layers;
}

export function fieldInfo(name: string, schema: z.ZodType): FieldInfo {
  const layers = chain(schema);
  const withDefault = layers.find((layer) => layer instanceof z.ZodDefault || layer instanceof z.ZodPrefault);
  return {
    description: layers.find((layer) => layer.description !== undefined)?.description,
    secret: SECRET_NAME.test(name) || layers.some(isMarkedSecret),
    hasDefault: withDefault !== undefined,
    defaultValue: withDefault === undefined ? undefined : (withDefault.def as { defaultValue: unknown }).defaultValue,
    optional: schema.safeParse(undefined).success,
  };
}

export function shapeOf(schema: z.ZodObject): Record<string, z.ZodType> {
  return schema.shape as Record<string, z.ZodType>;
}
