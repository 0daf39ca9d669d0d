import { randomToken, sha256Hex } from '../crypto/tokens';

export const userTokenPrefix = 'wat_';

/** 32 random bytes (256 bits) in base64url without padding: 43 characters. */
const userTokenPattern = /^wat_[A-Za-z0-9_-]{43}$/;

export interface NewUserToken {
  /** Shown to the caller once and never stored. */
  token: string;
  tokenHash: string;
}

export function generateUserToken(): NewUserToken {
  const token = `${userTokenPrefix}${randomToken(32)}`;
  return { token, tokenHash: sha256Hex(token) };
}

export function isWellFormedUserToken(token: string): boolean {
  return userTokenPattern.test(token);
}
