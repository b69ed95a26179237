// The Slack notifier's incoming-webhook body (notify/slack request + one attachment), with Alertmanager's
// default templates done in code:
//   title      slack.default.title     = __subject, cut to 1024 runes ("…" last)
//   title_link slack.default.titlelink = __alertmanagerURL
//   text       slack.default.text      = "" (empty)
//   fallback   slack.default.fallback  = "<title> | <title_link>" (title not cut)
//   username   slack.default.username  = "Alertmanager"
//   color      "danger" while firing, else "good"
//   mrkdwn_in  ["fallback", "pretext", "text"]
import type { SlackConfig } from '../config/config.types';
import type { Notification } from '../dispatch/notification.types';
import { encodeGoJSON } from './go-json';
import { alertmanagerURL, defaultSubject, notificationData } from './template-data';
import type { PayloadOptions } from './webhook';

const MAX_TITLE_RUNES = 1024;

export interface SlackAttachment {
  title?: string;
  title_link?: string;
  text: string;
  fallback: string;
  callback_id: string;
  footer: string;
  color?: string;
  mrkdwn_in: string[];
}

export interface SlackPayload {
  channel?: string;
  username?: string;
  attachments: SlackAttachment[];
}

/** notify.TruncateInRunes: at most `n` code points, the last one replaced by "…" when cut. */
export function truncateInRunes(text: string, n: number): string {
  const runes = [...text];
  return runes.length > n ? `${runes.slice(0, n - 1).join('')}…` : text;
}

/** Builds the Slack body; fields set in the config (literal text in Keel) replace the defaults. */
export function buildSlackPayload(
  notification: Pick<Notification, 'receiver' | 'groupLabels' | 'alerts'>,
  config: Omit<SlackConfig, 'apiUrl' | 'sendResolved' | 'timeoutMs'>,
  options: PayloadOptions,
): SlackPayload {
  const data = notificationData(notification, options.externalURL);
  const fullTitle = config.title ?? defaultSubject(data);
  const titleLink = config.titleLink ?? alertmanagerURL(data);
  const title = truncateInRunes(fullTitle, MAX_TITLE_RUNES);
  const color = config.color ?? (data.status === 'firing' ? 'danger' : 'good');
  const username = config.username ?? 'Alertmanager';
  // Spreads keep Go's field order while leaving out the empty `omitempty` fields.
  const attachment: SlackAttachment = {
    ...(title !== '' ? { title } : {}),
    ...(titleLink !== '' ? { title_link: titleLink } : {}),
    text: config.text ?? '',
    fallback: config.fallback ?? `${fullTitle} | ${titleLink}`,
    callback_id: '',
    footer: '',
    ...(color !== '' ? { color } : {}),
    mrkdwn_in: ['fallback', 'pretext', 'text'],
  };
  const payload: SlackPayload = {
    ...(config.channel ? { channel: config.channel } : {}),
    ...(username !== '' ? { username } : {}),
    attachments: [attachment],
  };
  return payload;
}

/** The exact request body (Go JSON encoding, trailing newline). */
export function encodeSlackPayload(payload: SlackPayload): string {
  return encodeGoJSON(payload);
}
