import { parseContract } from '../../parse-contract';
import { type AlertEventInput, alertsTopic } from './alerts.topic';

const event: AlertEventInput = {
  eventId: '0b8f7c1e-3c1d-4a53-9f7e-2d5b6a1c9e01',
  occurredAt: '2026-11-26T15:02:00Z',
  alert: {
    fingerprint: '6f3c2a9b8d7e1f40',
    ruleName: 'InstanceDown',
    labels: { alertname: 'InstanceDown', instance: 'metrics:4001' },
    annotations: {},
    state: 'pending',
    activeAt: '2026-11-26T15:02:00Z',
    value: 0,
  },
  previousState: 'inactive',
};

describe('keel.alerts.v1', () => {
  it('partitions by fingerprint so one alert stays in order', () => {
    const result = parseContract(alertsTopic, event);
    expect(result.ok && alertsTopic.key(result.value)).toBe('6f3c2a9b8d7e1f40');
  });

  it('carries a +Inf rule value as a number', () => {
    const result = parseContract(alertsTopic, { ...event, alert: { ...event.alert, value: '+Inf' } });
    expect(result.ok && result.value.alert.value).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses an empty fingerprint', () => {
    expect(parseContract(alertsTopic, { ...event, alert: { ...event.alert, fingerprint: '' } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^alert\.fingerprint: must not be empty/),
    });
  });
});
