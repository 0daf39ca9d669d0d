import { createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint } from 'jose';
import { badUserInput } from '../graphql/errors';
import { KeyAlgorithm } from './environment-key.entity';

const generateKeyPairAsync = promisify(generateKeyPair);

/** The smallest RSA modulus accepted, in bits. */
export const minimumRsaBits = 2048;

/** Longest accepted key text; a 16384-bit RSA key is about 3,000 characters of PEM. */
export const maxPublicKeyLength = 10_000;

/** A validated public key in the forms that Work API stores and serves. */
export interface PublicKeyMaterial {
  kid: string;
  algorithm: KeyAlgorithm;
  publicKeyPem: string;
  publicJwk: Record<string, string>;
}

/** A key pair made by the server: the public part to store and the private part to return once. */
export interface GeneratedKeyPair {
  material: PublicKeyMaterial;
  /** PKCS#8 PEM. Returned to the caller once and never stored or logged. */
  privateKeyPem: string;
}

/** Generates an ES256 (P-256) key pair. */
export async function generateEs256KeyPair(): Promise<GeneratedKeyPair> {
  const { publicKey, privateKey } = await generateKeyPairAsync('ec', { namedCurve: 'P-256' });
  const material = await describePublicKey(publicKey);
  return { material, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/**
 * Parses a caller's public key, given as SPKI PEM or as a JWK in JSON text. Raises
 * BAD_USER_INPUT on `field` for malformed, private, unsupported or too weak keys. The
 * messages never quote the input, because a caller may paste a private key by mistake.
 */
export async function parsePublicKey(input: string, field = 'publicKey'): Promise<PublicKeyMaterial> {
  const text = input.trim();
  if (text === '') throw badUserInput(field, `${field} is empty; send an SPKI PEM or a JWK, or omit it.`);
  if (text.length > maxPublicKeyLength) {
    throw badUserInput(field, `${field} is longer than ${maxPublicKeyLength} characters; send a single public key.`);
  }

  let key: KeyObject;
  let declaredAlg: string | undefined;
  if (text.startsWith('{')) {
    let jwk: JsonWebKey & { alg?: unknown };
    try {
      jwk = JSON.parse(text);
    } catch {
      throw badUserInput(field, `${field} starts with "{" but is not valid JSON; send a JWK object or an SPKI PEM.`);
    }
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
      throw badUserInput(field, `${field} must be a JWK object.`);
    }
    if ('d' in jwk || 'p' in jwk || 'k' in jwk) {
      throw badUserInput(field, `${field} is a private or secret JWK; send only the public key (without "d").`);
    }
    declaredAlg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
    try {
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } catch {
      throw badUserInput(field, `${field} is not a valid public JWK (check kty, crv, x, y or n, e).`);
    }
  } else {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      throw badUserInput(field, `${field} is a private key; send only the public key as SPKI PEM ("BEGIN PUBLIC KEY").`);
    }
    if (!text.startsWith('-----BEGIN PUBLIC KEY-----')) {
      throw badUserInput(field, `${field} must be an SPKI PEM ("-----BEGIN PUBLIC KEY-----") or a JWK in JSON.`);
    }
    try {
      key = createPublicKey({ key: text, format: 'pem' });
    } catch {
      throw badUserInput(field, `${field} is not a valid SPKI PEM public key.`);
    }
  }

  const material = await describePublicKey(key, field);
  if (declaredAlg !== undefined && declaredAlg !== material.algorithm) {
    throw badUserInput(field, `${field} declares an "alg" that does not match the key, which is a ${material.algorithm} key.`);
  }
  return material;
}

function algorithmOf(key: KeyObject, field: string): KeyAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec':
      if (details.namedCurve === 'prime256v1') return KeyAlgorithm.ES256;
      throw badUserInput(field, `${field} is an EC key on ${details.namedCurve ?? 'an unknown curve'}; only P-256 (ES256) is supported.`);
    case 'ed25519':
      return KeyAlgorithm.EDDSA;
    case 'rsa': {
      const bits = details.modulusLength ?? 0;
      if (bits < minimumRsaBits) {
        throw badUserInput(field, `${field} is a ${bits}-bit RSA key; RS256 keys need at least ${minimumRsaBits} bits.`);
      }
      return KeyAlgorithm.RS256;
    }
    default:
      throw badUserInput(
        field,
        `${field} is a ${key.asymmetricKeyType ?? 'unknown'} key; supported are ES256 (P-256), EdDSA (Ed25519) and RS256 (RSA of at least ${minimumRsaBits} bits).`,
      );
  }
}

async function describePublicKey(key: KeyObject, field = 'publicKey'): Promise<PublicKeyMaterial> {
  const algorithm = algorithmOf(key, field);
  const exported = key.export({ format: 'jwk' }) as Record<string, string>;
  const kid = await calculateJwkThumbprint(exported as Parameters<typeof calculateJwkThumbprint>[0], 'sha256');
  return {
    kid,
    algorithm,
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { ...exported, kid, alg: algorithm, use: 'sig' },
  };
}
