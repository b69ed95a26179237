import { runWithContext } from '@keel/context';
import { ContractViolationError } from '../kafka.errors';
import type { OutgoingRecord, ProducerTransport } from '../kafka-transport';
import { testContract } from '../test-support/test-contract';
import { EventPublisher } from './event-publisher';

const contract = testContract('test.publisher.events');

class RecordingProducer implements ProducerTransport {
  readonly sent: { topic: string; records: OutgoingRecord[] }[] = [];
  async send(topic: string, records: OutgoingRecord[]): Promise<void> {
    this.sent.push({ topic, records });
  }
  async disconnect(): Promise<void> {
    this.sent.length = 0;
  }
}

function setup() {
  const producer = new RecordingProducer();
  return { producer, publisher: new EventPublisher(() => producer) };
}

describe('EventPublisher', () => {
  it('sends the validated value as JSON, keyed by the contract, with the standard headers', async () => {
    const { producer, publisher } = setup();
    await runWithContext({ correlationId: 'corr-1' }, () => publisher.publish(contract, { id: 'a', n: 1 }));
    expect(producer.sent).toEqual([
      {
        topic: contract.topic,
        records: [
          {
            key: 'a',
            value: '{"id":"a","n":1,"note":""}',
            headers: { 'x-correlation-id': 'corr-1', 'content-type': 'application/json', 'keel-contract-version': '2' },
          },
        ],
      },
    ]);
  });

  it('uses a given key and extra headers', async () => {
    const { producer, publisher } = setup();
    await publisher.publish(contract, { id: 'a', n: 1 }, { key: 'other', headers: { tenant: 'acme' } });
    const record = producer.sent[0]?.records[0];
    expect(record?.key).toBe('other');
    expect(record?.headers).toMatchObject({ tenant: 'acme', 'content-type': 'application/json' });
  });

  it('gives messages published outside any request a new correlation id', async () => {
    const { producer, publisher } = setup();
    await publisher.publish(contract, { id: 'a', n: 1 });
    await publisher.publish(contract, { id: 'a', n: 1 });
    const ids = producer.sent.map((s) => s.records[0]?.headers['x-correlation-id']);
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('sends a batch in one request', async () => {
    const { producer, publisher } = setup();
    await publisher.publishBatch(contract, [{ value: { id: 'a', n: 1 } }, { value: { id: 'b', n: 2 }, key: 'kb' }]);
    expect(producer.sent).toHaveLength(1);
    expect(producer.sent[0]?.records.map((r) => r.key)).toEqual(['a', 'kb']);
  });

  it('refuses a value that violates the contract, naming the topic and the field, and sends nothing', async () => {
    const { producer, publisher } = setup();
    const bad = { id: '', n: 1 };
    await expect(publisher.publish(contract, bad)).rejects.toThrow(ContractViolationError);
    await expect(publisher.publish(contract, bad)).rejects.toThrow(/test\.publisher\.events.*id/);
    expect(producer.sent).toEqual([]);
  });

  it('sends nothing of a batch when one of its messages is invalid', async () => {
    const { producer, publisher } = setup();
    const batch = [{ value: { id: 'a', n: 1 } }, { value: { id: 'b', n: 1.5 } }];
    await expect(publisher.publishBatch(contract, batch)).rejects.toThrow(/message \[1\]: n/);
    expect(producer.sent).toEqual([]);
  });
});
