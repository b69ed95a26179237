import type { RawMessage, WireHeaders } from './kafka-transport';

export const DLQ_HEADERS = {
  reason: 'keel-dlq-reason',
  sourceTopic: 'keel-dlq-source-topic',
  sourcePartition: 'keel-dlq-source-partition',
  sourceOffset: 'keel-dlq-source-offset',
  failedAt: 'keel-dlq-failed-at',
  consumerGroup: 'keel-dlq-consumer-group',
} as const;

/** Brokers cap a record's size; a reason built from a huge payload must not make the dead letter unsendable. */
const MAX_REASON_LENGTH = 2000;

/** The original headers, byte for byte, plus where the message came from and why it was parked. */
export function buildDeadLetterHeaders(
  source: Pick<RawMessage, 'topic' | 'partition' | 'offset' | 'headers'>,
  reason: string,
  consumerGroup: string,
  failedAt: Date,
): WireHeaders {
  return {
    ...source.headers,
    [DLQ_HEADERS.reason]: truncate(reason, MAX_REASON_LENGTH),
    [DLQ_HEADERS.sourceTopic]: source.topic,
    [DLQ_HEADERS.sourcePartition]: String(source.partition),
    [DLQ_HEADERS.sourceOffset]: source.offset,
    [DLQ_HEADERS.failedAt]: failedAt.toISOString(),
    [DLQ_HEADERS.consumerGroup]: consumerGroup,
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
