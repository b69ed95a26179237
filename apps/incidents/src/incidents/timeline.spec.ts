import { draftFromIncident } from '../postmortems';
import { transitionIncident } from './incident-lifecycle';
import { IncidentErrorCode } from './incident.exception';
import { applyMilestoneChanges, milestoneChangesFor, openingMilestones, toIncidentMilestones } from './milestones';
import { at, caught } from './testing/incident-core.factory';
import {
  createTimelineEntry,
  describeTimelineEntry,
  earliestNoteInstant,
  keyEvents,
  markKeyEvent,
  orderTimeline,
  toPostMortemTimeline,
  transitionDetails,
  type TimelineActor,
  type TimelineDetail,
  type TimelineEntry,
} from './timeline';

const T = (hhmm: string): Date => at(`2026-03-10T${hhmm}:00Z`);
const ann: TimelineActor = { type: 'user', id: 'u-ann', name: 'Ann' };
const system: TimelineActor = { type: 'system', id: 'keel' };
const note = (text: string): TimelineDetail => ({ kind: 'note', text });

/** Opened at 09:10, impact from 09:00 (recorded), now 10:00. */
const context = {
  now: T('10:00'),
  openedAt: T('09:10'),
  milestones: openingMilestones({
    status: 'investigating',
    actor: 'u-ann',
    now: T('09:10'),
    impactStartedAt: T('09:00'),
  }),
};

function entry(id: string, occurred: string, recorded: string, key = false): TimelineEntry {
  return {
    id,
    incidentId: 'inc-1',
    detail: note(id),
    actor: ann,
    occurredAt: T(occurred),
    recordedAt: T(recorded),
    key,
  };
}

describe('createTimelineEntry', () => {
  it('records now, occurs now unless told, and marks key events by kind', () => {
    const status = createTimelineEntry(
      {
        id: 'e1',
        incidentId: 'inc-1',
        actor: ann,
        detail: { kind: 'status_change', from: 'investigating', to: 'mitigated', reason: null, mergedIntoId: null },
      },
      context,
    );
    expect(status).toMatchObject({ occurredAt: T('10:00'), recordedAt: T('10:00'), key: true });
    const plain = createTimelineEntry(
      { id: 'e2', incidentId: 'inc-1', actor: ann, detail: note('  looking at pool  ') },
      context,
    );
    expect(plain).toMatchObject({ key: false, detail: { kind: 'note', text: 'looking at pool' } });
    const marked = createTimelineEntry(
      { id: 'e3', incidentId: 'inc-1', actor: ann, detail: note('deploy 4711'), key: true },
      context,
    );
    expect(marked.key).toBe(true);
    const runbook = createTimelineEntry(
      {
        id: 'e4',
        incidentId: 'inc-1',
        actor: ann,
        detail: { kind: 'runbook', name: 'db-failover', version: 2, automatic: false },
      },
      context,
    );
    expect(runbook).toMatchObject({ key: false, detail: { kind: 'runbook', name: 'db-failover', version: 2 } });
  });

  it('lets a note be back-dated to the impact start minus 24 hours, no further', () => {
    expect(earliestNoteInstant(context)).toEqual(at('2026-03-09T09:00:00Z'));
    const backdated = createTimelineEntry(
      {
        id: 'e1',
        incidentId: 'inc-1',
        actor: ann,
        detail: note('config change'),
        occurredAt: at('2026-03-09T09:00:00Z'),
      },
      context,
    );
    expect(backdated).toMatchObject({ occurredAt: at('2026-03-09T09:00:00Z'), recordedAt: T('10:00') });
    expect(
      caught(() =>
        createTimelineEntry(
          {
            id: 'e2',
            incidentId: 'inc-1',
            actor: ann,
            detail: note('too old'),
            occurredAt: at('2026-03-09T08:59:59Z'),
          },
          context,
        ),
      ),
    ).toMatchObject({
      code: IncidentErrorCode.INVALID_TIMELINE_ENTRY,
      message:
        "note occurredAt 2026-03-09T08:59:59.000Z is too far back: notes may be back-dated to 2026-03-09T09:00:00.000Z (the incident's start minus 24 h)",
    });
  });

  it('starts the back-dating window at the opening when no earlier milestone is known, with a configurable margin', () => {
    expect(earliestNoteInstant({ openedAt: T('09:10'), milestones: null, noteBackdateMarginMs: 3_600_000 })).toEqual(
      T('08:10'),
    );
    expect(() =>
      createTimelineEntry(
        { id: 'e1', incidentId: 'inc-1', actor: ann, detail: note('x'), occurredAt: T('08:09') },
        { now: T('10:00'), openedAt: T('09:10'), noteBackdateMarginMs: 3_600_000 },
      ),
    ).toThrow("(the incident's start minus 1 h)");
  });

  it('lets an alert entry carry a firing time older than the note window', () => {
    const alert = createTimelineEntry(
      {
        id: 'e1',
        incidentId: 'inc-1',
        actor: system,
        detail: { kind: 'alert', fingerprint: 'f1', ruleName: 'HighErrorRate', state: 'firing', summary: null },
        occurredAt: at('2026-03-01T00:00:00Z'),
      },
      context,
    );
    expect(alert.occurredAt).toEqual(at('2026-03-01T00:00:00Z'));
  });

  it.each([
    [
      { detail: note('later'), occurredAt: at('2026-03-10T10:01:01Z') },
      'note entry: occurredAt 2026-03-10T10:01:01.000Z is in the future (now is 2026-03-10T10:00:00.000Z, allowed clock skew 60 s)',
    ],
    [{ detail: note('   ') }, 'note text must have 1 to 10000 characters, got 0'],
    [{ detail: note('x'.repeat(10_001)) }, 'note text must have 1 to 10000 characters, got 10001'],
    [{ detail: note('x'), occurredAt: new Date('nope') }, 'note entry: occurredAt must be a valid instant'],
    [
      { detail: { kind: 'gossip' } as unknown as TimelineDetail },
      'entry kind must be one of status_change, milestone, role_change, alert, checklist_step, notification, note, severity_change, runbook, post_mortem, got "gossip"',
    ],
  ])('refuses %#', (change, message) => {
    expect(() => createTimelineEntry({ id: 'e1', incidentId: 'inc-1', actor: ann, ...change }, context)).toThrow(
      message,
    );
  });

  it('accepts an entry within the clock skew', () => {
    const entry = createTimelineEntry(
      { id: 'e1', incidentId: 'inc-1', actor: ann, detail: note('x'), occurredAt: at('2026-03-10T10:01:00Z') },
      context,
    );
    expect(entry.occurredAt).toEqual(at('2026-03-10T10:01:00Z'));
  });
});

describe('orderTimeline', () => {
  it('orders by occurredAt, then recordedAt, then id, without changing its input', () => {
    // "a" was recorded after "b" although its id sorts first: recordedAt decides before the id.
    const entries = [
      entry('c', '09:30', '09:40'),
      entry('b', '09:30', '09:35'),
      entry('z', '09:20', '09:50'),
      entry('a', '09:30', '09:45'),
      entry('d', '09:30', '09:35'),
    ];
    expect(orderTimeline(entries).map((e) => e.id)).toEqual(['z', 'b', 'd', 'c', 'a']);
    expect(entries.map((e) => e.id)).toEqual(['c', 'b', 'z', 'a', 'd']);
    expect(orderTimeline([...entries].reverse()).map((e) => e.id)).toEqual(['z', 'b', 'd', 'c', 'a']);
  });

  it('breaks ties between numeric ids as numbers, so entry 10 follows entry 9', () => {
    const entries = [entry('10', '09:30', '09:35'), entry('9', '09:30', '09:35'), entry('100', '09:30', '09:35')];
    expect(orderTimeline(entries).map((e) => e.id)).toEqual(['9', '10', '100']);
  });

  it('places a back-dated note where it happened, not where it was written', () => {
    const entries = [entry('status', '09:30', '09:30'), entry('late-note', '09:05', '09:55')];
    expect(orderTimeline(entries).map((e) => e.id)).toEqual(['late-note', 'status']);
  });

  it('picks key events in order, and marks or unmarks one', () => {
    const entries = [
      entry('b', '09:40', '09:40', true),
      entry('a', '09:10', '09:10'),
      entry('c', '09:20', '09:20', true),
    ];
    expect(keyEvents(entries).map((e) => e.id)).toEqual(['c', 'b']);
    const marked = markKeyEvent(entries[1] as TimelineEntry, true);
    expect(marked.key).toBe(true);
    expect(entries[1]?.key).toBe(false);
  });
});

describe('transition entries and text', () => {
  it('writes a status change and each milestone change of a transition', () => {
    const transition = transitionIncident(
      { id: 'inc-1', status: 'investigating' },
      { action: 'set_status', to: 'resolved' },
    );
    const changes = milestoneChangesFor(transition, context.milestones, { now: T('10:00'), actor: 'u-ann' });
    const details = transitionDetails(transition, changes);
    expect(details).toEqual([
      { kind: 'status_change', from: 'investigating', to: 'resolved', reason: null, mergedIntoId: null },
      { kind: 'milestone', milestone: 'mitigated', value: T('10:00'), previousValue: null, reason: null },
      { kind: 'milestone', milestone: 'resolved', value: T('10:00'), previousValue: null, reason: null },
    ]);
    expect(details.map((detail) => describeTimelineEntry({ detail }))).toEqual([
      'Status changed from investigating to resolved',
      'Mitigated milestone set to 2026-03-10T10:00:00.000Z',
      'Resolved milestone set to 2026-03-10T10:00:00.000Z',
    ]);
  });

  it.each([
    [
      { kind: 'milestone', milestone: 'detected', value: T('09:05'), previousValue: T('09:10'), reason: 'pager log' },
      'Detected milestone changed from 2026-03-10T09:10:00.000Z to 2026-03-10T09:05:00.000Z (pager log)',
    ],
    [
      { kind: 'milestone', milestone: 'closed', value: null, previousValue: T('09:50'), reason: null },
      'Closed milestone cleared',
    ],
    [
      { kind: 'role_change', role: 'incident_commander', fromUserId: 'u-ann', toUserId: 'u-bob' },
      'incident_commander handed from u-ann to u-bob',
    ],
    [{ kind: 'role_change', role: 'scribe', fromUserId: null, toUserId: 'u-cat' }, 'scribe assigned to u-cat'],
    [{ kind: 'role_change', role: 'scribe', fromUserId: 'u-cat', toUserId: null }, 'scribe released by u-cat'],
    [
      {
        kind: 'alert',
        fingerprint: 'f',
        ruleName: 'HighErrorRate',
        state: 'resolved',
        summary: 'High error rate detected',
      },
      'Alert HighErrorRate resolved: High error rate detected',
    ],
    [
      { kind: 'checklist_step', stepId: 'verify_fix', title: 'Verify fix', action: 'completed', note: 'stable' },
      'Checklist step "Verify fix" completed (stable)',
    ],
    [
      { kind: 'notification', channel: 'slack', recipients: ['u-ann', 'u-bob'], purpose: 'escalation level 1' },
      'Notified u-ann, u-bob via slack: escalation level 1',
    ],
    [
      { kind: 'notification', channel: 'none', recipients: [], purpose: 'paging is not configured' },
      'Nobody notified: paging is not configured',
    ],
    [
      { kind: 'severity_change', from: 'P2', to: 'P1', reason: 'checkout affected' },
      'Severity changed from P2 to P1 (checkout affected)',
    ],
    [
      { kind: 'status_change', from: 'closed', to: 'investigating', reason: 'errors are back', mergedIntoId: null },
      'Status changed from closed to investigating (errors are back)',
    ],
    [
      { kind: 'status_change', from: null, to: 'investigating', reason: null, mergedIntoId: null },
      'Incident opened as investigating',
    ],
    [
      { kind: 'runbook', name: 'database/failover', version: 3, automatic: true },
      'Runbook "database/failover" (version 3) activated automatically',
    ],
    [
      { kind: 'runbook', name: 'db-failover', version: 1, automatic: false },
      'Runbook "db-failover" (version 1) activated',
    ],
    [
      { kind: 'post_mortem', postMortemId: 'pm-1', title: 'Checkout errors', action: 'drafted', automatic: true },
      'Post-mortem "Checkout errors" drafted automatically',
    ],
    [
      { kind: 'post_mortem', postMortemId: 'pm-1', title: 'Checkout errors', action: 'published', automatic: false },
      'Post-mortem "Checkout errors" published',
    ],
  ] as Array<[TimelineDetail, string]>)('describes %j', (detail, text) => {
    expect(describeTimelineEntry({ detail })).toBe(text);
  });
});

describe('toPostMortemTimeline', () => {
  it('feeds the post-mortem draft its key events, leaving milestones to the incident', () => {
    let milestones = context.milestones;
    const transition = transitionIncident(
      { id: 'inc-1', status: 'investigating' },
      { action: 'set_status', to: 'mitigated' },
    );
    const changes = milestoneChangesFor(transition, milestones, { now: T('09:40'), actor: 'u-ann' });
    milestones = applyMilestoneChanges(milestones, changes);
    const details = transitionDetails(transition, changes);
    const entries = [
      ...details.map((detail, i) =>
        createTimelineEntry({ id: `s${i}`, incidentId: 'inc-1', actor: ann, detail }, { ...context, now: T('09:40') }),
      ),
      createTimelineEntry(
        {
          id: 'n1',
          incidentId: 'inc-1',
          actor: ann,
          detail: note('Rolled back 4711'),
          occurredAt: T('09:35'),
          key: true,
        },
        context,
      ),
      createTimelineEntry({ id: 'n2', incidentId: 'inc-1', actor: system, detail: note('noise') }, context),
    ];
    expect(toPostMortemTimeline(entries)).toEqual([
      { id: 'n1', at: T('09:35'), text: 'Rolled back 4711', actorId: 'u-ann', key: true, milestone: null },
      {
        id: 's0',
        at: T('09:40'),
        text: 'Status changed from investigating to mitigated',
        actorId: 'u-ann',
        key: true,
        milestone: null,
      },
      { id: 'n2', at: T('10:00'), text: 'noise', actorId: null, key: false, milestone: null },
    ]);
    const draft = draftFromIncident(
      {
        id: 'inc-1',
        title: 'Checkout errors',
        description: '',
        severity: 'P1',
        services: ['checkout-api'],
        milestones: toIncidentMilestones(milestones),
      },
      toPostMortemTimeline(entries),
      [],
      { id: 'pm-1', ownerId: 'u-ann', now: T('10:00') },
    );
    expect(draft.incident.timeline.map((e) => [e.at.toISOString().slice(11, 16), e.description])).toEqual([
      ['09:00', 'Impact started'],
      ['09:10', 'Incident detected'],
      ['09:10', 'Incident acknowledged'],
      ['09:35', 'Rolled back 4711'],
      ['09:40', 'Impact mitigated'],
      ['09:40', 'Status changed from investigating to mitigated'],
    ]);
  });
});
