import type { RawMessage } from '../kafka-transport';
import { testContract } from '../test-support/test-contract';
import { decodeMessage } from './message-decoder';

const contract = testContract('test.decoder.events');

function raw(
  value: Buffer | null,
  headers: RawMessage['headers'] = {},
  key: Buffer | null = Buffer.from('k1'),
): RawMessage {
  return { topic: contract.topic, partition: 2, offset: '41', key, value, headers, timestamp: '1767322800000' };
}

describe('decodeMessage', () => {
  it('gives a validated message with schema defaults applied', () => {
    const result = decodeMessage(
      contract,
      raw(Buffer.from('{"id":"a","n":3}'), { 'x-correlation-id': Buffer.from('corr-1'), other: 'x' }),
    );
    expect(result).toEqual({
      ok: true,
      message: {
        topic: contract.topic,
        partition: 2,
        offset: '41',
        key: 'k1',
        value: { id: 'a', n: 3, note: '' },
        headers: { 'x-correlation-id': 'corr-1', other: 'x' },
        correlationId: 'corr-1',
        timestamp: new Date(1767322800000),
      },
    });
  });

  it('makes up a correlation id when the message has none', () => {
    const first = decodeMessage(contract, raw(Buffer.from('{"id":"a","n":3}')));
    const second = decodeMessage(contract, raw(Buffer.from('{"id":"a","n":3}')));
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect(first.message.correlationId).toMatch(/\S{8,}/);
      expect(first.message.correlationId).not.toBe(second.message.correlationId);
    }
  });

  it('replaces a correlation id that is unsafe to propagate', () => {
    const result = decodeMessage(contract, raw(Buffer.from('{"id":"a","n":3}'), { 'x-correlation-id': 'bad id\n' }));
    expect(result.ok && result.message.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a missing key as null', () => {
    const result = decodeMessage(contract, raw(Buffer.from('{"id":"a","n":3}'), {}, null));
    expect(result.ok && result.message.key).toBeNull();
  });

  it('refuses bytes that are not JSON, saying so', () => {
    const result = decodeMessage(contract, raw(Buffer.from('not json {')));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^value is not valid JSON: /);
  });

  it('refuses JSON that violates the contract, with the field at fault', () => {
    const result = decodeMessage(contract, raw(Buffer.from('{"id":"a","n":"three"}')));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^value violates contract test\.decoder\.events v2: .*n/);
  });

  it('refuses a tombstone', () => {
    expect(decodeMessage(contract, raw(null))).toEqual({ ok: false, reason: 'message has no value (tombstone)' });
  });

  it('refuses a message larger than the contract allows, before parsing it', () => {
    const small = { ...contract, maxMessageBytes: 16 };
    const value = Buffer.from('{"id":"a","n":3}');
    expect(decodeMessage(small, raw(value)).ok).toBe(true);
    const bigger = Buffer.from('{"id":"ab","n":3}');
    expect(decodeMessage(small, raw(bigger))).toEqual({
      ok: false,
      reason: 'message of 17 bytes exceeds the limit of 16 bytes of test.decoder.events',
    });
  });
});
