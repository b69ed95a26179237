import { isRetryableStatus, redactUrl, sendWebhook } from './http-sender';

describe('isRetryableStatus', () => {
  it.each([500, 502, 503, 504, 599, 429])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([400, 401, 403, 404, 410, 413, 422, 300, 304])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('redactUrl', () => {
  it('hides the path of a Slack webhook URL', () => {
    expect(redactUrl('https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX')).toBe(
      'https://hooks.slack.com/<redacted>',
    );
  });

  it('hides query strings and fragments, which also carry keys', () => {
    const redacted = redactUrl('https://chat.example.test/v1/spaces/AAA/messages?key=k3y&token=t0k#frag');
    expect(redacted).toBe('https://chat.example.test/<redacted>');
    expect(redactUrl('https://chat.example.test/?key=k3y')).toBe('https://chat.example.test/<redacted>');
  });

  it('drops user info and keeps the port', () => {
    const redacted = redactUrl('http://user:pa55@127.0.0.1:8080/hook');
    expect(redacted).toBe('http://127.0.0.1:8080/<redacted>');
    expect(redacted).not.toContain('pa55');
  });

  it('leaves a bare origin as it is', () => {
    expect(redactUrl('http://receiver.internal:9000')).toBe('http://receiver.internal:9000/');
  });

  it('does not echo an unparsable URL', () => {
    expect(redactUrl('not a url /services/secret')).toBe('<invalid URL>');
  });
});

describe('sendWebhook without reaching the network', () => {
  const options = { timeoutMs: 1000 };

  it('refuses an invalid URL without repeating it', async () => {
    const result = await sendWebhook({ kind: 'webhook', url: 'hooks.slack.com/services/T/B/s3cret' }, {}, options);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).not.toContain('s3cret');
  });

  it('refuses schemes other than http and https', async () => {
    const result = await sendWebhook({ kind: 'webhook', url: 'ftp://files.example.test/s3cret' }, {}, options);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain('ftp:');
    expect(result.ok === false && result.error).not.toContain('s3cret');
  });

  it('refuses a body that is not JSON, without retrying', async () => {
    const result = await sendWebhook({ kind: 'webhook', url: 'http://127.0.0.1:9/s3cret' }, { n: 1n }, options);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain('JSON');
    expect(result.ok === false && result.error).not.toContain('s3cret');
  });

  it('refuses an invalid header without showing its value', async () => {
    const target = { kind: 'webhook' as const, url: 'http://127.0.0.1:9/hook', headers: { 'X-Token': 'tok\nen' } };
    const result = await sendWebhook(target, {}, options);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain('X-Token');
    expect(result.ok === false && result.error).not.toContain('tok');
  });
});
