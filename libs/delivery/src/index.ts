export type {
  AttemptFailure,
  AttemptOptions,
  AttemptResult,
  DeliveryResult,
  DeliveryTarget,
  EmailSender,
  EmailTarget,
  WebhookSender,
  WebhookTarget,
} from './delivery.types';
export { EncodedJson } from './delivery.types';
export { ERROR_BODY_LIMIT_BYTES, USER_AGENT, isRetryableStatus, redactUrl, sendWebhook } from './http-sender';
export { SMTPS_PORT, isRetryableSmtpError, parseSmarthost, sendEmail } from './smtp-sender';
export type { Smarthost, SmtpErrorLike } from './smtp-sender';
export { RetryingDelivery, abortableSleep, backoffDelay } from './retrying-delivery';
export type { RetryingDeliveryOptions, Sleep } from './retrying-delivery';
