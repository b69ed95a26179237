import { IncidentSeverity, SEVERITY_DEFINITIONS } from '../../enums/incident-severity';
import { IncidentStatus } from '../../enums/incident-status';
import { parseContract } from '../../parse-contract';
import { type IncidentEventInput, incidentsTopic } from './incidents.topic';

const event: IncidentEventInput = {
  eventId: '5c2e8a47-9d13-4f6b-b0a2-7e4f1c3d8b90',
  occurredAt: '2026-11-26T15:03:00Z',
  type: 'incident.status_changed',
  incident: {
    id: '9a7b6c5d-4e3f-4a1b-8c2d-0e1f2a3b4c5d',
    title: 'Backups failing',
    severity: 'P2',
    status: 'identified',
    services: ['backup'],
  },
  actor: { type: 'user', id: 'u-7', roles: ['responder'] },
};

describe('keel.incidents.v1', () => {
  it('partitions by incident id', () => {
    const result = parseContract(incidentsTopic, event);
    expect(result.ok && incidentsTopic.key(result.value)).toBe('9a7b6c5d-4e3f-4a1b-8c2d-0e1f2a3b4c5d');
  });

  it.each(IncidentStatus.options)('accepts status %s', (status) => {
    expect(parseContract(incidentsTopic, { ...event, incident: { ...event.incident, status } }).ok).toBe(true);
  });

  it('refuses a blank title', () => {
    expect(parseContract(incidentsTopic, { ...event, incident: { ...event.incident, title: '  ' } })).toEqual({
      ok: false,
      reason: 'incident.title: must not start or end with whitespace',
    });
  });
});

describe('severity definitions', () => {
  it('define every severity, most severe first', () => {
    expect(Object.keys(SEVERITY_DEFINITIONS)).toEqual(IncidentSeverity.options);
    expect(SEVERITY_DEFINITIONS.P0).toEqual({
      label: 'Critical',
      description: 'Complete system outage, data loss, security breach',
    });
    expect(SEVERITY_DEFINITIONS.P3.label).toBe('Low');
  });
});
