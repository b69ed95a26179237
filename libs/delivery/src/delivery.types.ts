/**
 * A receiver integration reached over HTTP: a generic webhook or a Slack-compatible incoming webhook. Both are a
 * POST of a JSON body; the caller renders the body (Alertmanager webhook payload, Slack message) and passes it to
 * `deliver`. The URL is treated as a secret (Slack's carries the token in its path): it never appears in an error.
 */
export interface WebhookTarget {
  kind: 'webhook';
  url: string;
  headers?: Record<string, string>;
  /** Timeout of each attempt to this receiver (Alertmanager's per-integration `timeout`); the delivery's own otherwise. */
  timeoutMs?: number;
}

/**
 * A webhook body that is already JSON text, posted byte for byte: Alertmanager's notifiers encode with Go's
 * encoding/json (`<`, `>`, `&` escaped, a trailing newline), which JSON.stringify does not reproduce.
 */
export class EncodedJson {
  constructor(readonly text: string) {}
}

/** A receiver integration reached over SMTP. The message is fully rendered by the caller. */
export interface EmailTarget {
  kind: 'email';
  /** `host:port` (`[::1]:25` for IPv6). Port 465 speaks TLS from the first byte (SMTPS); others may STARTTLS. */
  smarthost: string;
  from: string;
  to: string[];
  username?: string;
  password?: string;
  /** Refuse to send unless the session is upgraded with STARTTLS (or is SMTPS on port 465). */
  requireTls: boolean;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export type DeliveryTarget = WebhookTarget | EmailTarget;

/** The outcome of one delivery, after every attempt it took. */
export type DeliveryResult =
  | { ok: true; attempts: number; status?: number; durationMs: number }
  | {
      ok: false;
      attempts: number;
      /** Whether a later delivery of the same notification could succeed (false: the receiver refused it). */
      retryable: boolean;
      error: string;
      status?: number;
      durationMs: number;
      /** Set when the caller's AbortSignal stopped the delivery (e.g. service shutdown), not the receiver. */
      aborted?: true;
    };

/** The outcome of a single attempt, as a sender reports it. Senders never throw. */
export type AttemptResult = { ok: true; status?: number } | AttemptFailure;

export interface AttemptFailure {
  ok: false;
  retryable: boolean;
  error: string;
  status?: number;
}

export interface AttemptOptions {
  /** Upper bound for the whole attempt (connect, send, read the reply). */
  timeoutMs: number;
  /** The caller's signal; aborting it ends the attempt at once. */
  signal?: AbortSignal;
}

export type WebhookSender = (target: WebhookTarget, body: unknown, options: AttemptOptions) => Promise<AttemptResult>;
export type EmailSender = (target: EmailTarget, options: AttemptOptions) => Promise<AttemptResult>;
