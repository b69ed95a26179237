import { AlertIntakeError, AlertIntakeErrorCode } from './alert-intake.error';
import type { IncidentAlertLink } from './alert-intake.types';
import { allLinkedAlertsResolved, mitigationSuggestion } from './mitigation';
import { aLink, anIncident, at } from './testing/alert-intake.factory';

const resolvedLink = (overrides: Partial<IncidentAlertLink> & { resolvedAt: Date }): IncidentAlertLink =>
  aLink({ lastState: 'resolved', lastStateAt: overrides.resolvedAt, ...overrides });

const errorRate = resolvedLink({
  fingerprint: 'fp-b',
  resolvedAt: at('2026-11-26T15:40:00Z'),
});
const pool = resolvedLink({
  fingerprint: 'fp-a',
  alertname: 'DatabaseConnectionPoolExhausted',
  groupKey: 'alertname="DatabaseConnectionPoolExhausted",service="api"',
  firstFiringAt: at('2026-11-26T15:05:00Z'),
  lastFiringAt: at('2026-11-26T15:05:00Z'),
  resolvedAt: at('2026-11-26T15:25:00Z'),
});
const memory = resolvedLink({
  fingerprint: 'fp-c',
  alertname: 'MemoryUsageCritical',
  groupKey: 'alertname="MemoryUsageCritical",service=""',
  service: null,
  resolvedAt: at('2026-11-26T15:40:00Z'),
});
const now = at('2026-11-26T16:00:00Z');

describe('allLinkedAlertsResolved', () => {
  it('is true when every linked alert resolved', () => {
    expect(allLinkedAlertsResolved([errorRate, pool])).toBe(true);
  });

  it('is false while one still fires', () => {
    expect(allLinkedAlertsResolved([errorRate, aLink({ fingerprint: 'fp-d' })])).toBe(false);
  });

  it('is false without links: there is nothing to say', () => {
    expect(allLinkedAlertsResolved([])).toBe(false);
  });
});

describe('mitigationSuggestion', () => {
  const incident = anIncident();

  it('gives the evidence in the order the alerts resolved, and a timeline entry at the last resolution', () => {
    expect(mitigationSuggestion(incident, [errorRate, memory, pool], now)).toEqual({
      incidentId: 'inc-1',
      suggestion: 'mark_mitigated',
      allResolvedAt: at('2026-11-26T15:40:00Z'),
      evidence: [
        {
          fingerprint: 'fp-a',
          alertname: 'DatabaseConnectionPoolExhausted',
          groupKey: 'alertname="DatabaseConnectionPoolExhausted",service="api"',
          service: 'api',
          firstFiringAt: at('2026-11-26T15:05:00Z'),
          resolvedAt: at('2026-11-26T15:25:00Z'),
        },
        {
          fingerprint: 'fp-b',
          alertname: 'HighErrorRate',
          groupKey: 'alertname="HighErrorRate",service="api"',
          service: 'api',
          firstFiringAt: at('2026-11-26T15:00:00Z'),
          resolvedAt: at('2026-11-26T15:40:00Z'),
        },
        {
          fingerprint: 'fp-c',
          alertname: 'MemoryUsageCritical',
          groupKey: 'alertname="MemoryUsageCritical",service=""',
          service: null,
          firstFiringAt: at('2026-11-26T15:00:00Z'),
          resolvedAt: at('2026-11-26T15:40:00Z'),
        },
      ],
      timelineEntry: {
        at: at('2026-11-26T15:40:00Z'),
        text:
          'All 3 linked alerts resolved, the last at 2026-11-26T15:40:00Z: DatabaseConnectionPoolExhausted (service api) ' +
          'at 2026-11-26T15:25:00Z, HighErrorRate (service api) at 2026-11-26T15:40:00Z, MemoryUsageCritical at ' +
          '2026-11-26T15:40:00Z. Suggest marking the incident mitigated.',
      },
    });
  });

  it('words a single alert as the only one', () => {
    expect(mitigationSuggestion(incident, [pool], now)?.timelineEntry.text).toBe(
      'The only linked alert, DatabaseConnectionPoolExhausted (service api), resolved at 2026-11-26T15:25:00Z. ' +
        'Suggest marking the incident mitigated.',
    );
  });

  it('is null while an alert still fires', () => {
    expect(mitigationSuggestion(incident, [errorRate, aLink({ fingerprint: 'fp-d' })], now)).toBeNull();
  });

  it('is null without links', () => {
    expect(mitigationSuggestion(incident, [], now)).toBeNull();
  });

  it('counts a resolution after now as not yet happened, and one exactly at now as happened', () => {
    expect(mitigationSuggestion(incident, [pool], at('2026-11-26T15:24:59.999Z'))).toBeNull();
    expect(mitigationSuggestion(incident, [pool], at('2026-11-26T15:25:00Z'))?.allResolvedAt).toEqual(
      at('2026-11-26T15:25:00Z'),
    );
  });

  it.each(['mitigated', 'resolved', 'closed', 'declined'] as const)(
    'says nothing to an incident that is %s',
    (status) => {
      expect(mitigationSuggestion(anIncident({ status }), [pool], now)).toBeNull();
    },
  );

  it.each(['triage', 'investigating', 'identified', 'monitoring'] as const)('suggests it while %s', (status) => {
    expect(mitigationSuggestion(anIncident({ status }), [pool], now)?.suggestion).toBe('mark_mitigated');
  });

  it('refuses links of another incident and malformed links, naming each', () => {
    let error: unknown;
    try {
      mitigationSuggestion(
        incident,
        [pool, { ...errorRate, incidentId: 'inc-2' }, { ...memory, resolvedAt: null }],
        new Date(Number.NaN),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AlertIntakeError);
    expect((error as AlertIntakeError).code).toBe(AlertIntakeErrorCode.INVALID_ARGUMENT);
    expect((error as AlertIntakeError).issues.map((i) => i.message)).toEqual([
      'now must be a valid Date',
      'links[1].incidentId must be the incident\'s id "inc-1", got "inc-2"',
      'links[2].resolvedAt must be a valid Date, got null',
    ]);
  });
});
