import { T0 } from '../testing/factories';
import { validatePostableAlerts } from './validate-postable-alerts';

const opts = { now: T0, resolveTimeoutMs: 5 * 60_000 };

describe('validatePostableAlerts', () => {
  it('fills defaults like the API handler', () => {
    const result = validatePostableAlerts(
      [
        { labels: { alertname: 'A', empty: '' } },
        { labels: { alertname: 'B' }, endsAt: '2026-11-26T14:00:00Z' },
        {
          labels: { alertname: 'C' },
          annotations: { summary: 's' },
          startsAt: '2026-11-26T14:00:00.5Z',
          endsAt: '2026-11-26T16:00:00Z',
          generatorURL: 'http://prom/graph',
        },
      ],
      opts,
    );
    expect(result).toEqual({
      ok: true,
      alerts: [
        {
          labels: { alertname: 'A' },
          annotations: {},
          startsAt: T0,
          endsAt: T0 + 300_000,
          generatorURL: '',
          updatedAt: T0,
          timeout: true,
        },
        {
          labels: { alertname: 'B' },
          annotations: {},
          startsAt: T0 - 3_600_000,
          endsAt: T0 - 3_600_000,
          generatorURL: '',
          updatedAt: T0,
          timeout: false,
        },
        {
          labels: { alertname: 'C' },
          annotations: { summary: 's' },
          startsAt: T0 - 3_600_000 + 500,
          endsAt: T0 + 3_600_000,
          generatorURL: 'http://prom/graph',
          updatedAt: T0,
          timeout: false,
        },
      ],
    });
  });

  it('treats a zero endsAt as absent', () => {
    const result = validatePostableAlerts([{ labels: { a: '1' }, endsAt: '0001-01-01T00:00:00Z' }], opts);
    expect(result.ok && result.alerts[0]).toMatchObject({ endsAt: T0 + 300_000, timeout: true });
  });

  it('keeps the valid alerts and reports the invalid ones (400)', () => {
    const result = validatePostableAlerts(
      [
        { labels: { a: '1' } },
        { labels: { 'bad-name': 'x' } },
        { labels: { only: '' } },
        { labels: { a: '2' }, startsAt: '2026-11-26T15:00:00Z', endsAt: '2026-11-26T14:00:00Z' },
        { labels: { a: '3' }, annotations: { 'not ok': 'x' } },
      ],
      opts,
    );
    expect(result.ok).toBe(false);
    if (result.ok) {
      return;
    }
    expect(result.status).toBe(400);
    expect(result.alerts.map((a) => a.labels)).toEqual([{ a: '1' }]);
    expect(result.errors).toEqual([
      { index: 1, path: '[1]', message: 'invalid label set: invalid name "bad-name"' },
      { index: 2, path: '[2]', message: 'at least one label pair required' },
      { index: 3, path: '[3]', message: 'start time must be before end time' },
      { index: 4, path: '[4]', message: 'invalid annotations: invalid name "not ok"' },
    ]);
    expect(result.message).toBe(
      'invalid label set: invalid name "bad-name"; at least one label pair required; start time must be before end time; invalid annotations: invalid name "not ok"',
    );
  });

  it('refuses the whole body when labels are missing (422)', () => {
    const result = validatePostableAlerts([{ labels: { a: '1' } }, { annotations: {} }], opts);
    expect(result).toMatchObject({
      ok: false,
      status: 422,
      alerts: [],
      errors: [{ index: 1, path: '[1].labels', message: '1.labels in body is required' }],
    });
  });

  it.each([
    [{ labels: { a: '1' } }, 'body in body must be of type array: "object"'],
    [[{ labels: { a: 1 } }], '0.labels.a in body must be of type string'],
    [[{ labels: { a: '1' }, startsAt: 'yesterday' }], '0.startsAt in body must be of type date-time: "yesterday"'],
    [[{ labels: { a: '1' }, generatorURL: 5 }], '0.generatorURL in body must be of type string'],
    [['x'], '0 in body must be of type object: "string"'],
  ])('refuses a malformed body %j (400)', (body, message) => {
    const result = validatePostableAlerts(body, opts);
    expect(result).toMatchObject({ ok: false, status: 400, alerts: [] });
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([message]);
  });
});
