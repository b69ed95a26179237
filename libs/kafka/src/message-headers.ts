import { CORRELATION_HEADER } from '@keel/context';
import type { WireHeaders } from './kafka-transport';

export const CONTENT_TYPE_HEADER = 'content-type';
export const CONTRACT_VERSION_HEADER = 'keel-contract-version';
export const JSON_CONTENT_TYPE = 'application/json';

/** Headers every published message carries. Caller headers may add to them and may set the correlation id
 * (a relay forwarding someone else's message), but never change how the payload is described. */
export function buildPublishHeaders(
  contractVersion: number,
  correlationId: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    [CORRELATION_HEADER]: correlationId,
    ...extra,
    [CONTENT_TYPE_HEADER]: JSON_CONTENT_TYPE,
    [CONTRACT_VERSION_HEADER]: String(contractVersion),
  };
}

/** Wire headers as text. A repeated key keeps its last value, as Kafka's own clients read it. */
export function decodeHeaders(headers: WireHeaders): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) {
      decoded[name] = typeof value === 'string' ? value : value.toString('utf8');
    }
  }
  return decoded;
}
