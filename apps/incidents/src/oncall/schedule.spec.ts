import { OncallErrorCode, OncallValidationError } from './oncall-validation';
import { onCallAt, shifts } from './schedule';
import { validateSchedule } from './schedule.rules';
import type { RotationLayer, Schedule, ScheduleOverride, Shift, ShiftSource } from './schedule.types';

const HOUR = 3_600_000;
const WEEKDAYS_ONLY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

// 2024-03-04 is a Monday; Berlin is on CET (UTC+1) until 2024-03-31 and on CEST (UTC+2) until 2024-10-27.
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function layer(fields: Partial<RotationLayer> = {}): RotationLayer {
  return {
    id: 'primary',
    participants: ['alice', 'bob', 'carol'],
    rotation: 'daily',
    handoffTime: '09:00',
    start: '2024-03-04T08:00:00Z',
    ...fields,
  };
}

function schedule(fields: Partial<Schedule> = {}): Schedule {
  return { id: 'payments', timeZone: 'Europe/Berlin', layers: [layer()], overrides: [], ...fields };
}

function override(id: string, userId: string, start: string, end: string): ScheduleOverride {
  return { id, userId, start, end };
}

const fromLayer = (layerId: string): ShiftSource => ({ kind: 'layer', layerId });
const fromOverride = (overrideId: string): ShiftSource => ({ kind: 'override', overrideId });

function shift(userId: string, start: string, end: string, source: ShiftSource = fromLayer('primary')): Shift {
  return { userId, start: new Date(start).toISOString(), end: new Date(end).toISOString(), source };
}

const hours = (s: Shift): number => (Date.parse(s.end) - Date.parse(s.start)) / HOUR;

describe('rotation math', () => {
  it('hands a daily rotation over at 09:00 local and wraps around the participants', () => {
    expect(shifts(schedule(), '2024-03-04T08:00:00Z', '2024-03-08T08:00:00Z')).toEqual([
      shift('alice', '2024-03-04T08:00:00Z', '2024-03-05T08:00:00Z'),
      shift('bob', '2024-03-05T08:00:00Z', '2024-03-06T08:00:00Z'),
      shift('carol', '2024-03-06T08:00:00Z', '2024-03-07T08:00:00Z'),
      shift('alice', '2024-03-07T08:00:00Z', '2024-03-08T08:00:00Z'),
    ]);
  });

  it('answers who is on call on either side of a hand-off and weeks later', () => {
    expect(onCallAt(schedule(), '2024-03-05T07:59:59.999Z')).toEqual({ userId: 'alice', source: fromLayer('primary') });
    expect(onCallAt(schedule(), '2024-03-05T08:00:00Z')).toEqual({ userId: 'bob', source: fromLayer('primary') });
    // 20 hand-offs after the start: 20 mod 3 = 2 → carol.
    expect(onCallAt(schedule(), '2024-03-24T12:00:00Z')?.userId).toBe('carol');
  });

  it('gives participants[0] the part of a day before the first hand-off after the start', () => {
    const s = schedule({ layers: [layer({ start: '2024-03-04T13:37:00Z' })] });
    expect(shifts(s, '2024-03-04T00:00:00Z', '2024-03-06T00:00:00Z')).toEqual([
      shift('alice', '2024-03-04T13:37:00Z', '2024-03-05T08:00:00Z'),
      shift('bob', '2024-03-05T08:00:00Z', '2024-03-06T00:00:00Z'),
    ]);
  });

  it('has nobody before a start in the future', () => {
    const s = schedule({ layers: [layer({ start: '2024-03-10T08:00:00Z' })] });
    expect(onCallAt(s, '2024-03-10T07:59:59Z')).toBeNull();
    expect(onCallAt(s, '2024-03-10T08:00:00Z')?.userId).toBe('alice');
    expect(shifts(s, '2024-03-09T00:00:00Z', '2024-03-11T12:00:00Z')).toEqual([
      shift('alice', '2024-03-10T08:00:00Z', '2024-03-11T08:00:00Z'),
      shift('bob', '2024-03-11T08:00:00Z', '2024-03-11T12:00:00Z'),
    ]);
  });

  it('hands a weekly rotation over on its weekday, after a short first turn from a mid-week start', () => {
    const s = schedule({
      layers: [
        layer({
          rotation: 'weekly',
          handoffWeekday: 'monday',
          participants: ['alice', 'bob'],
          start: '2024-03-06T11:00:00Z',
        }),
      ],
    });
    expect(shifts(s, '2024-03-06T11:00:00Z', '2024-03-25T08:00:00Z')).toEqual([
      shift('alice', '2024-03-06T11:00:00Z', '2024-03-11T08:00:00Z'),
      shift('bob', '2024-03-11T08:00:00Z', '2024-03-18T08:00:00Z'),
      shift('alice', '2024-03-18T08:00:00Z', '2024-03-25T08:00:00Z'),
    ]);
  });

  it('starts the first weekly hand-off the same day when the start is before the hand-off time', () => {
    const s = schedule({
      layers: [
        layer({
          rotation: 'weekly',
          handoffWeekday: 'monday',
          participants: ['alice', 'bob'],
          start: '2024-03-04T06:00:00Z',
        }),
      ],
    });
    expect(shifts(s, '2024-03-04T06:00:00Z', '2024-03-12T00:00:00Z')).toEqual([
      shift('alice', '2024-03-04T06:00:00Z', '2024-03-04T08:00:00Z'),
      shift('bob', '2024-03-04T08:00:00Z', '2024-03-11T08:00:00Z'),
      shift('alice', '2024-03-11T08:00:00Z', '2024-03-12T00:00:00Z'),
    ]);
  });

  it('hands a custom 12-hour rotation over at 09:00 and 21:00 local', () => {
    const s = schedule({ layers: [layer({ rotation: 'custom', shiftLengthHours: 12 })] });
    expect(shifts(s, '2024-03-04T08:00:00Z', '2024-03-06T08:00:00Z')).toEqual([
      shift('alice', '2024-03-04T08:00:00Z', '2024-03-04T20:00:00Z'),
      shift('bob', '2024-03-04T20:00:00Z', '2024-03-05T08:00:00Z'),
      shift('carol', '2024-03-05T08:00:00Z', '2024-03-05T20:00:00Z'),
      shift('alice', '2024-03-05T20:00:00Z', '2024-03-06T08:00:00Z'),
    ]);
  });

  it('hands a custom 36-hour rotation over every day and a half', () => {
    const s = schedule({
      layers: [layer({ rotation: 'custom', shiftLengthHours: 36, participants: ['alice', 'bob'] })],
    });
    expect(shifts(s, '2024-03-04T08:00:00Z', '2024-03-08T20:00:00Z')).toEqual([
      shift('alice', '2024-03-04T08:00:00Z', '2024-03-05T20:00:00Z'),
      shift('bob', '2024-03-05T20:00:00Z', '2024-03-07T08:00:00Z'),
      shift('alice', '2024-03-07T08:00:00Z', '2024-03-08T20:00:00Z'),
    ]);
  });

  it('merges the back-to-back turns of a single participant into one shift', () => {
    const s = schedule({ layers: [layer({ participants: ['alice'] })] });
    expect(shifts(s, '2024-03-05T00:00:00Z', '2024-03-09T00:00:00Z')).toEqual([
      shift('alice', '2024-03-05T00:00:00Z', '2024-03-09T00:00:00Z'),
    ]);
  });

  it('clips shifts to the range asked for, and an empty range has none', () => {
    expect(shifts(schedule(), '2024-03-05T06:00:00Z', '2024-03-05T10:00:00Z')).toEqual([
      shift('alice', '2024-03-05T06:00:00Z', '2024-03-05T08:00:00Z'),
      shift('bob', '2024-03-05T08:00:00Z', '2024-03-05T10:00:00Z'),
    ]);
    expect(shifts(schedule(), '2024-03-05T06:00:00Z', '2024-03-05T06:00:00Z')).toEqual([]);
  });

  it('accepts epoch milliseconds as well as ISO strings', () => {
    expect(shifts(schedule(), Date.parse('2024-03-05T07:00:00Z'), Date.parse('2024-03-05T09:00:00Z'))).toEqual(
      shifts(schedule(), '2024-03-05T08:00:00+01:00', '2024-03-05T10:00:00+01:00'),
    );
    expect(onCallAt(schedule(), Date.parse('2024-03-05T08:00:00Z'))?.userId).toBe('bob');
  });
});

describe('layers and restrictions', () => {
  const base = layer({ id: 'base', participants: ['alice'], start: '2024-03-01T00:00:00Z' });
  const businessHours = layer({
    id: 'business-hours',
    participants: ['bob', 'carol'],
    rotation: 'weekly',
    handoffWeekday: 'monday',
    restrictions: [{ days: [...WEEKDAYS_ONLY], startTime: '09:00', endTime: '17:00' }],
  });

  it('lets a higher layer take over inside its restriction and the lower one show outside it', () => {
    const s = schedule({ layers: [base, businessHours] });
    expect(shifts(s, '2024-03-04T00:00:00Z', '2024-03-05T00:00:00Z')).toEqual([
      shift('alice', '2024-03-04T00:00:00Z', '2024-03-04T08:00:00Z', fromLayer('base')),
      shift('bob', '2024-03-04T08:00:00Z', '2024-03-04T16:00:00Z', fromLayer('business-hours')),
      shift('alice', '2024-03-04T16:00:00Z', '2024-03-05T00:00:00Z', fromLayer('base')),
    ]);
    expect(onCallAt(s, '2024-03-04T10:00:00Z')).toEqual({ userId: 'bob', source: fromLayer('business-hours') });
    expect(onCallAt(s, '2024-03-04T16:00:00Z')).toEqual({ userId: 'alice', source: fromLayer('base') });
    expect(onCallAt(s, '2024-03-09T10:00:00Z')).toEqual({ userId: 'alice', source: fromLayer('base') }); // Saturday
    expect(onCallAt(s, '2024-03-11T10:00:00Z')).toEqual({ userId: 'carol', source: fromLayer('business-hours') });
  });

  it('gives precedence by position: the last layer is on top', () => {
    const s = schedule({ layers: [businessHours, base] });
    expect(onCallAt(s, '2024-03-04T10:00:00Z')).toEqual({ userId: 'alice', source: fromLayer('base') });
    expect(shifts(s, '2024-03-04T00:00:00Z', '2024-03-05T00:00:00Z')).toEqual([
      shift('alice', '2024-03-04T00:00:00Z', '2024-03-05T00:00:00Z', fromLayer('base')),
    ]);
  });

  it('leaves a gap where a restricted layer is alone and outside its windows', () => {
    const s = schedule({ layers: [businessHours] });
    expect(onCallAt(s, '2024-03-04T07:59:00Z')).toBeNull();
    expect(onCallAt(s, '2024-03-09T10:00:00Z')).toBeNull();
    expect(shifts(s, '2024-03-08T00:00:00Z', '2024-03-11T12:00:00Z')).toEqual([
      shift('bob', '2024-03-08T08:00:00Z', '2024-03-08T16:00:00Z', fromLayer('business-hours')),
      shift('carol', '2024-03-11T08:00:00Z', '2024-03-11T12:00:00Z', fromLayer('business-hours')),
    ]);
  });

  it('lets a higher layer that has not started yet leave the time to the lower one', () => {
    const later = layer({ id: 'later', participants: ['dave'], start: '2024-03-06T08:00:00Z' });
    const s = schedule({ layers: [base, later] });
    expect(onCallAt(s, '2024-03-05T12:00:00Z')).toEqual({ userId: 'alice', source: fromLayer('base') });
    expect(onCallAt(s, '2024-03-06T12:00:00Z')).toEqual({ userId: 'dave', source: fromLayer('later') });
  });

  it('runs an overnight restriction into the next morning', () => {
    const nights = layer({
      id: 'nights',
      participants: ['dave'],
      restrictions: [{ days: ['friday'], startTime: '22:00', endTime: '06:00' }],
    });
    const s = schedule({ layers: [nights] });
    expect(onCallAt(s, '2024-03-08T20:59:00Z')).toBeNull(); // Friday 21:59
    expect(onCallAt(s, '2024-03-08T21:00:00Z')?.userId).toBe('dave'); // Friday 22:00
    expect(onCallAt(s, '2024-03-09T04:59:00Z')?.userId).toBe('dave'); // Saturday 05:59
    expect(onCallAt(s, '2024-03-09T05:00:00Z')).toBeNull(); // Saturday 06:00
    expect(onCallAt(s, '2024-03-07T21:30:00Z')).toBeNull(); // Thursday 22:30
    expect(shifts(s, '2024-03-04T00:00:00Z', '2024-03-11T00:00:00Z')).toEqual([
      shift('dave', '2024-03-08T21:00:00Z', '2024-03-09T05:00:00Z', fromLayer('nights')),
    ]);
  });

  it('reads 00:00–00:00 as the whole day and joins adjacent windows', () => {
    const weekend = layer({
      id: 'weekend',
      participants: ['erin'],
      restrictions: [
        { days: ['saturday'], startTime: '00:00', endTime: '00:00' },
        { days: ['sunday'], startTime: '00:00', endTime: '12:00' },
      ],
    });
    expect(shifts(schedule({ layers: [weekend] }), '2024-03-04T00:00:00Z', '2024-03-11T00:00:00Z')).toEqual([
      shift('erin', '2024-03-08T23:00:00Z', '2024-03-10T11:00:00Z', fromLayer('weekend')),
    ]);
  });

  it('splits a turn that spans several restriction windows', () => {
    const s = schedule({
      layers: [layer({ ...businessHours, rotation: 'custom', handoffWeekday: null, shiftLengthHours: 48 })],
    });
    // Turns of 48 hours from Monday 09:00: bob Mon–Wed 09:00, carol Wed–Fri 09:00.
    expect(shifts(s, '2024-03-04T00:00:00Z', '2024-03-07T00:00:00Z')).toEqual([
      shift('bob', '2024-03-04T08:00:00Z', '2024-03-04T16:00:00Z', fromLayer('business-hours')),
      shift('bob', '2024-03-05T08:00:00Z', '2024-03-05T16:00:00Z', fromLayer('business-hours')),
      shift('carol', '2024-03-06T08:00:00Z', '2024-03-06T16:00:00Z', fromLayer('business-hours')),
    ]);
  });
});

describe('overrides', () => {
  const twoPeople = layer({ participants: ['alice', 'bob'] });

  it('cuts into the shifts on both sides of a hand-off it covers', () => {
    // Carol from 06:00 to 12:00 local on Tuesday; alice hands to bob at 09:00 inside it.
    const s = schedule({
      layers: [twoPeople],
      overrides: [override('o1', 'carol', '2024-03-05T05:00:00Z', '2024-03-05T11:00:00Z')],
    });
    expect(shifts(s, '2024-03-04T08:00:00Z', '2024-03-06T08:00:00Z')).toEqual([
      shift('alice', '2024-03-04T08:00:00Z', '2024-03-05T05:00:00Z'),
      shift('carol', '2024-03-05T05:00:00Z', '2024-03-05T11:00:00Z', fromOverride('o1')),
      shift('bob', '2024-03-05T11:00:00Z', '2024-03-06T08:00:00Z'),
    ]);
    expect(onCallAt(s, '2024-03-05T08:30:00Z')).toEqual({ userId: 'carol', source: fromOverride('o1') });
    expect(onCallAt(s, '2024-03-05T11:00:00Z')).toEqual({ userId: 'bob', source: fromLayer('primary') });
  });

  it('replaces whole shifts it covers and is clipped to the range', () => {
    const s = schedule({
      layers: [twoPeople],
      overrides: [override('o2', 'dave', '2024-03-04T00:00:00Z', '2024-03-07T00:00:00Z')],
    });
    expect(shifts(s, '2024-03-04T08:00:00Z', '2024-03-07T12:00:00Z')).toEqual([
      shift('dave', '2024-03-04T08:00:00Z', '2024-03-07T00:00:00Z', fromOverride('o2')),
      shift('alice', '2024-03-07T00:00:00Z', '2024-03-07T08:00:00Z'), // the rest of alice's third turn
      shift('bob', '2024-03-07T08:00:00Z', '2024-03-07T12:00:00Z'),
    ]);
  });

  it('beats every layer, restricted or not', () => {
    const top = layer({
      id: 'top',
      participants: ['erin'],
      restrictions: [{ days: [...WEEKDAYS_ONLY], startTime: '09:00', endTime: '17:00' }],
    });
    const s = schedule({
      layers: [twoPeople, top],
      overrides: [override('o3', 'frank', '2024-03-05T09:00:00Z', '2024-03-05T10:00:00Z')],
    });
    expect(onCallAt(s, '2024-03-05T09:30:00Z')).toEqual({ userId: 'frank', source: fromOverride('o3') });
    expect(onCallAt(s, '2024-03-05T10:00:00Z')).toEqual({ userId: 'erin', source: fromLayer('top') });
  });

  it('keeps a same-user override apart from the layer shift next to it', () => {
    const s = schedule({
      layers: [twoPeople],
      overrides: [override('o4', 'alice', '2024-03-05T08:00:00Z', '2024-03-05T12:00:00Z')],
    });
    expect(shifts(s, '2024-03-04T08:00:00Z', '2024-03-05T20:00:00Z')).toEqual([
      shift('alice', '2024-03-04T08:00:00Z', '2024-03-05T08:00:00Z'),
      shift('alice', '2024-03-05T08:00:00Z', '2024-03-05T12:00:00Z', fromOverride('o4')),
      shift('bob', '2024-03-05T12:00:00Z', '2024-03-05T20:00:00Z'),
    ]);
  });

  it('covers time before every layer starts, and back-to-back overrides stay separate', () => {
    const s = schedule({
      layers: [twoPeople],
      overrides: [
        override('o6', 'gina', '2024-03-04T04:00:00Z', '2024-03-04T06:00:00Z'),
        override('o5', 'gina', '2024-03-04T02:00:00Z', '2024-03-04T04:00:00Z'),
      ],
    });
    expect(onCallAt(s, '2024-03-04T03:00:00Z')).toEqual({ userId: 'gina', source: fromOverride('o5') });
    expect(shifts(s, '2024-03-04T00:00:00Z', '2024-03-04T09:00:00Z')).toEqual([
      shift('gina', '2024-03-04T02:00:00Z', '2024-03-04T04:00:00Z', fromOverride('o5')),
      shift('gina', '2024-03-04T04:00:00Z', '2024-03-04T06:00:00Z', fromOverride('o6')),
      shift('alice', '2024-03-04T08:00:00Z', '2024-03-04T09:00:00Z'),
    ]);
  });
});

describe('daylight saving time', () => {
  const daily = (timeZone: string, start: string, handoffTime = '09:00'): Schedule =>
    schedule({ timeZone, layers: [layer({ participants: ['alice', 'bob'], start, handoffTime })] });

  it.each([
    // name, zone, first hand-off (09:00 local), the following three hand-offs, length of the turn across the change
    [
      'Europe/Berlin spring-forward',
      'Europe/Berlin',
      '2024-03-29T08:00:00Z',
      ['2024-03-30T08:00:00Z', '2024-03-31T07:00:00Z', '2024-04-01T07:00:00Z'],
      23,
    ],
    [
      'Europe/Berlin fall-back',
      'Europe/Berlin',
      '2024-10-25T07:00:00Z',
      ['2024-10-26T07:00:00Z', '2024-10-27T08:00:00Z', '2024-10-28T08:00:00Z'],
      25,
    ],
    [
      'America/New_York spring-forward',
      'America/New_York',
      '2024-03-08T14:00:00Z',
      ['2024-03-09T14:00:00Z', '2024-03-10T13:00:00Z', '2024-03-11T13:00:00Z'],
      23,
    ],
    [
      'America/New_York fall-back',
      'America/New_York',
      '2024-11-01T13:00:00Z',
      ['2024-11-02T13:00:00Z', '2024-11-03T14:00:00Z', '2024-11-04T14:00:00Z'],
      25,
    ],
  ])('%s: a daily 09:00 hand-off stays at 09:00 local', (_name, zone, start, handoffs, dstTurnHours) => {
    const [h1, h2, h3] = handoffs as [string, string, string];
    const result = shifts(daily(zone, start), start, h3);
    expect(result).toEqual([shift('alice', start, h1), shift('bob', h1, h2), shift('alice', h2, h3)]);
    expect(result.map(hours)).toEqual([24, dstTurnHours, 24]);
    expect(onCallAt(daily(zone, start), new Date(Date.parse(h2) - 1).toISOString())?.userId).toBe('bob');
    expect(onCallAt(daily(zone, start), h2)?.userId).toBe('alice');
  });

  it('moves a hand-off time skipped by spring-forward (Berlin 02:30) to 03:30 that day only', () => {
    const s = daily('Europe/Berlin', '2024-03-29T01:30:00Z', '02:30');
    expect(shifts(s, '2024-03-29T01:30:00Z', '2024-04-02T00:30:00Z')).toEqual([
      shift('alice', '2024-03-29T01:30:00Z', '2024-03-30T01:30:00Z'),
      shift('bob', '2024-03-30T01:30:00Z', '2024-03-31T01:30:00Z'), // ends 03:30 CEST
      shift('alice', '2024-03-31T01:30:00Z', '2024-04-01T00:30:00Z'), // back to 02:30 CEST
      shift('bob', '2024-04-01T00:30:00Z', '2024-04-02T00:30:00Z'),
    ]);
  });

  it('hands over at the first of two 02:30s on the Berlin fall-back night', () => {
    const s = daily('Europe/Berlin', '2024-10-25T00:30:00Z', '02:30');
    expect(shifts(s, '2024-10-25T00:30:00Z', '2024-10-28T01:30:00Z').map((x) => [x.userId, x.end, hours(x)])).toEqual([
      ['alice', '2024-10-26T00:30:00.000Z', 24],
      ['bob', '2024-10-27T00:30:00.000Z', 24], // 02:30 CEST, the first one
      ['alice', '2024-10-28T01:30:00.000Z', 25], // 02:30 CET
    ]);
  });

  it('keeps a weekly Sunday 09:00 hand-off in New York across spring-forward', () => {
    const s = schedule({
      timeZone: 'America/New_York',
      layers: [
        layer({
          rotation: 'weekly',
          handoffWeekday: 'sunday',
          participants: ['alice', 'bob'],
          start: '2024-03-03T14:00:00Z',
        }),
      ],
    });
    const result = shifts(s, '2024-03-03T14:00:00Z', '2024-03-17T13:00:00Z');
    expect(result).toEqual([
      shift('alice', '2024-03-03T14:00:00Z', '2024-03-10T13:00:00Z'),
      shift('bob', '2024-03-10T13:00:00Z', '2024-03-17T13:00:00Z'),
    ]);
    expect(result.map(hours)).toEqual([167, 168]);
  });

  it('keeps a custom 12-hour rotation at 09:00 and 21:00 in New York across fall-back', () => {
    const s = schedule({
      timeZone: 'America/New_York',
      layers: [
        layer({
          rotation: 'custom',
          shiftLengthHours: 12,
          participants: ['alice', 'bob'],
          start: '2024-11-02T13:00:00Z',
        }),
      ],
    });
    expect(shifts(s, '2024-11-02T13:00:00Z', '2024-11-04T02:00:00Z')).toEqual([
      shift('alice', '2024-11-02T13:00:00Z', '2024-11-03T01:00:00Z'), // 09:00–21:00 EDT
      shift('bob', '2024-11-03T01:00:00Z', '2024-11-03T14:00:00Z'), // 21:00 EDT – 09:00 EST, 13 hours
      shift('alice', '2024-11-03T14:00:00Z', '2024-11-04T02:00:00Z'), // 09:00–21:00 EST
    ]);
  });

  it('counts the turn of an hourly rotation whose hand-off hour never happens, with nobody holding it', () => {
    // Berlin 2024-03-31: hand-offs at 01:00 CET, [02:00 does not exist], 03:00 CEST, 04:00 CEST.
    const s = schedule({
      layers: [
        layer({
          rotation: 'custom',
          shiftLengthHours: 1,
          handoffTime: '00:00',
          participants: ['alice', 'bob'],
          start: '2024-03-30T23:00:00Z',
        }),
      ],
    });
    expect(shifts(s, '2024-03-30T23:00:00Z', '2024-03-31T03:00:00Z')).toEqual([
      shift('alice', '2024-03-30T23:00:00Z', '2024-03-31T00:00:00Z'),
      shift('bob', '2024-03-31T00:00:00Z', '2024-03-31T02:00:00Z'), // 01:00–02:00 CET, then 03:00–04:00 CEST
      shift('alice', '2024-03-31T02:00:00Z', '2024-03-31T03:00:00Z'),
    ]);
  });

  it('keeps a 09:00–17:00 restriction at local time on both sides of the Berlin spring-forward', () => {
    const s = schedule({
      layers: [
        layer({
          participants: ['alice'],
          restrictions: [{ days: ['monday'], startTime: '09:00', endTime: '17:00' }],
        }),
      ],
    });
    expect(shifts(s, '2024-03-25T00:00:00Z', '2024-04-02T00:00:00Z')).toEqual([
      shift('alice', '2024-03-25T08:00:00Z', '2024-03-25T16:00:00Z'),
      shift('alice', '2024-04-01T07:00:00Z', '2024-04-01T15:00:00Z'),
    ]);
  });

  it('agrees with onCallAt at every sampled instant of a DST week, with ordered, disjoint, merged shifts', () => {
    const s = schedule({
      layers: [
        layer({
          id: 'base',
          participants: ['alice', 'bob', 'carol'],
          handoffTime: '02:30',
          start: '2024-03-25T00:00:00Z',
        }),
        layer({
          id: 'days',
          participants: ['dave', 'erin'],
          rotation: 'custom',
          shiftLengthHours: 10,
          start: '2024-03-27T12:00:00Z',
          restrictions: [
            { days: [...WEEKDAYS_ONLY], startTime: '08:00', endTime: '18:00' },
            { days: ['sunday'], startTime: '01:30', endTime: '04:00' },
          ],
        }),
      ],
      overrides: [override('o1', 'frank', '2024-03-31T00:15:00Z', '2024-03-31T01:45:00Z')],
    });
    const from = Date.parse('2024-03-27T00:00:00Z');
    const to = Date.parse('2024-04-03T00:00:00Z');
    const result = shifts(s, from, to);
    for (let k = 1; k < result.length; k += 1) {
      const [prev, next] = [result[k - 1] as Shift, result[k] as Shift];
      expect(Date.parse(prev.end)).toBeLessThanOrEqual(Date.parse(next.start));
      const touching = prev.end === next.start && prev.userId === next.userId;
      expect(touching && JSON.stringify(prev.source) === JSON.stringify(next.source)).toBe(false);
    }
    let sampled = 0;
    for (let t = from; t < to; t += 13 * 60_000) {
      const covering = result.find((x) => Date.parse(x.start) <= t && t < Date.parse(x.end));
      const expected = covering === undefined ? null : { userId: covering.userId, source: covering.source };
      expect(onCallAt(s, t)).toEqual(expected);
      sampled += 1;
    }
    expect(sampled).toBeGreaterThan(700);
    // All three sources show up, so the sampling exercised each of them.
    expect(new Set(result.map((x) => JSON.stringify(x.source))).size).toBe(3);
  });
});

describe('validateSchedule', () => {
  it('accepts a complete schedule', () => {
    expect(
      validateSchedule(
        schedule({
          layers: [
            layer(),
            layer({
              id: 'weekly',
              rotation: 'weekly',
              handoffWeekday: 'friday',
              restrictions: [{ days: ['monday'], startTime: '22:00', endTime: '06:00' }],
            }),
            layer({ id: 'custom', rotation: 'custom', shiftLengthHours: 8, handoffWeekday: null }),
          ],
          overrides: [
            override('o1', 'alice', '2024-03-05T10:00:00Z', '2024-03-05T12:00:00Z'),
            override('o2', 'bob', '2024-03-05T12:00:00Z', '2024-03-05T13:00:00Z'),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Partial<Schedule>, string, string]>([
    [
      'an unknown time zone',
      { timeZone: 'Mars/Olympus_Mons' },
      'timeZone',
      'timeZone is not a known IANA time zone (such as Europe/Berlin), got "Mars/Olympus_Mons"',
    ],
    [
      'a fixed offset as time zone',
      { timeZone: '+01:00' },
      'timeZone',
      'timeZone is not a known IANA time zone (such as Europe/Berlin), got "+01:00"',
    ],
    ['no layers', { layers: [] }, 'layers', 'layers must contain at least one rotation layer'],
    [
      'empty participants',
      { layers: [layer({ participants: [] })] },
      'layers[0].participants',
      'layers[0].participants must name at least one user',
    ],
    [
      'a blank participant',
      { layers: [layer({ participants: ['alice', '  '] })] },
      'layers[0].participants[1]',
      'layers[0].participants[1] must be a non-empty user id',
    ],
    [
      'a hand-off time without leading zero',
      { layers: [layer({ handoffTime: '9:00' })] },
      'layers[0].handoffTime',
      'layers[0].handoffTime must be a time of day HH:MM from 00:00 to 23:59, got "9:00"',
    ],
    [
      'a hand-off time of 24:00',
      { layers: [layer(), layer({ id: 'second', handoffTime: '24:00' })] },
      'layers[1].handoffTime',
      'layers[1].handoffTime must be a time of day HH:MM from 00:00 to 23:59, got "24:00"',
    ],
    [
      'an unknown rotation type',
      { layers: [layer({ rotation: 'hourly' as never })] },
      'layers[0].rotation',
      'layers[0].rotation must be one of daily, weekly, custom, got "hourly"',
    ],
    [
      'a weekly rotation without hand-off weekday',
      { layers: [layer({ rotation: 'weekly' })] },
      'layers[0].handoffWeekday',
      'layers[0].handoffWeekday must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday for a weekly rotation, got nothing',
    ],
    [
      'a hand-off weekday on a daily rotation',
      { layers: [layer({ handoffWeekday: 'monday' })] },
      'layers[0].handoffWeekday',
      'layers[0].handoffWeekday applies only to weekly rotations, this one is "daily"',
    ],
    [
      'a custom rotation without length',
      { layers: [layer({ rotation: 'custom' })] },
      'layers[0].shiftLengthHours',
      'layers[0].shiftLengthHours must be a whole number of hours from 1 to 8760 for a custom rotation, got nothing',
    ],
    [
      'a fractional custom length',
      { layers: [layer({ rotation: 'custom', shiftLengthHours: 1.5 })] },
      'layers[0].shiftLengthHours',
      'layers[0].shiftLengthHours must be a whole number of hours from 1 to 8760 for a custom rotation, got 1.5',
    ],
    [
      'a shift length on a weekly rotation',
      { layers: [layer({ rotation: 'weekly', handoffWeekday: 'monday', shiftLengthHours: 24 })] },
      'layers[0].shiftLengthHours',
      'layers[0].shiftLengthHours applies only to custom rotations, this one is "weekly"',
    ],
    [
      'a start without UTC offset',
      { layers: [layer({ start: '2024-03-04T09:00:00' })] },
      'layers[0].start',
      'layers[0].start must be an ISO 8601 instant with a UTC offset (e.g. 2024-03-01T09:00:00Z) or epoch milliseconds, from 1970 to 9999, got "2024-03-04T09:00:00"',
    ],
    [
      'a restriction without days',
      { layers: [layer({ restrictions: [{ days: [], startTime: '09:00', endTime: '17:00' }] })] },
      'layers[0].restrictions[0].days',
      'layers[0].restrictions[0].days must name at least one weekday (monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
    ],
    [
      'a restriction with an unknown day',
      {
        layers: [
          layer({ restrictions: [{ days: ['monday', 'funday' as never], startTime: '09:00', endTime: '17:00' }] }),
        ],
      },
      'layers[0].restrictions[0].days[1]',
      'layers[0].restrictions[0].days[1] must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, got "funday"',
    ],
    [
      'a restriction end time out of range',
      { layers: [layer({ restrictions: [{ days: ['monday'], startTime: '09:00', endTime: '17:60' }] })] },
      'layers[0].restrictions[0].endTime',
      'layers[0].restrictions[0].endTime must be a time of day HH:MM from 00:00 to 23:59, got "17:60"',
    ],
    [
      'two layers with one id',
      { layers: [layer(), layer()] },
      'layers[1].id',
      'layers[1].id "primary" is already used by layers[0]',
    ],
    [
      'an override that ends before it starts',
      { overrides: [override('o1', 'alice', '2024-03-05T12:00:00Z', '2024-03-05T10:00:00Z')] },
      'overrides[0].end',
      'overrides[0].end must be after overrides[0].start (2024-03-05T12:00:00.000Z), got 2024-03-05T10:00:00.000Z',
    ],
    [
      'an override of zero length',
      { overrides: [override('o1', 'alice', '2024-03-05T12:00:00Z', '2024-03-05T13:00:00+01:00')] },
      'overrides[0].end',
      'overrides[0].end must be after overrides[0].start (2024-03-05T12:00:00.000Z), got 2024-03-05T12:00:00.000Z',
    ],
    [
      'overlapping overrides',
      {
        overrides: [
          override('o1', 'alice', '2024-03-05T10:00:00Z', '2024-03-05T12:00:00Z'),
          override('o2', 'bob', '2024-03-05T11:00:00Z', '2024-03-05T13:00:00Z'),
        ],
      },
      'overrides[1]',
      'overrides[1] overlaps overrides[0] from 2024-03-05T11:00:00.000Z to 2024-03-05T12:00:00.000Z; two overrides cannot cover the same time',
    ],
    [
      'an override inside a later-listed one',
      {
        overrides: [
          override('o1', 'alice', '2024-03-05T11:00:00Z', '2024-03-05T11:30:00Z'),
          override('o2', 'bob', '2024-03-05T09:00:00Z', '2024-03-05T18:00:00Z'),
        ],
      },
      'overrides[1]',
      'overrides[1] overlaps overrides[0] from 2024-03-05T11:00:00.000Z to 2024-03-05T11:30:00.000Z; two overrides cannot cover the same time',
    ],
    [
      'an override without user',
      { overrides: [override('o1', '', '2024-03-05T10:00:00Z', '2024-03-05T12:00:00Z')] },
      'overrides[0].userId',
      'overrides[0].userId must be a non-empty user id',
    ],
    [
      'two overrides with one id',
      {
        overrides: [
          override('o1', 'alice', '2024-03-05T10:00:00Z', '2024-03-05T12:00:00Z'),
          override('o1', 'bob', '2024-03-06T10:00:00Z', '2024-03-06T12:00:00Z'),
        ],
      },
      'overrides[1].id',
      'overrides[1].id "o1" is already used by overrides[0]',
    ],
  ])('refuses %s', (_name, fields, field, message) => {
    expect(validateSchedule(schedule(fields))).toEqual([{ field, message }]);
  });

  it('reports an override that overlaps two others once for each', () => {
    const issues = validateSchedule(
      schedule({
        overrides: [
          override('o1', 'alice', '2024-03-05T11:00:00Z', '2024-03-05T11:30:00Z'),
          override('o2', 'bob', '2024-03-05T08:00:00Z', '2024-03-05T10:00:00Z'),
          override('o3', 'carol', '2024-03-05T09:00:00Z', '2024-03-05T18:00:00Z'),
        ],
      }),
    );
    expect(issues.map((i) => i.message)).toEqual([
      'overrides[2] overlaps overrides[1] from 2024-03-05T09:00:00.000Z to 2024-03-05T10:00:00.000Z; two overrides cannot cover the same time',
      'overrides[2] overlaps overrides[0] from 2024-03-05T11:00:00.000Z to 2024-03-05T11:30:00.000Z; two overrides cannot cover the same time',
    ]);
  });

  it('reports every problem at once', () => {
    const issues = validateSchedule(
      schedule({
        timeZone: 'Nowhere',
        layers: [layer({ participants: [], handoffTime: '7' })],
        overrides: [override('o1', 'alice', 'soon', '2024-03-05T10:00:00Z')],
      }),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'timeZone',
      'layers[0].participants',
      'layers[0].handoffTime',
      'overrides[0].start',
    ]);
  });

  it('makes onCallAt and shifts refuse an invalid schedule with every issue', () => {
    const bad = schedule({ timeZone: 'Nowhere', layers: [layer({ handoffTime: '25:00' })] });
    for (const call of [() => onCallAt(bad, '2024-03-05T10:00:00Z'), () => shifts(bad, 0, 1)]) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(OncallValidationError);
      expect((error as OncallValidationError).code).toBe(OncallErrorCode.INVALID_SCHEDULE);
      expect((error as OncallValidationError).issues.map((i) => i.field)).toEqual([
        'timeZone',
        'layers[0].handoffTime',
      ]);
    }
  });

  it('refuses a range that ends before it starts, naming the argument', () => {
    expect(() => shifts(schedule(), '2024-03-05T10:00:00Z', '2024-03-05T09:00:00Z')).toThrow(
      'to must not be before from (2024-03-05T10:00:00.000Z), got 2024-03-05T09:00:00.000Z',
    );
    expect(() => onCallAt(schedule(), '2024-03-05')).toThrow(/^instant must be an ISO 8601 instant/);
  });
});
