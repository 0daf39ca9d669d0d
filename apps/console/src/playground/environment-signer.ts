import { SignJWT, calculateJwkThumbprint, exportJWK, importPKCS8, type CryptoKey } from 'jose';

// The `aud` the server expects unless WORKAPI_TOKEN_AUDIENCE sets another.
// NOTE: a server with a custom WORKAPI_TOKEN_AUDIENCE rejects the Playground's tokens, because no query returns the audience.
const AUDIENCE = 'workapi';
const TOKEN_TTL_SECONDS = 60;
const ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;

export type SigningAlgorithm = (typeof ALGORITHMS)[number];

/** An environment's private key imported into this page, ready to sign tokens. It is never sent anywhere. */
export interface EnvironmentSigner {
  algorithm: SigningAlgorithm;
  kid: string;
  sign(environmentId: string): Promise<string>;
}

export class InvalidPrivateKeyError extends Error {}

/**
 * Imports a PKCS#8 PEM private key with WebCrypto. The algorithm follows from
 * the key itself (P-256 is ES256, Ed25519 is EdDSA, RSA is RS256), and the key
 * id is the RFC 7638 thumbprint, as the server computes it.
 */
export async function importEnvironmentSigner(pem: string): Promise<EnvironmentSigner> {
  const text = pem.trim();
  if (!text.startsWith('-----BEGIN PRIVATE KEY-----')) {
    throw new InvalidPrivateKeyError('The file is not a PKCS#8 private key: it must start with -----BEGIN PRIVATE KEY-----.');
  }

  for (const algorithm of ALGORITHMS) {
    let key: CryptoKey;
    try {
      key = await importPKCS8(text, algorithm, { extractable: true });
    } catch {
      continue;
    }
    const kid = await calculateJwkThumbprint(await exportJWK(key), 'sha256');
    // The key stays inside this closure: nothing else in the page can read or export it.
    return {
      algorithm,
      kid,
      sign: (environmentId: string) => {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({})
          .setProtectedHeader({ alg: algorithm, kid, typ: 'JWT' })
          .setIssuer(environmentId)
          .setAudience(AUDIENCE)
          .setIssuedAt(now)
          .setExpirationTime(now + TOKEN_TTL_SECONDS)
          // The server accepts each token once, so every request gets a new jti.
          .setJti(crypto.randomUUID())
          .sign(key);
      },
    };
  }
  throw new InvalidPrivateKeyError('The key is not an ES256 (P-256), EdDSA (Ed25519) or RS256 (RSA) private key.');
}
