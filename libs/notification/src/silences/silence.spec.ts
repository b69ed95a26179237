import { parseMatchers } from '../matchers/matcher';
import { T0 } from '../testing/factories';
import {
  canUpdateSilence,
  isSilenced,
  silenceState,
  validatePostableSilence,
  validateSilence,
  type Silence,
} from './silence';

const HOUR = 3_600_000;

const silence = (id: string, matchers: string, overrides: Partial<Silence> = {}): Silence => ({
  id,
  matchers: parseMatchers(matchers),
  startsAt: T0,
  endsAt: T0 + HOUR,
  updatedAt: T0,
  createdBy: 'ops',
  comment: 'maintenance',
  ...overrides,
});

describe('silenceState', () => {
  it('is pending before the start, active until the end, expired from the end', () => {
    const s = silence('s', 'a="1"');
    expect(silenceState(s, T0 - 1)).toBe('pending');
    expect(silenceState(s, T0)).toBe('active');
    expect(silenceState(s, T0 + HOUR - 1)).toBe('active');
    expect(silenceState(s, T0 + HOUR)).toBe('expired');
  });
});

describe('isSilenced', () => {
  const silences = [
    silence('b-db', 'team="db"'),
    silence('a-prod', 'env=~"prod.*", team!="web"'),
    silence('later', 'team="db"', { startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR }),
    silence('over', 'team="db"', { startsAt: T0 - 2 * HOUR, endsAt: T0 - HOUR }),
  ];

  it('returns the sorted ids of the active silences whose matchers all match', () => {
    expect(isSilenced({ team: 'db', env: 'production' }, silences, T0)).toEqual(['a-prod', 'b-db']);
    expect(isSilenced({ team: 'web', env: 'production' }, silences, T0)).toEqual([]);
    expect(isSilenced({ team: 'db' }, silences, T0 + HOUR)).toEqual(['later']);
  });
});

describe('validateSilence', () => {
  it('accepts a well-formed silence', () => {
    expect(validateSilence(silence('s', 'alertname="Down", instance=~"db-.*"'))).toEqual([]);
  });

  it.each([
    ['', 'at least one matcher required'],
    ['a=""', 'at least one matcher must not match the empty string'],
    ['a=~".*", b=~"x*"', 'at least one matcher must not match the empty string'],
    ['a=~"x|"', 'at least one matcher must not match the empty string'],
  ])('refuses matchers %j', (matchers, reason) => {
    expect(validateSilence(silence('s', matchers))).toEqual([reason]);
  });

  it('does not count negative matchers as matching the empty string (Alertmanager rule)', () => {
    expect(validateSilence(silence('s', 'a!="x"'))).toEqual([]);
    expect(validateSilence(silence('s', 'a!~".+"'))).toEqual([]);
  });

  it('checks names, regexes, times and the required texts', () => {
    expect(
      validateSilence({
        matchers: [
          { type: '=', name: 'bad-name', value: 'x' },
          { type: '=~', name: 'a', value: '(' },
        ],
        startsAt: T0,
        endsAt: T0 - 1,
        createdBy: ' ',
        comment: '',
      }),
    ).toEqual([
      'invalid label matcher 0: invalid label name "bad-name"',
      'invalid label matcher 1: invalid regular expression "(": missing closing ): `(`',
      'end time must not be before start time',
      'createdBy is required',
      'comment is required',
    ]);
  });
});

describe('validatePostableSilence', () => {
  const body = {
    matchers: [
      { name: 'alertname', value: 'Down', isRegex: false },
      { name: 'env', value: 'dev.*', isRegex: true, isEqual: false },
    ],
    startsAt: '2026-11-26T15:00:00Z',
    endsAt: '2026-11-26T16:00:00Z',
    createdBy: 'ops',
    comment: 'deploy',
  };

  it('converts API matchers (isEqual defaults to true)', () => {
    expect(validatePostableSilence(body, T0)).toEqual({
      ok: true,
      silence: {
        id: undefined,
        matchers: [
          { type: '=', name: 'alertname', value: 'Down' },
          { type: '!~', name: 'env', value: 'dev.*' },
        ],
        startsAt: T0,
        endsAt: T0 + HOUR,
        createdBy: 'ops',
        comment: 'deploy',
      },
    });
    expect(validatePostableSilence({ ...body, id: 'abc' }, T0)).toMatchObject({ ok: true, silence: { id: 'abc' } });
  });

  it.each([
    [{ ...body, comment: undefined }, 'comment in body is required'],
    [{ ...body, endsAt: body.startsAt }, 'Failed to create silence: start time must be before end time'],
    [
      { ...body, startsAt: '2026-11-26T13:00:00Z', endsAt: '2026-11-26T14:00:00Z' },
      "Failed to create silence: end time can't be in the past",
    ],
    [{ ...body, matchers: [{ name: 'a', value: '' }] }, 'matchers.0.isRegex in body is required'],
    [
      { ...body, matchers: [{ name: 'a', value: '', isRegex: false }] },
      'at least one matcher must not match the empty string',
    ],
    [{ ...body, startsAt: 'soon' }, 'startsAt in body must be of type date-time: "soon"'],
  ])('refuses %j', (input, reason) => {
    const result = validatePostableSilence(input, T0);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContain(reason);
  });
});

describe('canUpdateSilence', () => {
  const prev = silence('s', 'a="1"');

  it('allows extending an active silence with the same matchers and start', () => {
    expect(canUpdateSilence(prev, { ...prev, endsAt: T0 + 2 * HOUR }, T0 + 1)).toBe(true);
    expect(canUpdateSilence(prev, { ...prev, startsAt: T0 + 1 }, T0 + 1)).toBe(false);
    expect(canUpdateSilence(prev, { ...prev, matchers: parseMatchers('a="2"') }, T0 + 1)).toBe(false);
    expect(canUpdateSilence(prev, { ...prev, endsAt: T0 }, T0 + 1)).toBe(false);
  });

  it('allows moving a pending silence only into the future, never updating an expired one', () => {
    expect(canUpdateSilence(prev, { ...prev, startsAt: T0 + 10 }, T0 - 5)).toBe(true);
    expect(canUpdateSilence(prev, { ...prev, startsAt: T0 - 10 }, T0 - 5)).toBe(false);
    expect(canUpdateSilence(prev, prev, T0 + HOUR)).toBe(false);
  });
});
