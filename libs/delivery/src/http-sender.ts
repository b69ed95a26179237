import { attemptSignal, errorMessage, isErrorLike } from './attempt-signal';
import { EncodedJson, type AttemptOptions, type AttemptResult, type WebhookTarget } from './delivery.types';

export const USER_AGENT = 'Keel-Alerting/0.1';
/** How much of an error response's body goes into the error message. */
export const ERROR_BODY_LIMIT_BYTES = 1024;

const REDACTED = '<redacted>';

/**
 * Whether a non-2xx status is worth another attempt, as Alertmanager's notifiers decide: the receiver's own
 * trouble (5xx) and rate limiting (429) pass; any other answer (4xx: bad payload, bad token, gone) would be the
 * same next time.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/**
 * The URL as it may appear in errors and logs: scheme and host only. The path and query are replaced because
 * webhook URLs carry their token there (Slack `/services/T…/B…/<secret>`, Teams, Google Chat `?key=`), and user
 * info is dropped.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '<invalid URL>';
  }
  const hidden = parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '';
  return `${parsed.protocol}//${parsed.host}/${hidden ? REDACTED : ''}`;
}

/**
 * One POST of `body` as JSON to the webhook (an EncodedJson is sent as it is). Never throws; never puts the URL's
 * path or query in an error.
 */
export async function sendWebhook(
  target: WebhookTarget,
  body: unknown,
  options: AttemptOptions,
): Promise<AttemptResult> {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    // The input is not echoed: a malformed secret URL is still a secret.
    return { ok: false, retryable: false, error: 'webhook URL is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, retryable: false, error: `webhook URL scheme ${url.protocol} is not http: or https:` };
  }
  const where = `POST ${redactUrl(url)}`;
  const scrub = secretScrubber(target.url, url);

  let payload: string;
  try {
    payload = body instanceof EncodedJson ? body.text : JSON.stringify(body ?? null);
  } catch (err) {
    return {
      ok: false,
      retryable: false,
      error: scrub(`${where}: body is not JSON-serialisable: ${errorMessage(err)}`),
    };
  }

  const headers = new Headers();
  for (const [name, value] of Object.entries(target.headers ?? {})) {
    try {
      headers.set(name, value);
    } catch {
      // The value is not shown: headers carry tokens.
      return { ok: false, retryable: false, error: `${where}: invalid header ${JSON.stringify(name)}` };
    }
  }
  if (url.username !== '' || url.password !== '') {
    // fetch refuses URLs with credentials; send them as Basic auth (as Go's http client does) unless a header says otherwise.
    if (!headers.has('authorization')) {
      const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
      headers.set('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`);
    }
    url.username = '';
    url.password = '';
  }
  headers.set('content-type', 'application/json');
  headers.set('user-agent', USER_AGENT);

  const attempt = attemptSignal(options);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: payload, signal: attempt.signal });
  } catch (err) {
    if (attempt.callerAborted()) return { ok: false, retryable: true, error: `${where}: aborted` };
    if (attempt.timedOut()) {
      return { ok: false, retryable: true, error: `${where}: timed out after ${options.timeoutMs} ms` };
    }
    return { ok: false, retryable: true, error: scrub(`${where}: ${describeNetworkError(err)}`) };
  }

  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: true, status: response.status };
  }
  let snippet: string;
  try {
    snippet = await readSnippet(response, ERROR_BODY_LIMIT_BYTES);
  } catch {
    snippet = attempt.timedOut() ? '(timed out reading the body)' : '(body unreadable)';
  }
  return {
    ok: false,
    retryable: isRetryableStatus(response.status),
    status: response.status,
    error: scrub(`${where}: HTTP ${response.status}${snippet === '' ? '' : `: ${snippet}`}`),
  };
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/** undici reports every network failure as `TypeError: fetch failed` with the reason in `cause`. */
function describeNetworkError(err: unknown): string {
  const cause = isErrorLike(err) ? err.cause : undefined;
  if (isErrorLike(cause)) {
    const code = typeof cause.code === 'string' ? cause.code : undefined;
    return code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  }
  return errorMessage(err);
}

/** The first `limit` bytes of the body as one line of text; stops reading there. */
async function readSnippet(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks);
  // stream: true holds back a character cut in half at the limit instead of printing U+FFFD.
  const text = new TextDecoder().decode(bytes.subarray(0, limit), { stream: bytes.byteLength > limit });
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return bytes.byteLength > limit ? `${oneLine} …(truncated)` : oneLine;
}

/** Removes the URL's secret parts from text that came from elsewhere (a 404 page echoing the path, an error). */
function secretScrubber(raw: string, url: URL): (text: string) => string {
  const secrets = [raw, url.href, `${url.pathname}${url.search}`, url.pathname, url.search, url.password, url.username]
    .filter((s) => s.length > 1 && s !== '/')
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
