import type { IncidentModel } from '../incidents/incident.model';
import type { EscalationNotificationEntity, IncidentEscalationEntity } from './incident-escalation.entity';
import type { IncidentEscalationRepository } from './incident-escalation.repository';
import { IncidentEscalationResolver } from './incident-escalation.resolver';

const escalation = (id: string, incidentId: string): IncidentEscalationEntity => ({
  id,
  incidentId,
  policyId: 'default',
  policyVersion: 1,
  policySnapshot: null,
  status: 'running',
  triggeredAt: new Date('2030-01-01T00:00:00Z'),
  stepsFired: 1,
  levelIndex: 0,
  pass: 0,
  nextDueAt: null,
  acknowledgedAt: null,
  acknowledgedById: null,
  stoppedReason: null,
  createdAt: new Date('2030-01-01T00:00:00Z'),
  updatedAt: new Date('2030-01-01T00:00:00Z'),
});

const page = (id: string, escalationId: string, recipient: string): EscalationNotificationEntity => ({
  id,
  escalationId,
  incidentId: 'unused',
  levelIndex: 0,
  pass: 0,
  stepAt: new Date('2030-01-01T00:00:00Z'),
  recipient,
  contactMethodId: null,
  channel: 'webhook',
  outcome: 'delivered',
  attempts: 1,
  error: null,
  attemptedAt: new Date('2030-01-01T00:00:00Z'),
});

/** A repository knowing the escalations given, recording what each read was asked for. */
function repository(
  escalations: IncidentEscalationEntity[],
  notifications: EscalationNotificationEntity[],
): { repository: IncidentEscalationRepository; reads: Array<[string, string[]]> } {
  const reads: Array<[string, string[]]> = [];
  const fake = {
    latestForIncidents: async (ids: readonly string[]) => {
      reads.push(['latestForIncidents', [...ids]]);
      return new Map(escalations.filter((e) => ids.includes(e.incidentId)).map((e) => [e.incidentId, e]));
    },
    notificationsOf: async (ids: readonly string[]) => {
      reads.push(['notificationsOf', [...ids]]);
      const byEscalation = new Map<string, EscalationNotificationEntity[]>();
      for (const n of notifications.filter((n) => ids.includes(n.escalationId))) {
        byEscalation.set(n.escalationId, [...(byEscalation.get(n.escalationId) ?? []), n]);
      }
      return byEscalation;
    },
  };
  return { repository: fake as unknown as IncidentEscalationRepository, reads };
}

const incident = (id: string): IncidentModel => ({ id }) as IncidentModel;

describe('IncidentEscalationResolver', () => {
  it('reads the escalations of the incidents asked for in one turn, then their notifications, once each', async () => {
    const { repository: repo, reads } = repository(
      [escalation('e-1', 'i-1'), escalation('e-3', 'i-3')],
      [page('1', 'e-1', 'u-a'), page('2', 'e-3', 'u-b'), page('3', 'e-1', 'u-c')],
    );
    const resolver = new IncidentEscalationResolver(repo);
    const answers = await Promise.all(['i-1', 'i-2', 'i-3'].map((id) => resolver.escalation(incident(id))));
    expect(reads).toEqual([
      ['latestForIncidents', ['i-1', 'i-2', 'i-3']],
      ['notificationsOf', ['e-1', 'e-3']],
    ]);
    // Each incident gets its own escalation and pages, in the order read; none for an incident that never paged.
    expect(answers.map((a) => a?.notifications.map((n) => n.user?.id) ?? null)).toEqual([
      ['u-a', 'u-c'],
      null,
      ['u-b'],
    ]);
    expect(answers[0]).toMatchObject({ policyId: 'default', currentLevel: 1, currentPass: 1 });
  });

  it('answers null for an incident that never paged, and no notifications for an escalation without any', async () => {
    const paged = repository([escalation('e-1', 'i-1')], []);
    expect((await new IncidentEscalationResolver(paged.repository).escalation(incident('i-1')))?.notifications).toEqual(
      [],
    );
    const quiet = repository([], []);
    expect(await new IncidentEscalationResolver(quiet.repository).escalation(incident('i-9'))).toBeNull();
    // No escalation, no ids to read notifications of (the repository sends no statement for none).
    expect(quiet.reads).toEqual([
      ['latestForIncidents', ['i-9']],
      ['notificationsOf', []],
    ]);
  });
});
