import { z } from 'zod';

/**
 * A custom message for a bad value that leaves a missing one to zod's default, which parseContract
 * reports as `required`; a plain `error` string would also replace the missing-field message.
 */
export function whenPresent(message: string): (issue: { readonly input?: unknown }) => string | undefined {
  return (issue) => (issue.input === undefined ? undefined : message);
}

/** ISO 8601 date-time with `Z` or an offset, kept as a string so it round-trips through JSON unchanged. */
export const IsoDateTime = z.iso.datetime({ offset: true, error: whenPresent('must be an ISO 8601 date-time') });

export const IsoDate = z.iso.date({ error: whenPresent('must be an ISO 8601 date (YYYY-MM-DD)') });

export const Uuid = z.uuid({ error: whenPresent('must be a UUID') });

export const EventId = Uuid;

/** Same rule as @keel/context's sanitizer: ids travel in HTTP and Kafka headers. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const CorrelationId = z.string().regex(CORRELATION_ID_PATTERN, {
  error: 'must be 1..128 characters of [A-Za-z0-9._:-]',
});

/** Non-empty with no leading or trailing whitespace; producers trim, consumers do not guess. */
export const NonEmptyString = z
  .string()
  .min(1, { error: 'must not be empty' })
  .regex(/^\S(?:[\s\S]*\S)?$/, { error: 'must not start or end with whitespace' });

/** `YYYY-MM`, the period of monthly work. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' });
