/**
 * Secrets handed to users (session cookies, reset and invitation links) are
 * random 256-bit tokens; only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
