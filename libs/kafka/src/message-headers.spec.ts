import { buildPublishHeaders, decodeHeaders } from './message-headers';

describe('buildPublishHeaders', () => {
  it('carries the correlation id, the content type and the contract version', () => {
    expect(buildPublishHeaders(3, 'corr-1')).toEqual({
      'x-correlation-id': 'corr-1',
      'content-type': 'application/json',
      'keel-contract-version': '3',
    });
  });

  it('lets extra headers add to them and replace the correlation id, but not describe the payload otherwise', () => {
    const headers = buildPublishHeaders(1, 'corr-1', {
      'x-correlation-id': 'forwarded',
      'content-type': 'text/plain',
      'keel-contract-version': '99',
      tenant: 'acme',
    });
    expect(headers).toEqual({
      'x-correlation-id': 'forwarded',
      'content-type': 'application/json',
      'keel-contract-version': '1',
      tenant: 'acme',
    });
  });
});

describe('decodeHeaders', () => {
  it('turns bytes into UTF-8 text and keeps strings', () => {
    expect(decodeHeaders({ a: Buffer.from('été', 'utf8'), b: 'plain' })).toEqual({ a: 'été', b: 'plain' });
  });

  it('keeps the last value of a repeated header and drops absent ones', () => {
    expect(decodeHeaders({ trace: [Buffer.from('first'), 'second'], gone: undefined, empty: [] })).toEqual({
      trace: 'second',
    });
  });

  it('decodes what it encoded', () => {
    const published = buildPublishHeaders(2, 'corr-9', { tenant: 'acme' });
    const onTheWire = Object.fromEntries(Object.entries(published).map(([k, v]) => [k, Buffer.from(v)]));
    expect(decodeHeaders(onTheWire)).toEqual(published);
  });
});
