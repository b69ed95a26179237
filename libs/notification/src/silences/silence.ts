// Silences as Alertmanager keeps them (silence package and POST /api/v2/silences): state at a time,
// matching, validation and the rule for updating a silence in place.
import { parseRFC3339 } from '../alerts/go-time';
import { goQuote, isValidLabelName, isValidUtf8, type LabelSet } from '../labels/label-set';
import { goRegexError } from '@keel/promql';
import { matchesLabels, matchesValue, type MatchType, type Matcher } from '../matchers/matcher';

export interface Silence {
  id: string;
  matchers: Matcher[];
  /** Epoch milliseconds. */
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

/** CalcSilenceState: pending before startsAt, active until endsAt (exclusive), then expired. */
export function silenceState(silence: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): SilenceState {
  if (now < silence.startsAt) {
    return 'pending';
  }
  return now < silence.endsAt ? 'active' : 'expired';
}

/** The ids (sorted) of the silences active at `now` whose matchers all match the labels. */
export function isSilenced(labels: LabelSet, silences: readonly Silence[], now: number): string[] {
  return silences
    .filter((s) => silenceState(s, now) === 'active' && matchesLabels(s.matchers, labels))
    .map((s) => s.id)
    .sort();
}

// silence.matchesEmpty: only "=" and "=~" count; a negative matcher never does, even `a!="x"`.
function matchesEmpty(matcher: Matcher): boolean {
  switch (matcher.type) {
    case '=':
      return matcher.value === '';
    case '=~':
      return matchesValue(matcher, '');
    default:
      return false;
  }
}

function matcherProblem(matcher: Matcher): string | undefined {
  if (!isValidLabelName(matcher.name)) {
    return `invalid label name ${goQuote(matcher.name)}`;
  }
  if (matcher.type === '=~' || matcher.type === '!~') {
    const err = goRegexError(matcher.value);
    return err
      ? `invalid regular expression ${goQuote(matcher.value)}: ${err.replace(/^error parsing regexp: /, '')}`
      : undefined;
  }
  return isValidUtf8(matcher.value) ? undefined : `invalid label value ${goQuote(matcher.value)}`;
}

/**
 * silence.validateSilence plus the API's required fields: at least one matcher, each valid, not all of them
 * matching the empty string, start and end set with end not before start, createdBy and comment set.
 * Returns the reasons (empty when valid).
 */
export function validateSilence(silence: Omit<Silence, 'id' | 'updatedAt'> & { id?: string }): string[] {
  const errors: string[] = [];
  if (silence.matchers.length === 0) {
    errors.push('at least one matcher required');
  } else {
    let allMatchEmpty = true;
    silence.matchers.forEach((m, i) => {
      const problem = matcherProblem(m);
      if (problem) {
        errors.push(`invalid label matcher ${i}: ${problem}`);
      }
      allMatchEmpty = allMatchEmpty && !problem && matchesEmpty(m);
    });
    if (allMatchEmpty) {
      errors.push('at least one matcher must not match the empty string');
    }
  }
  if (silence.endsAt < silence.startsAt) {
    errors.push('end time must not be before start time');
  }
  if (silence.createdBy.trim() === '') {
    errors.push('createdBy is required');
  }
  if (silence.comment.trim() === '') {
    errors.push('comment is required');
  }
  return errors;
}

/** A silence ready to store: `id` is the posted one (an update) or undefined (the caller assigns a new id). */
export type PostableSilence = Omit<Silence, 'id' | 'updatedAt'> & { id: string | undefined };

export type PostSilenceValidation = { ok: true; silence: PostableSilence } | { ok: false; errors: string[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts the API matcher `{ name, value, isRegex, isEqual = true }` to a matcher type. */
function matchType(isRegex: boolean, isEqual: boolean): MatchType {
  if (isRegex) {
    return isEqual ? '=~' : '!~';
  }
  return isEqual ? '=' : '!=';
}

/**
 * Validates a POST /api/v2/silences body (already JSON-parsed) like Alertmanager: the required fields,
 * "start time must be before end time" (strictly), "end time can't be in the past", then `validateSilence`.
 * The start is kept as posted: when this creates a new silence (no id, or `canUpdateSilence` says no), move a
 * start in the past to `now`, as Silences.Set does.
 */
export function validatePostableSilence(body: unknown, now: number): PostSilenceValidation {
  if (!isPlainObject(body)) {
    return { ok: false, errors: ['body must be a JSON object'] };
  }
  const errors: string[] = [];
  for (const field of ['matchers', 'startsAt', 'endsAt', 'createdBy', 'comment']) {
    if (body[field] === undefined || body[field] === null) {
      errors.push(`${field} in body is required`);
    }
  }
  for (const field of ['createdBy', 'comment', 'id']) {
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') {
      errors.push(`${field} in body must be of type string`);
    }
  }
  const times: Record<'startsAt' | 'endsAt', number> = { startsAt: 0, endsAt: 0 };
  for (const field of ['startsAt', 'endsAt'] as const) {
    const value = body[field];
    if (value === undefined || value === null) {
      continue;
    }
    const parsed = typeof value === 'string' ? parseRFC3339(value) : undefined;
    if (parsed === undefined || parsed === null) {
      errors.push(`${field} in body must be of type date-time: ${JSON.stringify(value)}`);
    } else {
      times[field] = parsed;
    }
  }
  const matchers: Matcher[] = [];
  if (body.matchers !== undefined && body.matchers !== null) {
    if (!Array.isArray(body.matchers)) {
      errors.push('matchers in body must be of type array');
    } else {
      body.matchers.forEach((m: unknown, i) => {
        if (!isPlainObject(m) || typeof m.name !== 'string' || typeof m.value !== 'string') {
          errors.push(`matchers.${i} must be an object with string "name" and "value"`);
          return;
        }
        if (typeof m.isRegex !== 'boolean') {
          errors.push(`matchers.${i}.isRegex in body is required`);
          return;
        }
        const isEqual = m.isEqual === undefined ? true : m.isEqual;
        if (typeof isEqual !== 'boolean') {
          errors.push(`matchers.${i}.isEqual in body must be of type boolean`);
          return;
        }
        matchers.push({ type: matchType(m.isRegex, isEqual), name: m.name, value: m.value });
      });
    }
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  if (times.startsAt >= times.endsAt) {
    return { ok: false, errors: ['Failed to create silence: start time must be before end time'] };
  }
  if (times.endsAt < now) {
    return { ok: false, errors: ["Failed to create silence: end time can't be in the past"] };
  }
  const silence: PostableSilence = {
    id: typeof body.id === 'string' && body.id !== '' ? body.id : undefined,
    matchers,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    createdBy: body.createdBy as string,
    comment: body.comment as string,
  };
  const problems = validateSilence(silence);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, silence };
}

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return (
    a.length === b.length && a.every((m, i) => m.type === b[i].type && m.name === b[i].name && m.value === b[i].value)
  );
}

/**
 * silence.canUpdate: whether `next` may replace `prev` in place (same id) rather than expiring `prev` and
 * creating a new silence. Same matchers; an active silence keeps its start and may not end in the past;
 * a pending one may not start in the past; an expired one never.
 */
export function canUpdateSilence(
  prev: Silence,
  next: Pick<Silence, 'matchers' | 'startsAt' | 'endsAt'>,
  now: number,
): boolean {
  if (!sameMatchers(prev.matchers, next.matchers)) {
    return false;
  }
  switch (silenceState(prev, now)) {
    case 'active':
      return next.startsAt === prev.startsAt && next.endsAt >= now;
    case 'pending':
      return next.startsAt >= now;
    case 'expired':
      return false;
  }
}
