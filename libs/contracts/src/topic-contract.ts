import type { z } from 'zod';

/** A Kafka topic, its dead-letter twin and the one schema every message on it must satisfy. */
export interface TopicContract<S extends z.ZodType = z.ZodType> {
  readonly topic: string;
  /** Where a consumer parks a message that fails `schema`, with the reason in a header. */
  readonly dlq: string;
  readonly version: number;
  readonly description: string;
  readonly schema: S;
  /**
   * Optional hand-written check for a hot topic: the output of `schema` for every input it vouches for, or
   * undefined to leave the verdict (and the reason) to `schema`. It must never accept what `schema` refuses.
   */
  readonly fastParse?: FastParse<z.output<S>>;
  /**
   * Largest serialized message a consumer accepts; a larger one goes to the dead-letter topic with the reason.
   * Without it, the broker's own limit applies (and a larger message never arrives).
   */
  readonly maxMessageBytes?: number;
  /**
   * Broker settings of the topic and its dead-letter twin, applied by `ensureTopics` (e.g. `max.message.bytes`
   * above `maxMessageBytes`, so an oversize message can reach the consumer and be dead-lettered with its reason
   * instead of being refused to the producer without a trace).
   */
  readonly topicConfig?: Readonly<Record<string, string>>;
  /** Partitioning key: messages with the same key stay ordered. Method syntax keeps contracts of
   * different schemas assignable to `TopicContract` (parameter bivariance). */
  key(value: z.output<S>): string;
}

/** A fast path's answer: the parsed value, or undefined for "ask the schema". */
export type FastParse<T> = (value: unknown) => { readonly ok: true; readonly value: T } | undefined;

export const DLQ_SUFFIX = '.dlq';

export function defineTopic<S extends z.ZodType>(definition: Omit<TopicContract<S>, 'dlq'>): TopicContract<S> {
  return Object.freeze({ ...definition, dlq: `${definition.topic}${DLQ_SUFFIX}` });
}

/** The validated message type of a topic (what a consumer handles). */
/** The same contract on another topic (a test's isolated copy, a deployment's own topic name), with its DLQ. */
export function onTopic<C extends TopicContract>(contract: C, topic: string): C {
  return topic === contract.topic ? contract : { ...contract, topic, dlq: `${topic}${DLQ_SUFFIX}` };
}

export type TopicMessage<C extends TopicContract> = z.output<C['schema']>;
/** What a producer may send (defaults not yet applied). */
export type TopicMessageInput<C extends TopicContract> = z.input<C['schema']>;
