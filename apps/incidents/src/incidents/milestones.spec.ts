import { incidentDurations } from '../postmortems';
import { transitionIncident } from './incident-lifecycle';
import { IncidentErrorCode } from './incident.exception';
import {
  applyMilestoneChanges,
  assertMilestonesValid,
  captureMilestone,
  editMilestone,
  milestoneChangesFor,
  milestoneIssues,
  milestonesImpliedBy,
  milestoneValues,
  noMilestones,
  openingMilestones,
  toIncidentMilestones,
  type Milestones,
} from './milestones';
import { at, caught } from './testing/incident-core.factory';

const T0 = at('2026-03-10T09:00:00Z');
const min = (n: number): Date => new Date(T0.getTime() + n * 60_000);

/** Declared at T0+10 (detected then, acknowledged by the declarer), impact from T0. */
function declared(): Milestones {
  return openingMilestones({ status: 'investigating', actor: 'u-ann', now: min(10), impactStartedAt: T0 });
}

describe('openingMilestones', () => {
  it('captures detected, impact started and acknowledged for a declared incident', () => {
    const m = declared();
    expect(milestoneValues(m)).toEqual({
      impact_started: T0,
      detected: min(10),
      acknowledged: min(10),
      mitigated: null,
      resolved: null,
      closed: null,
    });
    expect(m.detected).toEqual({
      name: 'detected',
      value: min(10),
      capturedValue: min(10),
      capturedAt: min(10),
      capturedBy: 'u-ann',
      editedBy: null,
      editedAt: null,
      editReason: null,
    });
  });

  it('leaves a triage incident unacknowledged and takes detection from the alert', () => {
    const m = openingMilestones({ status: 'triage', actor: 'system', now: min(3), detectedAt: min(1) });
    expect(milestoneValues(m)).toMatchObject({ impact_started: null, detected: min(1), acknowledged: null });
    expect(m.detected?.capturedAt).toEqual(min(3));
  });

  it('refuses an impact start after detection', () => {
    expect(
      caught(() =>
        openingMilestones({
          status: 'triage',
          actor: 'system',
          now: min(5),
          detectedAt: min(1),
          impactStartedAt: min(2),
        }),
      ),
    ).toMatchObject({
      code: IncidentErrorCode.INVALID_MILESTONES,
      message:
        'milestones.detected (2026-03-10T09:01:00.000Z) must not be before impact_started (2026-03-10T09:02:00.000Z)',
    });
  });
});

describe('milestoneIssues', () => {
  const clock = { now: min(60) };

  it('accepts equal instants and skips unset milestones', () => {
    expect(milestoneIssues({ impact_started: min(1), detected: min(1), mitigated: min(5) }, clock)).toEqual([]);
  });

  it('compares with the latest earlier milestone that is set', () => {
    expect(milestoneIssues({ impact_started: min(10), detected: null, acknowledged: min(5) }, clock)).toEqual([
      {
        field: 'milestones.acknowledged',
        message:
          'milestones.acknowledged (2026-03-10T09:05:00.000Z) must not be before impact_started (2026-03-10T09:10:00.000Z)',
      },
    ]);
  });

  it('reports every problem, not just the first', () => {
    const issues = milestoneIssues(
      { detected: min(20), acknowledged: min(10), mitigated: min(15), closed: min(70) },
      clock,
    );
    expect(issues.map((i) => i.field)).toEqual([
      'milestones.acknowledged',
      'milestones.mitigated',
      'milestones.closed',
    ]);
    expect(issues[1]?.message).toContain('must not be before detected (2026-03-10T09:20:00.000Z)');
    expect(issues[2]?.message).toBe(
      'milestones.closed (2026-03-10T10:10:00.000Z) is in the future: now is 2026-03-10T10:00:00.000Z, allowed clock skew 60 s',
    );
  });

  it('allows the clock skew and no more', () => {
    expect(milestoneIssues({ detected: new Date(min(60).getTime() + 60_000) }, clock)).toEqual([]);
    expect(milestoneIssues({ detected: new Date(min(60).getTime() + 60_001) }, clock)).toHaveLength(1);
    expect(milestoneIssues({ detected: min(62) }, { now: min(60), maxClockSkewMs: 180_000 })).toEqual([]);
  });

  it('refuses an invalid date', () => {
    expect(() => assertMilestonesValid({ detected: new Date('nope') }, clock)).toThrow(
      'milestones.detected must be a valid instant',
    );
  });
});

describe('captureMilestone', () => {
  it('lets a person record when impact started', () => {
    const base = openingMilestones({ status: 'investigating', actor: 'u-ann', now: min(10) });
    const m = captureMilestone(base, 'impact_started', { value: min(2), actor: 'u-bob', now: min(30) });
    expect(m.impact_started).toMatchObject({
      value: min(2),
      capturedValue: min(2),
      capturedAt: min(30),
      capturedBy: 'u-bob',
    });
    expect(base.impact_started).toBeNull();
  });

  it.each([
    ['detected', 'milestone detected is already set (2026-03-10T09:10:00.000Z); edit it with a reason instead'],
    ['mitigated', 'milestone mitigated is set by the status change that reaches it; it cannot be captured by hand'],
  ] as const)('refuses capturing %s', (name, message) => {
    expect(() => captureMilestone(declared(), name, { value: min(20), actor: 'u-bob', now: min(30) })).toThrow(message);
  });

  it('refuses a capture out of order', () => {
    const triage = openingMilestones({ status: 'triage', actor: 'system', now: min(10) });
    expect(() => captureMilestone(triage, 'acknowledged', { value: min(9), actor: 'u-bob', now: min(30) })).toThrow(
      'milestones.acknowledged (2026-03-10T09:09:00.000Z) must not be before detected (2026-03-10T09:10:00.000Z)',
    );
  });
});

describe('editMilestone', () => {
  it('changes the value and keeps the captured value beside it', () => {
    const edited = editMilestone(declared(), 'detected', {
      value: min(4),
      actor: 'u-cat',
      now: min(50),
      reason: ' pager log ',
    });
    expect(edited.detected).toEqual({
      name: 'detected',
      value: min(4),
      capturedValue: min(10),
      capturedAt: min(10),
      capturedBy: 'u-ann',
      editedBy: 'u-cat',
      editedAt: min(50),
      editReason: 'pager log',
    });
    const again = editMilestone(edited, 'detected', {
      value: min(5),
      actor: 'u-dan',
      now: min(55),
      reason: 'chat log',
    });
    expect(again.detected).toMatchObject({
      value: min(5),
      capturedValue: min(10),
      editedBy: 'u-dan',
      editReason: 'chat log',
    });
  });

  it('needs a reason', () => {
    expect(
      caught(() => editMilestone(declared(), 'detected', { value: min(4), actor: 'u', now: min(50), reason: '' })),
    ).toMatchObject({
      code: IncidentErrorCode.INVALID_MILESTONES,
      message: 'cannot edit milestone detected: a reason is required',
    });
  });

  it.each([
    ['mitigated', 'milestone mitigated is not set yet; the status change that reaches it sets it'],
    ['impact_started', 'milestone impact_started is not set yet; capture it instead of editing it'],
  ] as const)('refuses editing an unset %s', (name, message) => {
    const base = openingMilestones({ status: 'investigating', actor: 'u-ann', now: min(10) });
    expect(() => editMilestone(base, name, { value: min(4), actor: 'u', now: min(50), reason: 'r' })).toThrow(message);
  });

  it('refuses an edit that breaks the order or changes nothing', () => {
    expect(() =>
      editMilestone(declared(), 'acknowledged', { value: min(9), actor: 'u', now: min(50), reason: 'r' }),
    ).toThrow(
      'milestones.acknowledged (2026-03-10T09:09:00.000Z) must not be before detected (2026-03-10T09:10:00.000Z)',
    );
    expect(() =>
      editMilestone(declared(), 'detected', { value: min(10), actor: 'u', now: min(50), reason: 'r' }),
    ).toThrow('milestone detected is already 2026-03-10T09:10:00.000Z; nothing to edit');
    expect(() =>
      editMilestone(declared(), 'detected', { value: min(52), actor: 'u', now: min(50), reason: 'r' }),
    ).toThrow('milestones.detected (2026-03-10T09:52:00.000Z) is in the future');
  });
});

describe('milestoneChangesFor', () => {
  const move = (
    status: Parameters<typeof transitionIncident>[0]['status'],
    to: 'mitigated' | 'resolved' | 'closed' | 'identified',
  ) => transitionIncident({ id: 'inc-1', status }, { action: 'set_status', to });

  it('maps each status to the milestones it implies', () => {
    expect(milestonesImpliedBy('triage')).toEqual([]);
    expect(milestonesImpliedBy('monitoring')).toEqual(['acknowledged']);
    expect(milestonesImpliedBy('closed')).toEqual(['acknowledged', 'mitigated', 'resolved', 'closed']);
  });

  it('acknowledges on accept', () => {
    const triage = openingMilestones({ status: 'triage', actor: 'system', now: min(1) });
    const accept = transitionIncident({ id: 'inc-1', status: 'triage' }, { action: 'accept' });
    const changes = milestoneChangesFor(accept, triage, { now: min(4), actor: 'u-ann' });
    expect(changes).toEqual([
      {
        kind: 'set',
        name: 'acknowledged',
        milestone: expect.objectContaining({ value: min(4), capturedAt: min(4), capturedBy: 'u-ann' }),
      },
    ]);
  });

  it('sets mitigated on mitigation, and both mitigated and resolved when resolving straight away', () => {
    expect(
      milestoneChangesFor(move('monitoring', 'mitigated'), declared(), { now: min(30), actor: 'u' }).map((c) => c.name),
    ).toEqual(['mitigated']);
    const changes = milestoneChangesFor(move('investigating', 'resolved'), declared(), { now: min(40), actor: 'u' });
    expect(changes.map((c) => [c.kind, c.name, c.kind === 'set' ? c.milestone.value : null])).toEqual([
      ['set', 'mitigated', min(40)],
      ['set', 'resolved', min(40)],
    ]);
  });

  it('does nothing when stepping back, and keeps milestones already set', () => {
    const mitigated = applyMilestoneChanges(
      declared(),
      milestoneChangesFor(move('monitoring', 'mitigated'), declared(), { now: min(30), actor: 'u' }),
    );
    expect(milestoneChangesFor(move('mitigated', 'identified'), mitigated, { now: min(35), actor: 'u' })).toEqual([]);
    expect(milestoneChangesFor(move('identified', 'mitigated'), mitigated, { now: min(45), actor: 'u' })).toEqual([]);
  });

  it('clears resolved and closed on reopen, keeping the first mitigation; resolving again sets the new time', () => {
    let m = declared();
    m = applyMilestoneChanges(m, milestoneChangesFor(move('mitigated', 'resolved'), m, { now: min(40), actor: 'u' }));
    m = applyMilestoneChanges(m, milestoneChangesFor(move('resolved', 'closed'), m, { now: min(50), actor: 'u' }));
    const reopen = transitionIncident({ id: 'inc-1', status: 'closed' }, { action: 'reopen', reason: 'back' });
    const changes = milestoneChangesFor(reopen, m, { now: min(70), actor: 'u-bob' });
    expect(changes.map((c) => [c.kind, c.name])).toEqual([
      ['clear', 'resolved'],
      ['clear', 'closed'],
    ]);
    expect(changes[0]).toMatchObject({ previous: { value: min(40) } });
    m = applyMilestoneChanges(m, changes);
    expect(milestoneValues(m)).toMatchObject({ mitigated: min(40), resolved: null, closed: null });
    m = applyMilestoneChanges(
      m,
      milestoneChangesFor(move('investigating', 'resolved'), m, { now: min(90), actor: 'u' }),
    );
    expect(milestoneValues(m)).toMatchObject({ mitigated: min(40), resolved: min(90) });
  });

  it('never sets a milestone before an earlier one typed slightly ahead of the server clock', () => {
    const base = openingMilestones({ status: 'investigating', actor: 'u', now: min(10) });
    const ahead = captureMilestone({ ...base, acknowledged: null }, 'acknowledged', {
      value: min(20.5),
      actor: 'u',
      now: min(20),
    });
    const changes = milestoneChangesFor(move('investigating', 'mitigated'), ahead, { now: min(20), actor: 'u' });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ name: 'mitigated', milestone: { value: min(20.5), capturedAt: min(20) } });
    expect(milestoneIssues(milestoneValues(applyMilestoneChanges(ahead, changes)), { now: min(20) })).toEqual([]);
  });

  it('feeds the post-mortem durations', () => {
    let m = declared();
    m = applyMilestoneChanges(m, milestoneChangesFor(move('identified', 'mitigated'), m, { now: min(40), actor: 'u' }));
    m = applyMilestoneChanges(m, milestoneChangesFor(move('mitigated', 'resolved'), m, { now: min(70), actor: 'u' }));
    expect(incidentDurations(toIncidentMilestones(m))).toEqual({
      timeToDetectMs: 10 * 60_000,
      timeToAcknowledgeMs: 0,
      timeToMitigateMs: 30 * 60_000,
      timeToResolveMs: 60 * 60_000,
      impactDurationMs: 40 * 60_000,
    });
    expect(toIncidentMilestones(noMilestones())).toEqual({
      impactStartedAt: null,
      detectedAt: null,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      closedAt: null,
    });
  });
});
