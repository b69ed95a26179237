import { createTransport } from 'nodemailer';
import { attemptSignal, errorMessage } from './attempt-signal';
import type { AttemptOptions, AttemptResult, EmailTarget } from './delivery.types';

/** Port of SMTP over implicit TLS (RFC 8314); every other port starts in plain text and may STARTTLS. */
export const SMTPS_PORT = 465;

export interface Smarthost {
  host: string;
  port: number;
}

/** Parses `host:port` or `[ipv6]:port`; the port is required, as in Alertmanager's `smarthost`. */
export function parseSmarthost(smarthost: string): Smarthost {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(smarthost);
  const plain = /^([^:[\]\s]+):(\d+)$/.exec(smarthost);
  const match = bracketed ?? plain;
  if (!match) throw new Error(`smarthost ${JSON.stringify(smarthost)} is not host:port`);
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`smarthost ${JSON.stringify(smarthost)} has port ${match[2]} outside 1-65535`);
  }
  return { host: match[1], port };
}

/** The fields of a nodemailer error the classification reads. */
export interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  rejectedErrors?: Array<{ responseCode?: number }>;
}

/** Errors without an SMTP reply that retrying cannot fix: the configuration or the message is wrong. */
const PERMANENT_CODES = new Set(['ECONFIG', 'ENOAUTH', 'EAUTH', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * Whether another attempt could succeed. With an SMTP reply, RFC 5321's classes decide: 5yz is a permanent
 * refusal, 4yz a transient one. When every recipient was refused, the message is retried if any of them was
 * refused only for now. Without a reply, connection trouble (refused, reset, DNS, TLS handshake, timeouts) is
 * retried and configuration errors are not.
 */
export function isRetryableSmtpError(err: SmtpErrorLike): boolean {
  const replies = (err.rejectedErrors ?? []).map((e) => e.responseCode).filter((c): c is number => c !== undefined);
  if (replies.length > 0) return replies.some((c) => c < 500);
  if (err.responseCode !== undefined) return err.responseCode < 500 || err.responseCode >= 600;
  return !PERMANENT_CODES.has(err.code ?? '');
}

/**
 * Sends one email through the smarthost on a fresh connection (no pool: one slow smarthost holds nothing another
 * delivery needs). Never throws; the password never appears in an error.
 */
export async function sendEmail(target: EmailTarget, options: AttemptOptions): Promise<AttemptResult> {
  let smarthost: Smarthost;
  try {
    smarthost = parseSmarthost(target.smarthost);
  } catch (err) {
    return { ok: false, retryable: false, error: errorMessage(err) };
  }
  const where = `smtp ${target.smarthost}`;
  if (target.to.length === 0) return { ok: false, retryable: false, error: `${where}: no recipients` };
  const scrub = (text: string): string =>
    target.password && target.password.length > 1 ? text.split(target.password).join('<redacted>') : text;

  const implicitTls = smarthost.port === SMTPS_PORT;
  const transport = createTransport({
    host: smarthost.host,
    port: smarthost.port,
    secure: implicitTls,
    // requireTLS: STARTTLS or fail. Otherwise STARTTLS when offered, falling back to plain text if it breaks.
    ...(target.requireTls ? { requireTLS: !implicitTls } : { opportunisticTLS: true }),
    auth: target.username !== undefined ? { user: target.username, pass: target.password ?? '' } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    logger: false,
    debug: false,
  });

  const attempt = attemptSignal(options);
  try {
    const info = await transport.sendMail({
      from: target.from,
      to: target.to,
      subject: target.subject,
      text: target.text,
      html: target.html,
      headers: target.headers,
      signal: attempt.signal,
    });
    if (info.rejected.length > 0) {
      // Some recipients have the message already: another attempt would send them a duplicate.
      const refused = (info.rejectedErrors ?? []).map((e) => e.response ?? e.message).join('; ');
      return {
        ok: false,
        retryable: false,
        error: scrub(`${where}: refused recipients ${info.rejected.join(', ')} (${refused}); the others got it`),
      };
    }
    return { ok: true };
  } catch (err) {
    if (attempt.callerAborted()) return { ok: false, retryable: true, error: `${where}: aborted` };
    if (attempt.timedOut()) {
      return { ok: false, retryable: true, error: `${where}: timed out after ${options.timeoutMs} ms` };
    }
    const details = (typeof err === 'object' && err !== null ? err : {}) as SmtpErrorLike & { command?: string };
    return { ok: false, retryable: isRetryableSmtpError(details), error: scrub(describe(where, err, details)) };
  } finally {
    transport.close();
  }
}

function describe(where: string, err: unknown, details: SmtpErrorLike & { command?: string }): string {
  if (details.code === 'ETLS' && details.command === 'STARTTLS' && details.responseCode !== undefined) {
    return `${where}: requireTls is set but the server refused STARTTLS (${errorMessage(err)})`;
  }
  if (details.code === 'ETIMEDOUT') return `${where}: ${errorMessage(err)} (timeout)`;
  return `${where}: ${errorMessage(err)}`;
}
