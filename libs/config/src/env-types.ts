import { z } from 'zod';
import { markSecret } from './secret-registry';

// Environment values are strings. These helpers parse them and, for values that are not secret,
// name the offending value in the message so a bad deployment is obvious from the first line.

function quoted(raw: string): string {
  return JSON.stringify(raw);
}

function range(min: number, max: number | undefined): string {
  return max === undefined ? `>= ${min}` : `${min}..${max}`;
}

export function envInteger(options: { min?: number; max?: number } = {}) {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const { max } = options;
  return z.string().transform((raw, ctx) => {
    const value = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
      ctx.addIssue({ code: 'custom', message: `expected an integer ${range(min, max)}, got ${quoted(raw)}` });
      return z.NEVER;
    }
    return value;
  });
}

/** Only the four unambiguous spellings: a typo such as `ture` must stop the boot, not read as false. */
export function envBoolean() {
  return z.string().transform((raw, ctx) => {
    switch (raw) {
      case 'true':
      case '1':
        return true;
      case 'false':
      case '0':
        return false;
      default:
        ctx.addIssue({ code: 'custom', message: `expected true, false, 1 or 0, got ${quoted(raw)}` });
        return z.NEVER;
    }
  });
}

export function envEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((raw, ctx): T[number] => {
    if ((values as readonly string[]).includes(raw)) {
      return raw as T[number];
    }
    ctx.addIssue({ code: 'custom', message: `expected one of ${values.join('|')}, got ${quoted(raw)}` });
    return z.NEVER;
  });
}

/** Comma-separated list; blanks around entries and empty entries are ignored. */
export function envList(options: { item?: RegExp; itemName?: string } = {}) {
  const itemName = options.itemName ?? 'entry';
  return z.string().transform((raw, ctx) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const bad = options.item === undefined ? [] : items.filter((item) => !options.item?.test(item));
    if (items.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a comma-separated list of ${itemName}, got ${quoted(raw)}`,
      });
      return z.NEVER;
    }
    return items;
  });
}

/**
 * A URL with one of the given protocols. The value is never echoed: connection URLs carry passwords.
 */
export function envUrl(protocols: readonly [string, ...string[]]) {
  const expected = protocols.map((p) => `${p}://`).join(' or ');
  return z.string().superRefine((raw, ctx) => {
    const url = URL.parse(raw);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: `expected a ${expected} URL, got something that is not a URL` });
    } else if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
      ctx.addIssue({ code: 'custom', message: `expected a ${expected} URL, got a ${url.protocol}// URL` });
    }
  });
}

/** A secret string: never shown in errors, in `describeConfig` defaults, or anywhere else. */
export function envSecret(options: { minLength?: number } = {}) {
  const minLength = options.minLength ?? 1;
  return markSecret(z.string().min(minLength, { error: `must be at least ${minLength} characters` }));
}
