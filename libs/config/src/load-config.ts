import type { z } from 'zod';
import { ConfigError, type ConfigProblem, EX_CONFIG } from './config-error';
import { fieldInfo, shapeOf } from './schema-fields';

export type Env = Readonly<Record<string, string | undefined>>;

const REDACTED = '[redacted]';
const WHOLE_ENVIRONMENT = '(environment)';

/**
 * Validates the variables `schema` declares, once, at boot. An empty value counts as unset, so
 * `PORT=` in an env file falls back to the default or is reported as required.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env, appName?: string): z.output<S> {
  const shape = shapeOf(schema);
  const input: Record<string, string | undefined> = {};
  for (const name of Object.keys(shape)) {
    const value = env[name];
    input[name] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  throw new ConfigError(appName, problemsOf(shape, input, result.error.issues));
}

/** For `main.ts`: a bad environment ends the process with the list of problems and EX_CONFIG (78). */
export function loadConfigOrExit<S extends z.ZodObject>(
  schema: S,
  appName: string,
  env: Env = process.env,
): z.output<S> {
  try {
    return loadConfig(schema, env, appName);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return process.exit(EX_CONFIG);
    }
    throw error;
  }
}

function problemsOf(
  shape: Record<string, z.ZodType>,
  input: Record<string, string | undefined>,
  issues: readonly z.core.$ZodIssue[],
): ConfigProblem[] {
  const reasons = new Map<string, string[]>();
  for (const issue of issues) {
    const first = issue.path[0];
    const name = typeof first === 'string' && first in shape ? first : WHOLE_ENVIRONMENT;
    const reason = name !== WHOLE_ENVIRONMENT && input[name] === undefined ? 'required' : issue.message;
    const list = reasons.get(name) ?? [];
    if (!list.includes(reason)) {
      list.push(reason);
    }
    reasons.set(name, list);
  }

  const secretValues = Object.entries(shape)
    .filter(([name, field]) => fieldInfo(name, field).secret)
    .map(([name]) => input[name])
    .filter((value): value is string => value !== undefined);

  // Follow the schema's order so the message reads like the variable list in the docs.
  const names = [...Object.keys(shape), WHOLE_ENVIRONMENT].filter((name) => reasons.has(name));
  return names.map((name) => {
    const reason = redact((reasons.get(name) ?? []).join('; '), secretValues);
    const description = name === WHOLE_ENVIRONMENT ? undefined : fieldInfo(name, shape[name] as z.ZodType).description;
    return description === undefined ? { name, reason } : { name, reason, description };
  });
}

// Shorter values would blank out ordinary words of the message and are no secret anyway.
const MIN_REDACTED_LENGTH = 4;

function redact(text: string, secretValues: readonly string[]): string {
  let out = text;
  for (const secret of secretValues.filter((value) => value.length >= MIN_REDACTED_LENGTH)) {
    out = out.split(JSON.stringify(secret)).join(REDACTED).split(secret).join(REDACTED);
  }
  return out;
}
