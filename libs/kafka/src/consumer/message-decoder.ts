import { CORRELATION_HEADER, correlationIdFrom } from '@keel/context';
import { parseContract, type TopicContract } from '@keel/contracts';
import type { z } from 'zod';
import { errorMessage } from '../kafka-settings';
import type { RawMessage } from '../kafka-transport';
import { decodeHeaders } from '../message-headers';
import type { ReceivedMessage } from './consumer-options';

export type DecodeResult<T> = { ok: true; message: ReceivedMessage<T> } | { ok: false; reason: string };

/** Why a message was dead-lettered, coarsely, for counting (the full reason is in the dead letter's header). */
export type DeadLetterKind = 'tombstone' | 'oversize' | 'not_json' | 'contract' | 'refused';

const TOMBSTONE = 'message has no value (tombstone)';
const OVERSIZE = 'message of ';
const NOT_JSON = 'value is not valid JSON: ';
const CONTRACT = 'value violates contract ';

/** The kind of a dead-letter reason: the decoder's own reasons by their wording, anything else refused by a handler. */
export function deadLetterKind(reason: string): DeadLetterKind {
  if (reason === TOMBSTONE) return 'tombstone';
  if (reason.startsWith(OVERSIZE)) return 'oversize';
  if (reason.startsWith(NOT_JSON)) return 'not_json';
  if (reason.startsWith(CONTRACT)) return 'contract';
  return 'refused';
}

/** Turns wire bytes into a validated message, or says in one line why it cannot be one. */
export function decodeMessage<S extends z.ZodType>(
  contract: TopicContract<S>,
  raw: RawMessage,
): DecodeResult<z.output<S>> {
  if (raw.value === null) {
    return { ok: false, reason: TOMBSTONE };
  }
  if (contract.maxMessageBytes !== undefined && raw.value.length > contract.maxMessageBytes) {
    return {
      ok: false,
      reason: `${OVERSIZE}${raw.value.length} bytes exceeds the limit of ${contract.maxMessageBytes} bytes of ${contract.topic}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `${NOT_JSON}${errorMessage(error)}` };
  }
  const parsed = parseContract(contract, json);
  if (!parsed.ok) {
    return { ok: false, reason: `${CONTRACT}${contract.topic} v${contract.version}: ${parsed.reason}` };
  }
  const headers = decodeHeaders(raw.headers);
  // An id that is unsafe in logs and headers is replaced, not propagated.
  return {
    ok: true,
    message: {
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      key: raw.key === null ? null : raw.key.toString('utf8'),
      value: parsed.value,
      headers,
      correlationId: correlationIdFrom(headers[CORRELATION_HEADER]),
      timestamp: new Date(Number(raw.timestamp)),
    },
  };
}
