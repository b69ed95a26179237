import { IncidentStatus } from '@keel/contracts';
import {
  assertVersion,
  availableTransitions,
  setStatusTargets,
  transitionIncident,
  type LifecycleCommand,
} from './incident-lifecycle';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { caught } from './testing/incident-core.factory';

const inc = (status: IncidentStatus) => ({ id: 'inc-1', status });

/** The allowed set_status moves, written out by hand (not derived from the code under test). */
const ALLOWED_SET_STATUS: Array<[IncidentStatus, IncidentStatus]> = [
  ['investigating', 'identified'],
  ['investigating', 'monitoring'],
  ['investigating', 'mitigated'],
  ['investigating', 'resolved'],
  ['identified', 'investigating'],
  ['identified', 'monitoring'],
  ['identified', 'mitigated'],
  ['identified', 'resolved'],
  ['monitoring', 'investigating'],
  ['monitoring', 'identified'],
  ['monitoring', 'mitigated'],
  ['monitoring', 'resolved'],
  ['mitigated', 'investigating'],
  ['mitigated', 'identified'],
  ['mitigated', 'monitoring'],
  ['mitigated', 'resolved'],
  ['resolved', 'closed'],
];

describe('transitionIncident: triage', () => {
  it('accepts into investigating', () => {
    expect(transitionIncident(inc('triage'), { action: 'accept' })).toEqual({
      action: 'accept',
      from: 'triage',
      to: 'investigating',
      reason: null,
      mergedIntoId: null,
    });
  });

  it('declines with a trimmed reason', () => {
    expect(transitionIncident(inc('triage'), { action: 'decline', reason: '  known maintenance ' })).toMatchObject({
      to: 'declined',
      reason: 'known maintenance',
      mergedIntoId: null,
    });
  });

  it.each(['', '   '])('refuses declining with reason %j', (reason) => {
    expect(caught(() => transitionIncident(inc('triage'), { action: 'decline', reason }))).toMatchObject({
      code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
      message: 'cannot decline incident inc-1 from triage to declined: a reason is required',
    });
  });

  it('refuses a reason over 2000 characters', () => {
    expect(() => transitionIncident(inc('triage'), { action: 'decline', reason: 'x'.repeat(2001) })).toThrow(
      'cannot decline incident inc-1 from triage to declined: the reason must have at most 2000 characters, got 2001',
    );
  });

  it('merges into another incident, ending as declined with the target id', () => {
    expect(
      transitionIncident(inc('triage'), { action: 'merge', into: { id: 'inc-9', status: 'investigating' } }),
    ).toEqual({
      action: 'merge',
      from: 'triage',
      to: 'declined',
      reason: 'merged into incident inc-9',
      mergedIntoId: 'inc-9',
    });
  });

  it.each([
    [{ id: 'inc-1', status: 'investigating' }, 'an incident cannot be merged into itself'],
    [{ id: 'inc-9', status: 'closed' }, 'the target incident inc-9 is closed; merge only into an incident in triage'],
    [{ id: 'inc-9', status: 'declined' }, 'the target incident inc-9 is declined'],
  ] as const)('refuses merging into %j', (into, why) => {
    expect(() => transitionIncident(inc('triage'), { action: 'merge', into })).toThrow(
      `cannot merge incident inc-1 from triage to declined: ${why}`,
    );
  });

  it('refuses a blank merge target id', () => {
    expect(() => transitionIncident(inc('triage'), { action: 'merge', into: { id: ' ', status: 'triage' } })).toThrow(
      'merge target id must not be empty',
    );
  });

  it.each([
    [
      { action: 'accept' },
      'cannot accept incident inc-1 from monitoring to investigating: only an incident in triage can be accepted',
    ],
    [
      { action: 'decline', reason: 'dup' },
      'cannot decline incident inc-1 from monitoring to declined: only an incident in triage can be declined',
    ],
    [
      { action: 'merge', into: { id: 'inc-9', status: 'triage' } },
      'cannot merge incident inc-1 from monitoring to declined: only an incident in triage can be merged',
    ],
  ] as Array<[LifecycleCommand, string]>)('refuses %j outside triage', (command, message) => {
    expect(() => transitionIncident(inc('monitoring'), command)).toThrow(message);
  });
});

describe('transitionIncident: set_status', () => {
  const statuses = IncidentStatus.options;
  const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));

  it.each(pairs)('from %s to %s follows the documented table', (from, to) => {
    const allowed = ALLOWED_SET_STATUS.some(([f, t]) => f === from && t === to);
    const run = () => transitionIncident(inc(from), { action: 'set_status', to });
    if (allowed) {
      expect(run()).toEqual({ action: 'set_status', from, to, reason: null, mergedIntoId: null });
    } else {
      const error = caught(run);
      expect(error).toBeInstanceOf(IncidentException);
      expect(error).toMatchObject({
        code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
        category: 'BAD_USER_INPUT',
        details: { from, to, action: 'set_status' },
      });
      expect((error as Error).message.startsWith(`cannot move incident inc-1 from ${from} to ${to}: `)).toBe(true);
    }
  });

  it('lists its targets as the table does', () => {
    for (const from of statuses) {
      const expected = ALLOWED_SET_STATUS.filter(([f]) => f === from).map(([, t]) => t);
      expect(setStatusTargets(from).sort()).toEqual(expected.sort());
    }
  });

  it.each([
    ['triage', 'investigating', 'an incident in triage must first be accepted, declined or merged'],
    ['declined', 'investigating', 'a declined incident is final'],
    ['mitigated', 'mitigated', 'the incident is already mitigated'],
    ['monitoring', 'triage', 'an incident never goes back to triage'],
    ['investigating', 'declined', 'only an incident in triage can be declined (decline or merge it)'],
    ['mitigated', 'closed', 'an incident is closed only once it is resolved'],
    ['resolved', 'investigating', 'a resolved incident comes back only by reopening it, with a reason'],
    ['closed', 'investigating', 'a closed incident comes back only by reopening it, with a reason'],
    ['closed', 'resolved', 'a closed incident can only be reopened (to investigating, with a reason)'],
    ['resolved', 'mitigated', 'a resolved incident can only be closed, or reopened to investigating with a reason'],
  ] as const)('explains %s → %s', (from, to, why) => {
    expect(() => transitionIncident(inc(from), { action: 'set_status', to })).toThrow(
      `cannot move incident inc-1 from ${from} to ${to}: ${why}`,
    );
  });

  it('refuses a status that does not exist', () => {
    expect(() =>
      transitionIncident(inc('investigating'), { action: 'set_status', to: 'fixed' as IncidentStatus }),
    ).toThrow(
      'cannot move incident inc-1 from investigating to fixed: "fixed" is not a status (triage, investigating, identified, monitoring, mitigated, resolved, closed, declined)',
    );
  });

  it('keeps an optional reason', () => {
    expect(
      transitionIncident(inc('monitoring'), { action: 'set_status', to: 'identified', reason: ' fix did not hold ' }),
    ).toMatchObject({ from: 'monitoring', to: 'identified', reason: 'fix did not hold' });
  });
});

describe('transitionIncident: reopen', () => {
  it.each(['resolved', 'closed'] as const)('reopens a %s incident to investigating with a reason', (from) => {
    expect(transitionIncident(inc(from), { action: 'reopen', reason: 'errors are back' })).toEqual({
      action: 'reopen',
      from,
      to: 'investigating',
      reason: 'errors are back',
      mergedIntoId: null,
    });
  });

  it('refuses reopening without a reason', () => {
    expect(caught(() => transitionIncident(inc('closed'), { action: 'reopen', reason: ' ' }))).toMatchObject({
      code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
      message: 'cannot reopen incident inc-1 from closed to investigating: a reason is required',
    });
  });

  it.each(['triage', 'investigating', 'mitigated', 'declined'] as const)('refuses reopening a %s incident', (from) => {
    expect(() => transitionIncident(inc(from), { action: 'reopen', reason: 'why not' })).toThrow(
      `cannot reopen incident inc-1 from ${from} to investigating: only a resolved or closed incident can be reopened`,
    );
  });
});

describe('availableTransitions', () => {
  it('offers triage its three ways out', () => {
    expect(availableTransitions('triage')).toEqual([
      { action: 'accept', to: 'investigating' },
      { action: 'decline', to: 'declined' },
      { action: 'merge', to: 'declined' },
    ]);
  });

  it('offers resolved closing and reopening, closed only reopening, declined nothing', () => {
    expect(availableTransitions('resolved')).toEqual([
      { action: 'set_status', to: 'closed' },
      { action: 'reopen', to: 'investigating' },
    ]);
    expect(availableTransitions('closed')).toEqual([{ action: 'reopen', to: 'investigating' }]);
    expect(availableTransitions('declined')).toEqual([]);
  });

  it('offers only moves that transitionIncident accepts', () => {
    for (const from of IncidentStatus.options) {
      for (const move of availableTransitions(from)) {
        const command: LifecycleCommand =
          move.action === 'merge'
            ? { action: 'merge', into: { id: 'inc-2', status: 'investigating' } }
            : move.action === 'set_status'
              ? { action: 'set_status', to: move.to }
              : move.action === 'accept'
                ? { action: 'accept' }
                : { action: move.action, reason: 'because' };
        expect(transitionIncident(inc(from), command).to).toBe(move.to);
      }
    }
  });
});

describe('assertVersion', () => {
  it('passes when the stored version is the one the caller read', () => {
    expect(() => assertVersion(4, 4)).not.toThrow();
  });

  it.each([
    [3, 5],
    [5, 3],
  ])('refuses version %i when the incident is at %i, as a conflict', (expected, actual) => {
    const error = caught(() => assertVersion(expected, actual));
    expect(error).toBeInstanceOf(IncidentException);
    expect(error).toMatchObject({
      category: 'CONFLICT',
      code: IncidentErrorCode.INCIDENT_VERSION_CONFLICT,
      details: { expectedVersion: expected, actualVersion: actual },
      message: `the incident was changed by someone else: your change is based on version ${expected}, it is now at version ${actual}; reload it and apply your change again`,
    });
  });

  it('names what conflicted', () => {
    expect(() => assertVersion(1, 2, 'checklist')).toThrow('the checklist was changed by someone else');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the expected version %p as bad input', (expected) => {
    expect(caught(() => assertVersion(expected, 1))).toMatchObject({
      category: 'BAD_USER_INPUT',
      code: IncidentErrorCode.INVALID_INCIDENT_INPUT,
      message: `expected version must be a positive integer, got ${expected}`,
    });
  });
});
