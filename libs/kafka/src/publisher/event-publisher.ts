import { currentCorrelationId, newCorrelationId } from '@keel/context';
import { parseContract, type TopicContract } from '@keel/contracts';
import type { z } from 'zod';
import { ContractViolationError } from '../kafka.errors';
import type { OutgoingRecord, ProducerTransport } from '../kafka-transport';
import { buildPublishHeaders } from '../message-headers';

export interface PublishOptions {
  /** Partitioning key; default: the contract's key of the value. */
  key?: string;
  /** Extra headers; they cannot replace content-type or keel-contract-version. */
  headers?: Record<string, string>;
}

export interface PublishMessage<T> extends PublishOptions {
  value: T;
}

/**
 * Publishes contract-checked JSON messages (acks from all in-sync replicas, idempotent producer).
 * Every message carries the caller's correlation id, or a new one outside a request.
 */
export class EventPublisher {
  /** @internal Built by KafkaClient. */
  constructor(private readonly producer: () => ProducerTransport) {}

  publish<S extends z.ZodType>(
    contract: TopicContract<S>,
    value: z.input<S>,
    options: PublishOptions = {},
  ): Promise<void> {
    return this.publishBatch(contract, [{ ...options, value }]);
  }

  /** Validates every message first: when one violates the contract, none is sent. */
  async publishBatch<S extends z.ZodType>(
    contract: TopicContract<S>,
    messages: readonly PublishMessage<z.input<S>>[],
  ): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    const correlationId = currentCorrelationId() ?? newCorrelationId();
    const records = messages.map((message, index): OutgoingRecord => {
      const parsed = parseContract(contract, message.value);
      if (!parsed.ok) {
        const position = messages.length > 1 ? `message [${index}]: ` : '';
        throw new ContractViolationError(contract.topic, `${position}${parsed.reason}`);
      }
      return {
        key: message.key ?? contract.key(parsed.value),
        value: JSON.stringify(parsed.value),
        headers: buildPublishHeaders(contract.version, correlationId, message.headers),
      };
    });
    await this.producer().send(contract.topic, records);
  }
}
