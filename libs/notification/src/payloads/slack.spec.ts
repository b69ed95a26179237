import { alertFingerprint } from '../alerts/alert';
import type { NotificationAlert } from '../dispatch/notification.types';
import { buildSlackPayload, encodeSlackPayload, truncateInRunes } from './slack';

const EXTERNAL_URL = 'http://am.keel.dev';
const a = (labels: Record<string, string>, endsAt: number | null = null): NotificationAlert => ({
  status: endsAt === null ? 'firing' : 'resolved',
  labels,
  annotations: {},
  startsAt: 0,
  endsAt,
  generatorURL: '',
  fingerprint: alertFingerprint({ labels }),
});

describe('buildSlackPayload', () => {
  it("fills Alertmanager's default title, link, fallback, username and color", () => {
    const payload = buildSlackPayload(
      {
        receiver: 'team.ops',
        groupLabels: { alertname: 'HighLatency' },
        alerts: [
          a({ alertname: 'HighLatency', job: 'api', severity: 'critical', instance: '1' }),
          a({ alertname: 'HighLatency', job: 'api', severity: 'critical', instance: '2' }),
        ],
      },
      { channel: '#ops' },
      { externalURL: EXTERNAL_URL },
    );
    const title = '[FIRING:2] HighLatency (api critical)';
    const link = 'http://am.keel.dev/#/alerts?receiver=team%5C.ops';
    expect(encodeSlackPayload(payload)).toBe(
      `${JSON.stringify({
        channel: '#ops',
        username: 'Alertmanager',
        attachments: [
          {
            title,
            title_link: link,
            text: '',
            fallback: `${title} | ${link}`,
            callback_id: '',
            footer: '',
            color: 'danger',
            mrkdwn_in: ['fallback', 'pretext', 'text'],
          },
        ],
      })}\n`,
    );
  });

  it('titles a resolved group with alertname first among the extra common labels', () => {
    const payload = buildSlackPayload(
      {
        receiver: 'r',
        groupLabels: { job: 'node' },
        alerts: [a({ job: 'node', instance: 'db-1', alertname: 'DiskFull' }, 1)],
      },
      {},
      { externalURL: EXTERNAL_URL },
    );
    expect(payload.attachments[0]).toMatchObject({ title: '[RESOLVED] node (DiskFull db-1)', color: 'good' });
    expect(payload.channel).toBeUndefined();
  });

  it('keeps the trailing space of __subject when no other label is common', () => {
    const payload = buildSlackPayload(
      {
        receiver: 'r',
        groupLabels: { alertname: 'A' },
        alerts: [a({ alertname: 'A', i: '1' }), a({ alertname: 'A', i: '2' })],
      },
      {},
      { externalURL: EXTERNAL_URL },
    );
    expect(payload.attachments[0].title).toBe('[FIRING:2] A ');
  });

  it('uses literal fields from the config instead of the defaults', () => {
    const payload = buildSlackPayload(
      { receiver: 'r', groupLabels: {}, alerts: [a({ alertname: 'A' })] },
      { title: 'Keel alert', text: 'details', color: '#ff0000', username: 'keel', titleLink: '' },
      { externalURL: EXTERNAL_URL },
    );
    expect(payload).toEqual({
      username: 'keel',
      attachments: [
        {
          title: 'Keel alert',
          text: 'details',
          fallback: 'Keel alert | ',
          callback_id: '',
          footer: '',
          color: '#ff0000',
          mrkdwn_in: ['fallback', 'pretext', 'text'],
        },
      ],
    });
  });

  it('cuts the title to 1024 runes', () => {
    const long = '😀'.repeat(1030);
    expect([...truncateInRunes(long, 1024)]).toHaveLength(1024);
    expect(truncateInRunes(long, 1024).endsWith('😀…')).toBe(true);
    expect(truncateInRunes('short', 1024)).toBe('short');
  });
});
