import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { OutgoingRecord, ProducerTransport } from '../kafka-transport';

/** acks=-1: a send succeeds only when every in-sync replica has the message. */
const ACKS_ALL = -1;

export class KafkajsProducer implements ProducerTransport {
  private readonly producer: Producer;
  private connecting?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      // One request in flight keeps the order of retried sends, which the idempotent producer relies on.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs defaults to endless retries for the idempotent producer, so a send to a missing topic or a
      // dead cluster would never return. Bounded (~30 s) the caller gets an error it can act on; a resend
      // after that may duplicate a message, which at-least-once consumers absorb.
      retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 5000 },
    });
  }

  async send(topic: string, records: OutgoingRecord[]): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic,
      acks: ACKS_ALL,
      messages: records.map((record) => ({ key: record.key, value: record.value, headers: record.headers })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connecting) {
      this.connecting = undefined;
      await this.producer.disconnect();
    }
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
