import type { z } from 'zod';
import { fieldInfo, shapeOf } from './schema-fields';

export interface ConfigVariable {
  readonly name: string;
  /** True when the process cannot start without it: no default and not optional. */
  readonly required: boolean;
  /** The default as it would be written in the environment; never shown for secrets. */
  readonly default: string | undefined;
  readonly description: string;
  readonly secret: boolean;
}

/** The variables a config schema reads, for generated docs and `keel config`. */
export function describeConfig(schema: z.ZodObject): ConfigVariable[] {
  return Object.entries(shapeOf(schema)).map(([name, field]) => {
    const info = fieldInfo(name, field);
    return {
      name,
      required: !info.optional,
      default: info.hasDefault && !info.secret ? renderDefault(info.defaultValue) : undefined,
      description: info.description ?? '',
      secret: info.secret,
    };
  });
}

function renderDefault(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
