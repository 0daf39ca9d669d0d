/**
 * Encrypts and decrypts secrets at rest. Implemented by the SecretBox of `crypto/secret-box.ts`
 * (AES-256-GCM); `context` is additional authenticated data, so a ciphertext copied to
 * another row or column does not decrypt.
 */
export interface SecretCipher {
  encrypt(plaintext: string, context?: string): string;
  decrypt(stored: string, context?: string): string;
}

export const accessTokenContext = (integrationId: string) => `integration:${integrationId}:access_token`;
export const refreshTokenContext = (integrationId: string) => `integration:${integrationId}:refresh_token`;
export const codeVerifierContext = (stateId: string) => `oauth_state:${stateId}:code_verifier`;
