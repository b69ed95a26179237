import { z } from 'zod';

/** Body of POST /internal/api-keys/exchange. */
export const ExchangeApiKeyBody = z.object({ apiKey: z.string().min(1).max(200) });
export type ExchangeApiKeyBody = z.output<typeof ExchangeApiKeyBody>;

export interface ExchangeApiKeyResponse {
  accessToken: string;
  /** ISO 8601 */
  expiresAt: string;
}
