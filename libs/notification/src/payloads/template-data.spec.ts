import { alertFingerprint } from '../alerts/alert';
import type { NotificationAlert } from '../dispatch/notification.types';
import { defaultSubject, notificationData, queryEscape, quoteMeta, sortedPairs } from './template-data';

const a = (
  labels: Record<string, string>,
  annotations: Record<string, string>,
  resolved = false,
): NotificationAlert => ({
  status: resolved ? 'resolved' : 'firing',
  labels,
  annotations,
  startsAt: 0,
  endsAt: resolved ? 1 : null,
  generatorURL: '',
  fingerprint: alertFingerprint({ labels }),
});

describe('notificationData (template.Data)', () => {
  it('computes status and the common labels and annotations', () => {
    const data = notificationData(
      {
        receiver: 'a.b',
        groupLabels: { job: 'x' },
        alerts: [
          a({ job: 'x', i: '1', env: 'prod' }, { s: '1', d: 'same' }, true),
          a({ job: 'x', i: '2', env: 'prod' }, { d: 'same' }),
        ],
      },
      'http://am',
    );
    expect(data).toMatchObject({
      receiver: 'a\\.b',
      status: 'firing',
      commonLabels: { job: 'x', env: 'prod' },
      commonAnnotations: { d: 'same' },
      externalURL: 'http://am',
    });
    expect(defaultSubject(data)).toBe('[FIRING:1] x (prod)');
  });

  it('is resolved when no alert fires', () => {
    const data = notificationData({ receiver: 'r', groupLabels: {}, alerts: [a({ x: '1' }, {}, true)] }, '');
    expect(data.status).toBe('resolved');
    expect(defaultSubject(data)).toBe('[RESOLVED]  (1)');
  });
});

describe('Go helpers', () => {
  it('quoteMeta escapes regexp metacharacters like regexp.QuoteMeta', () => {
    expect(quoteMeta('a.b+c*d?(e)|[f]{g}^h$i\\j-k')).toBe('a\\.b\\+c\\*d\\?\\(e\\)\\|\\[f\\]\\{g\\}\\^h\\$i\\\\j-k');
  });

  it('queryEscape escapes like url.QueryEscape', () => {
    expect(queryEscape("team ops/a&b=c!'()*~-_.é")).toBe('team+ops%2Fa%26b%3Dc%21%27%28%29%2A~-_.%C3%A9');
  });

  it('sortedPairs puts alertname first', () => {
    expect(sortedPairs({ b: '2', alertname: 'X', a: '1' })).toEqual([
      ['alertname', 'X'],
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
