import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy random token (refresh tokens, API key secrets), URL-safe. */
export function generateOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 of a high-entropy token. Tokens we generate carry 256 random bits, so a fast hash is enough for storage
 * (a memory-hard KDF is for human passwords).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
