export {
  compareGoStrings,
  formatLabelSet,
  goQuote,
  isValidLabelName,
  labelSetBefore,
  type LabelSet,
} from './labels/label-set';
export {
  compareMatchers,
  formatMatcher,
  formatMatchers,
  matchesLabels,
  matchesValue,
  MatcherParseError,
  newMatcher,
  parseMatcher,
  parseMatchers,
  sortMatchers,
  type Matcher,
  type MatchType,
} from './matchers/matcher';
export { parseAlertmanagerConfig, canonicalHeaderKey } from './config/parse-alertmanager-config';
export type {
  AlertmanagerConfig,
  ConfigError,
  ConfigResult,
  EmailConfig,
  GlobalConfig,
  HostPort,
  ParseConfigOptions,
  ReceiverConfig,
  RouteConfig,
  SlackConfig,
  SourcePosition,
  WebhookConfig,
} from './config/config.types';
export { DEFAULT_ROUTE_OPTIONS, Route, type RouteOptions } from './routing/route';
export {
  alertFingerprint,
  alertStatus,
  AlertStore,
  isResolved,
  mergeAlerts,
  type Alert,
  type AlertListener,
  type AlertStatus,
} from './alerts/alert';
export { formatGoTime, GO_ZERO_TIME_MS, parseRFC3339 } from './alerts/go-time';
export {
  alertProblem,
  validatePostableAlerts,
  type PostableAlertError,
  type PostAlertsOptions,
  type PostAlertsValidation,
} from './alerts/validate-postable-alerts';
export { inhibitedBy, Inhibitor, type InhibitRule } from './inhibit/inhibitor';
export {
  canUpdateSilence,
  isSilenced,
  silenceState,
  validatePostableSilence,
  validateSilence,
  type PostableSilence,
  type PostSilenceValidation,
  type Silence,
  type SilenceState,
} from './silences/silence';
export { FakeClock, settle, systemClock, type Clock, type Timer } from './dispatch/clock';
export {
  InMemoryNotificationLog,
  receiverKey,
  type IntegrationType,
  type NotificationLog,
  type NotificationLogEntry,
  type NotificationLogReceiver,
} from './dispatch/notification-log';
export { needsUpdate, type NotifyReason } from './dispatch/dedup';
export {
  receiverIntegrations,
  type Integration,
  type Notification,
  type NotificationAlert,
} from './dispatch/notification.types';
export {
  compareAlertLabels,
  Dispatcher,
  type AlertGroupSnapshot,
  type DispatcherOptions,
  type DispatchFailure,
} from './dispatch/dispatcher';
export {
  alertmanagerURL,
  defaultSubject,
  notificationData,
  queryEscape,
  quoteMeta,
  type NotificationData,
} from './payloads/template-data';
export { encodeGoJSON } from './payloads/go-json';
export {
  buildWebhookPayload,
  encodeWebhookPayload,
  type PayloadOptions,
  type WebhookAlert,
  type WebhookPayload,
} from './payloads/webhook';
export { buildSlackPayload, encodeSlackPayload, type SlackAttachment, type SlackPayload } from './payloads/slack';
export { buildEmailMessage, type EmailMessage } from './payloads/email';
