import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random string carrying `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token in hex, the only form in which bearer tokens are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
