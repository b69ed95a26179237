import { noMilestones, type Milestone, type MilestoneName } from '../incidents/milestones';
import type { RoleAssignment } from '../incidents/incident-roles';
import type { TimelineEntry } from '../incidents/timeline';
import {
  draftOwner,
  draftSources,
  postMortemClosingReasons,
  shouldDraftAutomatically,
  type IncidentFactsForPostMortem,
} from './incident-post-mortem';
import { anActionItem, at } from './testing/post-mortem.factory';

const milestone = (name: MilestoneName, iso: string): Milestone => ({
  name,
  value: at(iso),
  capturedValue: at(iso),
  capturedAt: at(iso),
  capturedBy: 'u-ann',
  editedBy: null,
  editedAt: null,
  editReason: null,
});

const role = (overrides: Partial<RoleAssignment>): RoleAssignment => ({
  id: '1',
  role: 'incident_commander',
  userId: 'u-ann',
  startedAt: at('2026-07-01T10:00:00Z'),
  endedAt: null,
  assignedBy: 'u-ann',
  ...overrides,
});

describe('shouldDraftAutomatically', () => {
  it.each([
    ['mitigated', true, false, true],
    ['resolved', true, false, true],
    ['closed', true, false, true],
    ['monitoring', true, false, false],
    ['mitigated', false, false, false],
    ['mitigated', true, true, false],
  ] as const)('at %s, required %s, existing %s → %s', (status, required, exists, expected) => {
    expect(shouldDraftAutomatically(status, { postMortemRequired: required }, exists)).toBe(expected);
  });
});

describe('draftOwner', () => {
  const now = at('2026-07-01T12:00:00Z');

  it('is the commander now, else the last commander, else the fallback', () => {
    const handedOff = [
      role({ id: '1', userId: 'u-ann', endedAt: at('2026-07-01T11:00:00Z') }),
      role({ id: '2', userId: 'u-bob', startedAt: at('2026-07-01T11:00:00Z') }),
      role({ id: '3', role: 'scribe', userId: 'u-cid' }),
    ];
    expect(draftOwner(handedOff, now, 'u-fallback')).toBe('u-bob');
    const released = [
      role({ id: '1', userId: 'u-ann', endedAt: at('2026-07-01T10:30:00Z') }),
      role({ id: '2', userId: 'u-bob', startedAt: at('2026-07-01T10:30:00Z'), endedAt: at('2026-07-01T11:30:00Z') }),
    ];
    expect(draftOwner(released, now, 'u-fallback')).toBe('u-bob');
    expect(draftOwner([role({ role: 'scribe' })], now, 'u-fallback')).toBe('u-fallback');
  });
});

describe('draftSources', () => {
  it('maps the facts to draftFromIncident: milestone values, timeline without milestone entries, alerts', () => {
    const milestones = { ...noMilestones(), detected: milestone('detected', '2026-07-01T10:00:00Z') };
    const entry = (id: string, detail: TimelineEntry['detail'], key: boolean): TimelineEntry => ({
      id,
      incidentId: 'inc-1',
      detail,
      actor: { type: 'user', id: 'u-ann', name: 'ann' },
      occurredAt: at('2026-07-01T10:05:00Z'),
      recordedAt: at('2026-07-01T10:05:00Z'),
      key,
    });
    const facts: IncidentFactsForPostMortem = {
      incident: {
        id: 'inc-1',
        title: 'Checkout errors',
        description: 'Customers cannot pay',
        severity: 'P1',
        services: ['checkout-api'],
        declaredById: 'u-ann',
      },
      milestones,
      roles: [],
      timeline: [
        entry('1', { kind: 'note', text: 'Rolled back' }, true),
        entry(
          '2',
          {
            kind: 'milestone',
            milestone: 'detected',
            value: at('2026-07-01T10:00:00Z'),
            previousValue: null,
            reason: null,
          },
          true,
        ),
      ],
      alerts: [
        {
          fingerprint: 'f1',
          alertName: 'HighErrorRate',
          annotations: { summary: '5xx above 5%' },
          firstFiringAt: at('2026-07-01T09:59:00Z'),
          resolvedAt: null,
        },
      ],
    };
    const sources = draftSources(facts);
    expect(sources.incident).toMatchObject({ id: 'inc-1', severity: 'P1', services: ['checkout-api'] });
    expect(sources.incident.milestones).toMatchObject({ detectedAt: at('2026-07-01T10:00:00Z'), mitigatedAt: null });
    expect(sources.timeline).toEqual([
      { id: '1', at: at('2026-07-01T10:05:00Z'), text: 'Rolled back', actorId: 'u-ann', key: true, milestone: null },
    ]);
    expect(sources.alerts).toEqual([
      {
        fingerprint: 'f1',
        ruleName: 'HighErrorRate',
        annotations: { summary: '5xx above 5%' },
        firedAt: at('2026-07-01T09:59:00Z'),
        resolvedAt: null,
      },
    ]);
  });
});

describe('postMortemClosingReasons', () => {
  const required = { postMortemRequired: true };

  it('names a missing or unpublished required post-mortem and each open required action item', () => {
    expect(postMortemClosingReasons({ severity: 'P1', policy: required, postMortem: null, actionItems: [] })).toEqual([
      'a post-mortem is required for P1 incidents and none exists yet',
    ]);
    expect(
      postMortemClosingReasons({
        severity: 'P1',
        policy: required,
        postMortem: { title: 'Checkout errors', status: 'in_review' },
        actionItems: [
          anActionItem({ id: 'a', title: 'Canary', required: true, status: 'in_progress', ownerId: 'u-bob' }),
          anActionItem({ id: 'b', title: 'Docs', required: false }),
          anActionItem({ id: 'c', title: 'Alert', required: true, status: 'done' }),
          anActionItem({ id: 'd', title: 'Runbook', required: true, ownerId: null, dueDate: null }),
        ],
      }),
    ).toEqual([
      'the post-mortem "Checkout errors" is in review, not published',
      'required action item "Canary" is in progress (owner u-bob, due 2026-07-31)',
      'required action item "Runbook" is open (unassigned)',
    ]);
  });

  it('blocks nothing once published with its required items closed, nor for a severity without post-mortem', () => {
    const items = [anActionItem({ required: true, status: 'wont_do', statusReason: 'superseded' })];
    const published = { title: 'x', status: 'published' as const };
    expect(
      postMortemClosingReasons({ severity: 'P0', policy: required, postMortem: published, actionItems: items }),
    ).toEqual([]);
    expect(
      postMortemClosingReasons({
        severity: 'P3',
        policy: { postMortemRequired: false },
        postMortem: null,
        actionItems: [],
      }),
    ).toEqual([]);
  });
});
