import type { AlertIntakeConfig } from './alert-intake.types';
import {
  alertDedupeKey,
  alertnameOf,
  groupKeyOf,
  isMoreSevere,
  parseInstant,
  serviceOf,
  severityOf,
} from './alert-identity';
import { DEFAULT_ALERT_INTAKE_CONFIG } from './intake-config';
import { anAlertEvent } from './testing/alert-intake.factory';

const config = DEFAULT_ALERT_INTAKE_CONFIG;

describe('alertnameOf', () => {
  it('is the alertname label', () => {
    expect(alertnameOf({ ruleName: 'HighErrorRate', labels: { alertname: 'HighErrorRateApi' } })).toBe(
      'HighErrorRateApi',
    );
  });

  it('falls back to the rule name when the label is missing or empty', () => {
    expect(alertnameOf({ ruleName: 'HighErrorRate', labels: {} })).toBe('HighErrorRate');
    expect(alertnameOf({ ruleName: 'HighErrorRate', labels: { alertname: '' } })).toBe('HighErrorRate');
  });
});

describe('serviceOf', () => {
  it('prefers service over job by default', () => {
    expect(serviceOf({ service: 'checkout', job: 'api' }, config)).toBe('checkout');
    expect(serviceOf({ job: 'api', instance: 'api-1:4001' }, config)).toBe('api');
  });

  it('skips a value that is not a valid service name instead of rewriting it', () => {
    expect(serviceOf({ service: 'Checkout API', job: 'checkout' }, config)).toBe('checkout');
    expect(serviceOf({ service: 'Checkout API' }, config)).toBeNull();
    expect(serviceOf({ service: '' }, config)).toBeNull();
  });

  it('is null without any service label', () => {
    expect(serviceOf({ instance: 'ws-1' }, config)).toBeNull();
  });

  it('follows the configured labels and their order', () => {
    const custom = { ...config, serviceLabels: ['app', 'service'] };
    expect(serviceOf({ service: 'checkout', app: 'payments' }, custom)).toBe('payments');
    expect(serviceOf({ job: 'api' }, custom)).toBeNull();
  });

  it('does not read inherited properties as labels', () => {
    expect(serviceOf({}, { serviceLabels: ['constructor'] })).toBeNull();
  });
});

describe('groupKeyOf', () => {
  it('is alertname and the resolved service by default', () => {
    expect(groupKeyOf({ ruleName: 'HighErrorRate', labels: { alertname: 'HighErrorRate', job: 'api' } }, config)).toBe(
      'alertname="HighErrorRate",service="api"',
    );
  });

  it('tells the same alert on two services apart even when only job names them', () => {
    const api = groupKeyOf({ ruleName: 'HighErrorRate', labels: { job: 'api' } }, config);
    const web = groupKeyOf({ ruleName: 'HighErrorRate', labels: { job: 'web' } }, config);
    expect(api).not.toBe(web);
  });

  it('ignores labels outside groupBy, so instances of one alert share the group', () => {
    const a = groupKeyOf({ ruleName: 'HighErrorRate', labels: { job: 'api', instance: 'a:1' } }, config);
    const b = groupKeyOf({ ruleName: 'HighErrorRate', labels: { job: 'api', instance: 'b:1' } }, config);
    expect(a).toBe(b);
  });

  it('sorts the names, so the configured order does not matter', () => {
    const labels = { alertname: 'X', cluster: 'eu-1', job: 'api' };
    const one: AlertIntakeConfig = { ...config, groupBy: ['service', 'cluster', 'alertname'] };
    const two: AlertIntakeConfig = { ...config, groupBy: ['alertname', 'service', 'cluster'] };
    expect(groupKeyOf({ ruleName: 'X', labels }, one)).toBe('alertname="X",cluster="eu-1",service="api"');
    expect(groupKeyOf({ ruleName: 'X', labels }, two)).toBe(groupKeyOf({ ruleName: 'X', labels }, one));
  });

  it('writes an absent label as empty and escapes values', () => {
    const custom: AlertIntakeConfig = { ...config, groupBy: ['alertname', 'cluster', 'zone'] };
    expect(groupKeyOf({ ruleName: 'X', labels: { alertname: 'X', cluster: 'eu "1",\\' } }, custom)).toBe(
      'alertname="X",cluster="eu \\"1\\",\\\\",zone=""',
    );
  });

  it('uses the rule name for a missing alertname', () => {
    expect(groupKeyOf({ ruleName: 'MemoryUsageCritical', labels: {} }, config)).toBe(
      'alertname="MemoryUsageCritical",service=""',
    );
  });
});

describe('severityOf', () => {
  const paging: AlertIntakeConfig = { ...config, severityMap: { critical: 'P1', page: 'P0' } };

  it.each([
    [{ severity: 'critical' }, { labelValue: 'critical', severity: 'P1' }],
    [{ severity: 'page' }, { labelValue: 'page', severity: 'P0' }],
    [{ severity: 'warning' }, { labelValue: 'warning', severity: null }],
    [{ severity: 'Critical' }, { labelValue: 'Critical', severity: null }],
    [{}, { labelValue: null, severity: null }],
  ])('maps %j', (labels, expected) => {
    expect(severityOf(labels, paging)).toEqual(expected);
  });
});

describe('isMoreSevere', () => {
  it('ranks P0 above P1 above P2 above P3', () => {
    expect(isMoreSevere('P0', 'P1')).toBe(true);
    expect(isMoreSevere('P2', 'P3')).toBe(true);
    expect(isMoreSevere('P1', 'P1')).toBe(false);
    expect(isMoreSevere('P3', 'P0')).toBe(false);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-11-26T15:02:00Z', '2026-11-26T15:02:00.000Z'],
    ['2026-11-26T16:02:00+01:00', '2026-11-26T15:02:00.000Z'],
    ['2026-11-26T15:02:00.123456Z', '2026-11-26T15:02:00.123Z'],
    ['2028-02-29T00:00:00-05:30', '2028-02-29T05:30:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-30T10:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26T15:02:00',
    '2026-11-26 15:02:00Z',
    '2026-11-26T15:02:00+24:00',
    '',
    1795705320000,
    null,
  ])('refuses %j', (value) => {
    expect(parseInstant(value)).toBeUndefined();
  });
});

describe('alertDedupeKey', () => {
  const firing = anAlertEvent({ state: 'firing', occurredAt: '2026-11-26T15:02:00Z', fingerprint: '6f3c2a9b8d7e1f40' });

  it('is fingerprint, transition and instant in UTC', () => {
    expect(alertDedupeKey(firing)).toBe('6f3c2a9b8d7e1f40|pending>firing|2026-11-26T15:02:00.000Z');
  });

  it('is the same for a republication under another event id and another offset', () => {
    const again = {
      ...firing,
      eventId: '11111111-1111-4111-8111-111111111111',
      occurredAt: '2026-11-26T16:02:00+01:00',
    };
    expect(alertDedupeKey(again)).toBe(alertDedupeKey(firing));
  });

  it('differs by transition, instant and fingerprint', () => {
    const key = alertDedupeKey(firing);
    expect(alertDedupeKey({ ...firing, previousState: 'inactive' })).not.toBe(key);
    expect(alertDedupeKey({ ...firing, occurredAt: '2026-11-26T15:02:01Z' })).not.toBe(key);
    expect(alertDedupeKey({ ...firing, alert: { ...firing.alert, fingerprint: '6f3c2a9b8d7e1f41' } })).not.toBe(key);
    expect(alertDedupeKey({ ...firing, alert: { ...firing.alert, state: 'resolved' } })).not.toBe(key);
  });

  it('writes a missing previous state as unknown', () => {
    const { previousState: _, ...withoutPrevious } = firing;
    expect(alertDedupeKey(withoutPrevious)).toBe('6f3c2a9b8d7e1f40|unknown>firing|2026-11-26T15:02:00.000Z');
  });
});
