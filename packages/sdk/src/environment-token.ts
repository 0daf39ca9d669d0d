import { createPrivateKey, createPublicKey, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, type JWK } from 'jose';

/** The `aud` claim that Work API expects, unless the server's WORKAPI_TOKEN_AUDIENCE sets another. */
export const defaultAudience = 'workapi';
/** The server rejects tokens that live longer than this (`exp - iat`), in seconds. */
export const maxTtlSeconds = 300;

export type EnvironmentKeyAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

/** A private key as PKCS#8 PEM, as a JWK (object or JSON text), or as a Node KeyObject. */
export type PrivateKeyInput = string | JWK | KeyObject;

export interface SignEnvironmentTokenOptions {
  /** Id of the environment; becomes the `iss` claim. */
  environmentId: string;
  /** The environment's private key: PKCS#8 PEM (as returned by createEnvironment), a JWK, or a KeyObject. */
  privateKey: PrivateKeyInput;
  /** Lifetime of the token in seconds, 1 to 300. */
  ttlSeconds: number;
  /** The `aud` claim; default "workapi". */
  audience?: string;
}

/** A private key ready to sign, with its algorithm and key id. */
export interface EnvironmentSigningKey {
  key: KeyObject;
  algorithm: EnvironmentKeyAlgorithm;
  /** RFC 7638 thumbprint of the public key, as the server computes it. */
  kid: string;
}

function toKeyObject(privateKey: PrivateKeyInput): KeyObject {
  if (typeof privateKey === 'string') {
    const text = privateKey.trim();
    if (text.startsWith('{')) return createPrivateKey({ key: JSON.parse(text), format: 'jwk' });
    return createPrivateKey({ key: text, format: 'pem' });
  }
  if ('asymmetricKeyType' in privateKey || 'export' in privateKey) {
    const keyObject = privateKey as KeyObject;
    if (keyObject.type !== 'private') throw new TypeError('privateKey must be a private key, not a public or secret key.');
    return keyObject;
  }
  return createPrivateKey({ key: privateKey as JsonWebKey, format: 'jwk' });
}

/** Reads the algorithm from the key itself: P-256 is ES256, Ed25519 is EdDSA, RSA is RS256. */
function algorithmOf(key: KeyObject): EnvironmentKeyAlgorithm {
  switch (key.asymmetricKeyType) {
    case 'ec':
      if (key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
      throw new TypeError(`Unsupported EC curve ${key.asymmetricKeyDetails?.namedCurve}; environment keys use P-256.`);
    case 'ed25519':
      return 'EdDSA';
    case 'rsa':
      return 'RS256';
    default:
      throw new TypeError(`Unsupported key type ${key.asymmetricKeyType}; environment keys are ES256, EdDSA or RS256.`);
  }
}

/** Imports an environment's private key once, for signing many tokens. */
export async function importEnvironmentKey(privateKey: PrivateKeyInput): Promise<EnvironmentSigningKey> {
  const key = toKeyObject(privateKey);
  const algorithm = algorithmOf(key);
  const publicJwk = createPublicKey(key).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { key, algorithm, kid };
}

/**
 * Signs an environment token: a JWS with `alg` and `kid` headers and the claims `iss`
 * (the environment id), `aud`, `iat`, `exp` and a random `jti`. Each token is accepted
 * once, so sign a new one for every request.
 */
export async function signEnvironmentToken(
  options: SignEnvironmentTokenOptions,
  signingKey?: EnvironmentSigningKey,
): Promise<string> {
  const { environmentId, ttlSeconds } = options;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > maxTtlSeconds) {
    throw new RangeError(`ttlSeconds must be a whole number from 1 to ${maxTtlSeconds} (got ${ttlSeconds}).`);
  }
  if (!environmentId) throw new TypeError('environmentId is required.');
  const { key, algorithm, kid } = signingKey ?? (await importEnvironmentKey(options.privateKey));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: algorithm, kid, typ: 'JWT' })
    .setIssuer(environmentId)
    .setAudience(options.audience ?? defaultAudience)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setJti(randomUUID())
    .sign(key);
}
