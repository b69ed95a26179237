import { SERVICE_NAME } from '../common/names';
import { AlertIntakeError, AlertIntakeErrorCode } from './alert-intake.error';
import type {
  AlertIntakeConfig,
  AttachDecision,
  IncidentForIntake,
  IntakeDecision,
  OpenDecision,
  ResolveLinkDecision,
} from './alert-intake.types';
import { decideIntake, incidentTitle } from './decide-intake';
import { DEFAULT_ALERT_INTAKE_CONFIG } from './intake-config';
import { processedAlertEvent } from './processed-event';
import { aLink, anAlertEvent, anIncident, at, InMemoryIntake } from './testing/alert-intake.factory';

const config = DEFAULT_ALERT_INTAKE_CONFIG;
const none = new Set<string>();
const API_GROUP = 'alertname="HighErrorRate",service="api"';

const firing = (occurredAt: string, extra: Partial<Parameters<typeof anAlertEvent>[0]> = {}) =>
  anAlertEvent({ state: 'firing', occurredAt, ...extra });
const resolved = (occurredAt: string, extra: Partial<Parameters<typeof anAlertEvent>[0]> = {}) =>
  anAlertEvent({ state: 'resolved', occurredAt, ...extra });

/** A second alert of the same group as the default one (another instance, so another fingerprint). */
const otherInstance = { fingerprint: 'fp-high-error-api-2' };
/** An alert of the same service but another group. */
const poolAlert = {
  fingerprint: 'fp-pool-api',
  ruleName: 'DatabaseConnectionPoolExhausted',
  labels: { alertname: 'DatabaseConnectionPoolExhausted', job: 'api', severity: 'critical' },
  annotations: { summary: 'Database connection pool nearly exhausted' },
};

function expectKind<K extends IntakeDecision['kind']>(
  decision: IntakeDecision,
  kind: K,
): Extract<IntakeDecision, { kind: K }> {
  expect(decision.kind).toBe(kind);
  return decision as Extract<IntakeDecision, { kind: K }>;
}

function refusal(run: () => unknown): AlertIntakeError {
  try {
    run();
  } catch (error) {
    if (error instanceof AlertIntakeError) return error;
    throw error;
  }
  throw new Error('expected an AlertIntakeError, nothing was thrown');
}

describe('decideIntake: opening', () => {
  it('opens a P1 incident from a firing critical alert, with the link, the correlation keys and a timeline entry', () => {
    const event = firing('2026-11-26T15:02:30Z', { firedAt: '2026-11-26T15:02:00Z' });
    expect(decideIntake(event, [], none, config)).toEqual<OpenDecision>({
      kind: 'open',
      dedupeKey: 'fp-high-error-api|pending>firing|2026-11-26T15:02:30.000Z',
      incident: {
        title: 'High error rate detected (api)',
        description: [
          'Error rate is 7.5% over last 5 minutes',
          '',
          'Opened from alert HighErrorRate (severity "critical" → P1), firing since 2026-11-26T15:02:00Z.',
          'Service: api',
          'Labels: alertname="HighErrorRate", job="api", severity="critical"',
          'Source: http://127.0.0.1:4103/rules/critical_alerts/HighErrorRate',
        ].join('\n'),
        severity: 'P1',
        services: ['api'],
      },
      link: {
        fingerprint: 'fp-high-error-api',
        alertname: 'HighErrorRate',
        groupKey: API_GROUP,
        service: 'api',
        labels: { alertname: 'HighErrorRate', job: 'api', severity: 'critical' },
        annotations: { summary: 'High error rate detected', description: 'Error rate is 7.5% over last 5 minutes' },
        firstFiringAt: at('2026-11-26T15:02:00Z'),
        lastFiringAt: at('2026-11-26T15:02:00Z'),
        lastState: 'firing',
        lastStateAt: at('2026-11-26T15:02:30Z'),
        resolvedAt: null,
        generatorUrl: 'http://127.0.0.1:4103/rules/critical_alerts/HighErrorRate',
      },
      correlation: { groupKey: API_GROUP, service: 'api' },
      timelineEntry: {
        at: at('2026-11-26T15:02:00Z'),
        text:
          'Alert HighErrorRate (service api) fired (severity "critical" → P1); no open incident of its alert group ' +
          'or service was active in the last 30m, so this incident was opened.',
      },
    });
  });

  it('describes an alert without description, service or source briefly, and mentions its runbook', () => {
    const event = firing('2026-11-26T15:02:00Z', {
      labels: { alertname: 'MemoryUsageCritical', instance: 'ws-1', severity: 'critical' },
      annotations: { runbook_url: 'https://runbooks.example/memory' },
    });
    delete event.alert.generatorUrl;
    const decision = expectKind(decideIntake(event, [], none, config), 'open');
    expect(decision.incident).toEqual({
      title: 'MemoryUsageCritical firing',
      description: [
        'Opened from alert MemoryUsageCritical (severity "critical" → P1), firing since 2026-11-26T15:02:00Z.',
        'Labels: alertname="MemoryUsageCritical", instance="ws-1", severity="critical"',
        'Runbook: https://runbooks.example/memory',
      ].join('\n'),
      severity: 'P1',
      services: [],
    });
    expect(decision.link.generatorUrl).toBeNull();
    expect(decision.timelineEntry.text).toBe(
      'Alert MemoryUsageCritical fired (severity "critical" → P1); no open incident of its alert group was active ' +
        'in the last 30m, so this incident was opened.',
    );
  });

  it('opens with the configured severity, e.g. page → P0', () => {
    const paging: AlertIntakeConfig = { ...config, severityMap: { critical: 'P1', page: 'P0' } };
    const event = firing('2026-11-26T15:02:00Z', {
      labels: { alertname: 'HighErrorRate', job: 'api', severity: 'page' },
    });
    expect(expectKind(decideIntake(event, [], none, paging), 'open').incident.severity).toBe('P0');
  });

  it('uses the event instant as the firing instant when the alert carries no firedAt', () => {
    const event = firing('2026-11-26T15:02:00Z');
    delete event.alert.firedAt;
    const decision = expectKind(decideIntake(event, [], none, config), 'open');
    expect(decision.link.firstFiringAt).toEqual(at('2026-11-26T15:02:00Z'));
  });
});

describe('incidentTitle', () => {
  it.each([
    ['High error rate detected', 'api', 'High error rate detected (api)'],
    ['Error rate of api above 5%', 'api', 'Error rate of api above 5%'],
    ['High error rate detected', null, 'High error rate detected'],
    ['  High error\n  rate\tdetected ', 'api', 'High error rate detected (api)'],
  ])('uses the summary %j (service %s)', (summary, service, title) => {
    expect(incidentTitle('HighErrorRate', service, { summary })).toBe(title);
  });

  it('falls back to alertname and service without a usable summary', () => {
    expect(incidentTitle('HighErrorRate', 'api', {})).toBe('HighErrorRate on api');
    expect(incidentTitle('HighErrorRate', null, { summary: ' ' })).toBe('HighErrorRate firing');
    expect(incidentTitle('X', null, { summary: 'ab' })).toBe('X firing');
  });

  it('cuts a long title to 200 characters with an ellipsis', () => {
    const title = incidentTitle('HighErrorRate', 'api', { summary: 'word '.repeat(60) });
    expect(title).toHaveLength(200);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('always passes the declaration rules (3 to 200 characters, valid services)', () => {
    for (const [alertname, summary] of [
      ['X', undefined],
      ['A', 'x'.repeat(500)],
      ['HighErrorRate', 'ok'],
    ] as const) {
      const title = incidentTitle(alertname, 'api', summary === undefined ? {} : { summary });
      expect(title.trim()).toBe(title);
      expect(title.length).toBeGreaterThanOrEqual(3);
      expect(title.length).toBeLessThanOrEqual(200);
    }
    const event = firing('2026-11-26T15:02:00Z', {
      labels: { alertname: 'X', service: 'Checkout API', job: 'checkout-api', severity: 'critical' },
    });
    const services = expectKind(decideIntake(event, [], none, config), 'open').incident.services;
    expect(services).toEqual(['checkout-api']);
    expect(services.every((s) => SERVICE_NAME.test(s))).toBe(true);
  });
});

describe('decideIntake: ignoring', () => {
  it('ignores a pending alert', () => {
    const event = anAlertEvent({ state: 'pending', occurredAt: '2026-11-26T15:00:00Z' });
    expect(decideIntake(event, [], none, config)).toEqual({
      kind: 'ignore',
      dedupeKey: 'fp-high-error-api|inactive>pending|2026-11-26T15:00:00.000Z',
      reason: 'not_firing',
      detail: 'alert HighErrorRate (service api) is pending, not firing',
    });
  });

  it('ignores a firing warning (the seed maps only critical)', () => {
    const event = firing('2026-11-26T15:00:00Z', {
      labels: { alertname: 'ResponseTimeDegradation', job: 'api', severity: 'warning' },
    });
    const decision = expectKind(decideIntake(event, [], none, config), 'ignore');
    expect(decision.reason).toBe('severity_unmapped');
    expect(decision.detail).toBe(
      'alert ResponseTimeDegradation (service api) has severity "warning", which opens no incident (mapped: "critical")',
    );
  });

  it('ignores a firing alert without a severity label', () => {
    const event = firing('2026-11-26T15:00:00Z', { labels: { alertname: 'HighErrorRate', job: 'api' } });
    const decision = expectKind(decideIntake(event, [], none, config), 'ignore');
    expect(decision.reason).toBe('severity_unmapped');
    expect(decision.detail).toMatch(/has no severity label, which opens no incident/);
  });

  it('ignores an event whose dedupe key was processed, before anything else', () => {
    const event = firing('2026-11-26T15:00:00Z');
    const looked: string[] = [];
    const processed = {
      has: (key: string) => {
        looked.push(key);
        return key === 'fp-high-error-api|pending>firing|2026-11-26T15:00:00.000Z';
      },
    };
    expect(decideIntake(event, [], processed, config)).toEqual({
      kind: 'ignore',
      dedupeKey: 'fp-high-error-api|pending>firing|2026-11-26T15:00:00.000Z',
      reason: 'already_processed',
      detail: 'event fp-high-error-api|pending>firing|2026-11-26T15:00:00.000Z was processed before',
    });
    expect(looked).toEqual(['fp-high-error-api|pending>firing|2026-11-26T15:00:00.000Z']);
  });

  it('ignores a resolved alert that no open incident links', () => {
    const closed = anIncident({ status: 'closed', links: [aLink()] });
    const decision = expectKind(decideIntake(resolved('2026-11-26T15:10:00Z'), [closed], none, config), 'ignore');
    expect(decision.reason).toBe('not_linked');
    expect(decision.detail).toBe('alert HighErrorRate (service api) resolved but is linked to no open incident');
  });
});

describe('decideIntake: correlating', () => {
  /** Opened at 15:00 by the default alert, which resolved at 15:10. */
  const quiet = anIncident({
    links: [
      aLink({ lastState: 'resolved', lastStateAt: at('2026-11-26T15:10:00Z'), resolvedAt: at('2026-11-26T15:10:00Z') }),
    ],
  });

  it('attaches another alert of the same group to the incident active within the window', () => {
    const decision = expectKind(
      decideIntake(firing('2026-11-26T15:25:00Z', otherInstance), [quiet], none, config),
      'attach',
    );
    expect(decision).toEqual<AttachDecision>({
      kind: 'attach',
      dedupeKey: 'fp-high-error-api-2|pending>firing|2026-11-26T15:25:00.000Z',
      incidentId: 'inc-1',
      matchedBy: 'group',
      linkChange: 'linked',
      link: {
        incidentId: 'inc-1',
        fingerprint: 'fp-high-error-api-2',
        alertname: 'HighErrorRate',
        groupKey: API_GROUP,
        service: 'api',
        labels: { alertname: 'HighErrorRate', job: 'api', severity: 'critical' },
        annotations: { summary: 'High error rate detected', description: 'Error rate is 7.5% over last 5 minutes' },
        firstFiringAt: at('2026-11-26T15:25:00Z'),
        lastFiringAt: at('2026-11-26T15:25:00Z'),
        lastState: 'firing',
        lastStateAt: at('2026-11-26T15:25:00Z'),
        resolvedAt: null,
        generatorUrl: 'http://127.0.0.1:4103/rules/critical_alerts/HighErrorRate',
      },
      severity: 'P1',
      severityRaise: null,
      newServices: [],
      timelineEntry: {
        at: at('2026-11-26T15:25:00Z'),
        text:
          'Alert HighErrorRate (service api) fired (severity "critical" → P1); linked to this incident by its alert ' +
          'group alertname="HighErrorRate",service="api".',
      },
    });
  });

  it('counts the window from the last alert activity: exactly the window attaches, a millisecond more opens', () => {
    // Last activity: the resolution at 15:10; window 30m.
    expect(decideIntake(firing('2026-11-26T15:40:00Z', otherInstance), [quiet], none, config).kind).toBe('attach');
    expect(decideIntake(firing('2026-11-26T15:40:00.001Z', otherInstance), [quiet], none, config).kind).toBe('open');
  });

  it('follows the configured window', () => {
    const short: AlertIntakeConfig = { ...config, correlationWindowMs: 5 * 60_000 };
    expect(decideIntake(firing('2026-11-26T15:16:00Z', otherInstance), [quiet], none, short).kind).toBe('open');
    expect(decideIntake(firing('2026-11-26T15:15:00Z', otherInstance), [quiet], none, short).kind).toBe('attach');
  });

  it('keeps an incident whose alert still fires in the window however long ago it fired', () => {
    const burning = anIncident({
      openedAt: at('2026-11-26T12:00:00Z'),
      links: [aLink({ lastFiringAt: at('2026-11-26T12:00:00Z') })],
    });
    const decision = decideIntake(firing('2026-11-26T15:00:00Z', otherInstance), [burning], none, config);
    expect(expectKind(decision, 'attach').matchedBy).toBe('group');
  });

  it('attaches by service an alert of another group, within the window of the opening', () => {
    const declared = anIncident({ services: ['payments', 'api'], openedAt: at('2026-11-26T15:00:00Z') });
    const decision = expectKind(
      decideIntake(firing('2026-11-26T15:30:00Z', poolAlert), [declared], none, config),
      'attach',
    );
    expect(decision.matchedBy).toBe('service');
    expect(decision.link.groupKey).toBe('alertname="DatabaseConnectionPoolExhausted",service="api"');
    expect(decision.timelineEntry.text).toBe(
      'Alert DatabaseConnectionPoolExhausted (service api) fired (severity "critical" → P1); linked to this ' +
        'incident by its service api.',
    );
    expect(decideIntake(firing('2026-11-26T15:30:00.001Z', poolAlert), [declared], none, config).kind).toBe('open');
  });

  it('does not correlate by service an alert that names none', () => {
    const declared = anIncident({ services: ['api'] });
    const event = firing('2026-11-26T15:05:00Z', {
      fingerprint: 'fp-x',
      labels: { alertname: 'X', severity: 'critical' },
    });
    expect(decideIntake(event, [declared], none, config).kind).toBe('open');
  });

  it('prefers the same group over the same service', () => {
    const byService = anIncident({ id: 'inc-a', openedAt: at('2026-11-26T15:20:00Z') });
    const byGroup = anIncident({
      id: 'inc-b',
      openedAt: at('2026-11-26T15:00:00Z'),
      links: [aLink({ incidentId: 'inc-b' })],
    });
    const decision = expectKind(
      decideIntake(firing('2026-11-26T15:21:00Z', otherInstance), [byService, byGroup], none, config),
      'attach',
    );
    expect([decision.incidentId, decision.matchedBy]).toEqual(['inc-b', 'group']);
  });

  describe('chooses deterministically among several incidents', () => {
    const event = firing('2026-11-26T15:30:00Z', otherInstance);
    const quietSince = (id: string, resolvedAt: string, openedAt = '2026-11-26T15:00:00Z'): IncidentForIntake =>
      anIncident({
        id,
        openedAt: at(openedAt),
        links: [
          aLink({
            incidentId: id,
            fingerprint: `fp-${id}`,
            lastState: 'resolved',
            lastStateAt: at(resolvedAt),
            resolvedAt: at(resolvedAt),
          }),
        ],
      });

    it('the most recently active first, whatever the order given', () => {
      const older = quietSince('inc-a', '2026-11-26T15:10:00Z');
      const newer = quietSince('inc-b', '2026-11-26T15:20:00Z');
      expect(expectKind(decideIntake(event, [older, newer], none, config), 'attach').incidentId).toBe('inc-b');
      expect(expectKind(decideIntake(event, [newer, older], none, config), 'attach').incidentId).toBe('inc-b');
    });

    it('then the earliest opened', () => {
      const first = quietSince('inc-b', '2026-11-26T15:20:00Z', '2026-11-26T14:50:00Z');
      const second = quietSince('inc-a', '2026-11-26T15:20:00Z', '2026-11-26T15:00:00Z');
      expect(expectKind(decideIntake(event, [second, first], none, config), 'attach').incidentId).toBe('inc-b');
    });

    it('then the smallest id', () => {
      const a = quietSince('inc-a', '2026-11-26T15:20:00Z');
      const b = quietSince('inc-b', '2026-11-26T15:20:00Z');
      expect(expectKind(decideIntake(event, [b, a], none, config), 'attach').incidentId).toBe('inc-a');
    });
  });

  it.each(['resolved', 'closed', 'declined'] as const)('never attaches to an incident that is %s', (status) => {
    const decision = decideIntake(
      firing('2026-11-26T15:05:00Z', otherInstance),
      [anIncident({ status, links: [aLink()] })],
      none,
      config,
    );
    expect(decision.kind).toBe('open');
  });

  it.each(['triage', 'mitigated'] as const)('attaches to an incident in %s', (status) => {
    const decision = decideIntake(
      firing('2026-11-26T15:05:00Z', otherInstance),
      [anIncident({ status, links: [aLink()] })],
      none,
      config,
    );
    expect(decision.kind).toBe('attach');
  });

  it('names a service the incident does not list yet as new, without changing the incident', () => {
    const byName: AlertIntakeConfig = { ...config, groupBy: ['alertname'] };
    const incident = anIncident({
      services: ['web'],
      links: [aLink({ groupKey: 'alertname="HighErrorRate"', service: 'web' })],
    });
    const before = structuredClone(incident);
    const decision = expectKind(
      decideIntake(firing('2026-11-26T15:05:00Z', otherInstance), [incident], none, byName),
      'attach',
    );
    expect(decision.newServices).toEqual(['api']);
    expect(decision.timelineEntry.text).toMatch(/ Service api is not among the affected services yet\.$/);
    expect(incident).toEqual(before);
  });
});

describe('decideIntake: severity escalation', () => {
  const paging: AlertIntakeConfig = { ...config, severityMap: { critical: 'P1', page: 'P0' } };
  const pageLabels = { alertname: 'HighErrorRate', job: 'api', severity: 'page' };

  it('suggests raising the incident when an attached alert maps higher, and changes nothing itself', () => {
    const incident = anIncident({ severity: 'P1', links: [aLink()] });
    const before = structuredClone(incident);
    const decision = expectKind(
      decideIntake(firing('2026-11-26T15:05:00Z', { ...otherInstance, labels: pageLabels }), [incident], none, paging),
      'attach',
    );
    expect(decision.severity).toBe('P0');
    expect(decision.severityRaise).toEqual({ from: 'P1', to: 'P0' });
    expect(decision.timelineEntry.text).toMatch(
      / It maps to P0, above the incident's P1: consider raising the severity\.$/,
    );
    expect(incident).toEqual(before);
  });

  it('suggests nothing for an alert of the same or a lower severity', () => {
    const p0 = anIncident({ severity: 'P0', links: [aLink()] });
    const same = decideIntake(
      firing('2026-11-26T15:05:00Z', { ...otherInstance, labels: pageLabels }),
      [p0],
      none,
      paging,
    );
    const lower = decideIntake(firing('2026-11-26T15:05:00Z', otherInstance), [p0], none, paging);
    expect(expectKind(same, 'attach').severityRaise).toBeNull();
    expect(expectKind(lower, 'attach').severityRaise).toBeNull();
  });
});

describe('decideIntake: the same alert again', () => {
  it('re-attaches a flapping alert to its incident, even long after the window', () => {
    const incident = anIncident({
      links: [
        aLink({
          lastState: 'resolved',
          lastStateAt: at('2026-11-26T15:10:00Z'),
          resolvedAt: at('2026-11-26T15:10:00Z'),
        }),
      ],
    });
    const decision = expectKind(decideIntake(firing('2026-11-26T18:00:00Z'), [incident], none, config), 'attach');
    expect(decision.matchedBy).toBe('alert');
    expect(decision.linkChange).toBe('refired');
    expect(decision.link).toEqual({
      ...aLink(),
      annotations: { summary: 'High error rate detected', description: 'Error rate is 7.5% over last 5 minutes' },
      generatorUrl: 'http://127.0.0.1:4103/rules/critical_alerts/HighErrorRate',
      firstFiringAt: at('2026-11-26T15:00:00Z'),
      lastFiringAt: at('2026-11-26T18:00:00Z'),
      lastState: 'firing',
      lastStateAt: at('2026-11-26T18:00:00Z'),
      resolvedAt: null,
    });
    expect(decision.timelineEntry).toEqual({
      at: at('2026-11-26T18:00:00Z'),
      text: 'Alert HighErrorRate (service api) fired again; it had resolved at 2026-11-26T15:10:00Z.',
    });
  });

  it('refreshes a link still recorded as firing when its resolution never arrived', () => {
    const incident = anIncident({ links: [aLink()] });
    const decision = expectKind(decideIntake(firing('2026-11-26T15:45:00Z'), [incident], none, config), 'attach');
    expect([decision.matchedBy, decision.linkChange]).toEqual(['alert', 'refreshed']);
    expect(decision.link.firstFiringAt).toEqual(at('2026-11-26T15:00:00Z'));
    expect(decision.link.lastFiringAt).toEqual(at('2026-11-26T15:45:00Z'));
  });

  it('re-attaches a linked alert even when its severity no longer maps (the configuration changed)', () => {
    const pageOnly: AlertIntakeConfig = { ...config, severityMap: { page: 'P0' } };
    const incident = anIncident({
      links: [
        aLink({
          lastState: 'resolved',
          lastStateAt: at('2026-11-26T15:10:00Z'),
          resolvedAt: at('2026-11-26T15:10:00Z'),
        }),
      ],
    });
    const decision = expectKind(decideIntake(firing('2026-11-26T15:20:00Z'), [incident], none, pageOnly), 'attach');
    expect([decision.severity, decision.severityRaise]).toEqual([null, null]);
  });

  it('recognises a redelivery by the link even without the processed-events row', () => {
    const incident = anIncident({ links: [aLink()] });
    const decision = expectKind(decideIntake(firing('2026-11-26T15:00:00Z'), [incident], none, config), 'ignore');
    expect(decision.reason).toBe('already_processed');
    expect(decision.detail).toBe(
      'alert HighErrorRate (service api) on incident inc-1 already records firing at 2026-11-26T15:00:00Z',
    );
  });

  it('ignores an event older than the last state change of its link', () => {
    const resolvedLink = aLink({
      lastState: 'resolved',
      lastStateAt: at('2026-11-26T15:30:00Z'),
      resolvedAt: at('2026-11-26T15:30:00Z'),
    });
    const late = expectKind(
      decideIntake(firing('2026-11-26T15:20:00Z'), [anIncident({ links: [resolvedLink] })], none, config),
      'ignore',
    );
    expect(late.reason).toBe('stale');
    expect(late.detail).toBe(
      'the firing event at 2026-11-26T15:20:00Z is older than the last state change of alert HighErrorRate ' +
        '(service api) on incident inc-1 (resolved at 2026-11-26T15:30:00Z)',
    );
    const firingLink = aLink({ lastFiringAt: at('2026-11-26T15:20:00Z'), lastStateAt: at('2026-11-26T15:20:00Z') });
    const oldResolution = decideIntake(
      resolved('2026-11-26T15:10:00Z'),
      [anIncident({ links: [firingLink] })],
      none,
      config,
    );
    expect(expectKind(oldResolution, 'ignore').reason).toBe('stale');
  });

  it('ignores a pending alert even when it is linked', () => {
    const incident = anIncident({
      links: [
        aLink({
          lastState: 'resolved',
          lastStateAt: at('2026-11-26T15:10:00Z'),
          resolvedAt: at('2026-11-26T15:10:00Z'),
        }),
      ],
    });
    const pending = anAlertEvent({ state: 'pending', occurredAt: '2026-11-26T15:15:00Z', previousState: 'inactive' });
    expect(expectKind(decideIntake(pending, [incident], none, config), 'ignore').reason).toBe('not_firing');
  });
});

describe('decideIntake: resolving', () => {
  it('marks the link resolved and, when it was the last one firing, suggests mitigation with the evidence', () => {
    const incident = anIncident({ links: [aLink()] });
    const decision = expectKind(
      decideIntake(resolved('2026-11-26T15:40:30Z', { resolvedAt: '2026-11-26T15:40:00Z' }), [incident], none, config),
      'resolve_link',
    );
    const link = {
      ...aLink(),
      lastState: 'resolved',
      lastStateAt: at('2026-11-26T15:40:30Z'),
      resolvedAt: at('2026-11-26T15:40:00Z'),
    };
    expect(decision).toEqual<ResolveLinkDecision>({
      kind: 'resolve_link',
      dedupeKey: 'fp-high-error-api|firing>resolved|2026-11-26T15:40:30.000Z',
      resolutions: [
        {
          incidentId: 'inc-1',
          link: link as ResolveLinkDecision['resolutions'][number]['link'],
          timelineEntry: { at: at('2026-11-26T15:40:00Z'), text: 'Alert HighErrorRate (service api) resolved.' },
          mitigation: {
            incidentId: 'inc-1',
            suggestion: 'mark_mitigated',
            allResolvedAt: at('2026-11-26T15:40:00Z'),
            evidence: [
              {
                fingerprint: 'fp-high-error-api',
                alertname: 'HighErrorRate',
                groupKey: API_GROUP,
                service: 'api',
                firstFiringAt: at('2026-11-26T15:00:00Z'),
                resolvedAt: at('2026-11-26T15:40:00Z'),
              },
            ],
            timelineEntry: {
              at: at('2026-11-26T15:40:00Z'),
              text:
                'The only linked alert, HighErrorRate (service api), resolved at 2026-11-26T15:40:00Z. ' +
                'Suggest marking the incident mitigated.',
            },
          },
        },
      ],
    });
  });

  it('suggests no mitigation while another linked alert fires', () => {
    const incident = anIncident({
      links: [aLink(), aLink({ fingerprint: 'fp-pool-api', alertname: 'DatabaseConnectionPoolExhausted' })],
    });
    const decision = expectKind(
      decideIntake(resolved('2026-11-26T15:40:00Z'), [incident], none, config),
      'resolve_link',
    );
    expect(decision.resolutions.map((r) => r.mitigation)).toEqual([null]);
  });

  it('suggests no mitigation to an incident already mitigated', () => {
    const incident = anIncident({ status: 'mitigated', links: [aLink()] });
    const decision = expectKind(
      decideIntake(resolved('2026-11-26T15:40:00Z'), [incident], none, config),
      'resolve_link',
    );
    expect(decision.resolutions[0]?.mitigation).toBeNull();
  });

  it('resolves the alert on every open incident that links it, ordered by incident id', () => {
    const b = anIncident({
      id: 'inc-b',
      links: [aLink({ incidentId: 'inc-b', lastStateAt: at('2026-11-26T15:20:00Z') })],
    });
    const a = anIncident({ id: 'inc-a', links: [aLink({ incidentId: 'inc-a' })] });
    const decision = expectKind(decideIntake(resolved('2026-11-26T15:40:00Z'), [b, a], none, config), 'resolve_link');
    expect(decision.resolutions.map((r) => [r.incidentId, r.link.lastState])).toEqual([
      ['inc-a', 'resolved'],
      ['inc-b', 'resolved'],
    ]);
  });

  it('ignores a resolution of a link resolved already', () => {
    const incident = anIncident({
      links: [
        aLink({
          lastState: 'resolved',
          lastStateAt: at('2026-11-26T15:10:00Z'),
          resolvedAt: at('2026-11-26T15:10:00Z'),
        }),
      ],
    });
    const decision = expectKind(decideIntake(resolved('2026-11-26T15:15:00Z'), [incident], none, config), 'ignore');
    expect(decision.reason).toBe('already_resolved');
    expect(decision.detail).toBe(
      'alert HighErrorRate (service api) on incident inc-1 resolved already at 2026-11-26T15:10:00Z',
    );
  });
});

describe('decideIntake: a day of alerts through an in-memory store', () => {
  it('opens one incident for a burst, flapping and redeliveries, and suggests mitigation when all resolved', () => {
    const store = new InMemoryIntake();
    const events = [
      firing('2026-11-26T15:00:00Z'),
      firing('2026-11-26T15:03:00Z', poolAlert),
      firing('2026-11-26T15:04:00Z', {
        fingerprint: 'fp-slow-api',
        labels: { alertname: 'ResponseTimeDegradation', job: 'api', severity: 'warning' },
      }),
      resolved('2026-11-26T15:10:00Z'),
      firing('2026-11-26T15:20:00Z', { previousState: 'pending' }),
      resolved('2026-11-26T15:30:00Z', poolAlert),
      resolved('2026-11-26T15:50:00Z'),
    ];
    const kinds: string[] = [];
    for (const event of [...events, ...events]) {
      const decision = decideIntake(event, store.incidents, store.processed, config);
      kinds.push(decision.kind === 'ignore' ? `ignore:${decision.reason}` : decision.kind);
      store.apply(decision);
    }
    expect(kinds).toEqual([
      'open',
      'attach',
      'ignore:severity_unmapped',
      'resolve_link',
      'attach',
      'resolve_link',
      'resolve_link',
      ...events.map(() => 'ignore:already_processed'),
    ]);
    expect(store.incidents).toHaveLength(1);
    const links = store.incidents[0]?.links ?? [];
    expect(links.map((l) => [l.fingerprint, l.lastState, l.firstFiringAt, l.resolvedAt])).toEqual(
      expect.arrayContaining([
        ['fp-high-error-api', 'resolved', at('2026-11-26T15:00:00Z'), at('2026-11-26T15:50:00Z')],
        ['fp-pool-api', 'resolved', at('2026-11-26T15:03:00Z'), at('2026-11-26T15:30:00Z')],
      ]),
    );
    expect(links).toHaveLength(2);
  });

  it('hands the mitigation suggestion to the last resolution only', () => {
    const store = new InMemoryIntake();
    const suggestions: (string | null)[] = [];
    for (const event of [
      firing('2026-11-26T15:00:00Z'),
      firing('2026-11-26T15:03:00Z', poolAlert),
      resolved('2026-11-26T15:30:00Z', poolAlert),
      resolved('2026-11-26T15:50:00Z'),
    ]) {
      const decision = decideIntake(event, store.incidents, store.processed, config);
      if (decision.kind === 'resolve_link') {
        suggestions.push(decision.resolutions[0]?.mitigation?.evidence.map((e) => e.fingerprint).join(',') ?? null);
      }
      store.apply(decision);
    }
    expect(suggestions).toEqual([null, 'fp-pool-api,fp-high-error-api']);
  });

  it('opens a new incident when the alert fires after its incident was resolved', () => {
    const store = new InMemoryIntake();
    store.apply(decideIntake(firing('2026-11-26T15:00:00Z'), store.incidents, store.processed, config));
    const first = store.incidents[0] as IncidentForIntake;
    store.incidents[0] = { ...first, status: 'resolved' };
    const decision = decideIntake(
      firing('2026-11-26T15:05:00Z', { previousState: 'pending' }),
      store.incidents,
      store.processed,
      config,
    );
    expect(decision.kind).toBe('open');
  });
});

describe('decideIntake: bad arguments', () => {
  it('refuses a malformed event, incident or configuration, naming every field', () => {
    const event = firing('yesterday');
    event.alert.firedAt = '2026-02-30T10:00:00Z';
    const incident = anIncident({ openedAt: new Date(Number.NaN), links: [aLink({ incidentId: 'inc-9' })] });
    const error = refusal(() => decideIntake(event, [incident], none, { ...config, correlationWindowMs: 0 }));
    expect(error.code).toBe(AlertIntakeErrorCode.INVALID_ARGUMENT);
    expect(error.issues.map((i) => i.message)).toEqual([
      'config.correlationWindowMs must be whole milliseconds from 60000 to 86400000, got 0',
      'event.occurredAt must be an ISO 8601 date-time with Z or an offset, got "yesterday"',
      'event.alert.firedAt must be an ISO 8601 date-time with Z or an offset, got "2026-02-30T10:00:00Z"',
      'openIncidents[0].openedAt must be a valid Date, got an invalid Date',
      'openIncidents[0].links[0].incidentId must be the incident\'s id "inc-1", got "inc-9"',
    ]);
  });

  it('refuses a firing link that carries a resolution instant', () => {
    const incident = anIncident({ links: [aLink({ resolvedAt: at('2026-11-26T15:10:00Z') })] });
    expect(refusal(() => decideIntake(firing('2026-11-26T15:20:00Z'), [incident], none, config)).issues).toEqual([
      {
        field: 'openIncidents[0].links[0].resolvedAt',
        message:
          'openIncidents[0].links[0].resolvedAt must be null while the alert is firing, got "2026-11-26T15:10:00.000Z"',
      },
    ]);
  });
});

describe('processedAlertEvent', () => {
  it('is the row to store with the effect: dedupe key, event id, outcome and why it was ignored', () => {
    const event = firing('2026-11-26T15:00:00Z');
    const processedAt = at('2026-11-26T15:00:01Z');
    expect(processedAlertEvent(event, decideIntake(event, [], none, config), processedAt)).toEqual({
      dedupeKey: 'fp-high-error-api|pending>firing|2026-11-26T15:00:00.000Z',
      eventId: event.eventId,
      fingerprint: 'fp-high-error-api',
      outcome: 'open',
      ignoreReason: null,
      processedAt,
    });
    const pending = anAlertEvent({ state: 'pending', occurredAt: '2026-11-26T14:55:00Z' });
    expect(processedAlertEvent(pending, decideIntake(pending, [], none, config), processedAt)).toMatchObject({
      outcome: 'ignore',
      ignoreReason: 'not_firing',
    });
  });
});
