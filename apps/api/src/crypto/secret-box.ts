import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/config';

/** One AES-256 key and the id stored beside every ciphertext made with it. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** Raised when a key list or key file is malformed. Its message never contains key material. */
export class EncryptionKeyError extends Error {
  override name = 'EncryptionKeyError';
}

/**
 * Raised when a stored ciphertext cannot be decrypted: it was changed, it belongs to other
 * additional data, it names a key id that is not configured, or it is not in the format.
 */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const format = 'v1';
const keyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

export const keyFileName = 'encryption.key';

/** The shell command that prints a new key, quoted in every message about a missing key. */
export const keyCommand = 'echo "k1:$(openssl rand -base64 32)"';

/**
 * Parses `id:base64key` pairs separated by commas, the format of WORKAPI_ENCRYPTION_KEYS.
 * Each key must decode to exactly 32 bytes and each id must be unique.
 */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new EncryptionKeyError('must contain at least one id:base64key pair');

  const keys: EncryptionKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const position = `pair ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) throw new EncryptionKeyError(`${position} must have the form id:base64key`);
    const id = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (!keyIdPattern.test(id)) {
      throw new EncryptionKeyError(`${position} has an invalid key id: use 1 to 32 letters, digits, _ or -`);
    }
    if (keys.some((key) => key.id === id)) throw new EncryptionKeyError(`key id "${id}" appears more than once`);
    if (!base64Pattern.test(encoded)) throw new EncryptionKeyError(`key "${id}" is not valid base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== keyBytes) {
      throw new EncryptionKeyError(`key "${id}" must decode to exactly ${keyBytes} bytes (got ${key.length})`);
    }
    keys.push({ id, key });
  }
  return keys;
}

/**
 * Reads the key file of the embedded default, creating it with a new random key and mode
 * 0600 when it does not exist. The file contains one `id:base64key` pair, so its content can
 * later be moved into WORKAPI_ENCRYPTION_KEYS unchanged.
 */
export function loadOrCreateKeyFile(dataDir: string): { keys: EncryptionKey[]; created: boolean; file: string } {
  const file = path.join(dataDir, keyFileName);
  fs.mkdirSync(dataDir, { recursive: true });
  let created = false;
  try {
    // `wx` fails when the file exists, so two processes starting at once keep one key.
    fs.writeFileSync(file, `local:${randomBytes(keyBytes).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    return { keys: parseEncryptionKeys(fs.readFileSync(file, 'utf8')), created, file };
  } catch (error) {
    if (error instanceof EncryptionKeyError) {
      throw new EncryptionKeyError(`The key file ${file} is invalid: ${error.message}. Restore it from a backup.`);
    }
    throw error;
  }
}

/**
 * Authenticated encryption of secrets at rest with AES-256-GCM and a random 96-bit nonce.
 * Stored form: `v1.<keyId>.<nonce>.<ciphertext and tag>`, the last two in base64url. The
 * first key encrypts and every key decrypts, so a key is rotated by putting a new one first.
 * The optional `context` is GCM additional data: a ciphertext made for one context (for
 * example one row's column) does not decrypt under another.
 */
export class SecretBox {
  private readonly keysById: Map<string, Buffer>;

  constructor(private readonly keys: EncryptionKey[]) {
    if (keys.length === 0) throw new EncryptionKeyError('at least one encryption key is required');
    this.keysById = new Map(keys.map((key) => [key.id, key.key]));
  }

  /** Id of the key that encrypts new secrets. */
  get currentKeyId(): string {
    return this.keys[0].id;
  }

  encrypt(plaintext: string, context?: string): string {
    const { id, key } = this.keys[0];
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
    if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [format, id, nonce.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  decrypt(stored: string, context?: string): string {
    const parts = stored.split('.');
    if (parts.length !== 4 || parts[0] !== format) {
      throw new DecryptionError(`The stored secret is not in the ${format} format.`);
    }
    const [, keyId, encodedNonce, encodedSealed] = parts;
    const key = this.keysById.get(keyId);
    if (!key) {
      throw new DecryptionError(
        `The stored secret was encrypted with key "${keyId}", which is not configured. Add that key to WORKAPI_ENCRYPTION_KEYS.`,
      );
    }
    const nonce = Buffer.from(encodedNonce, 'base64url');
    const sealed = Buffer.from(encodedSealed, 'base64url');
    if (nonce.length !== nonceBytes || sealed.length < tagBytes) {
      throw new DecryptionError('The stored secret is truncated.');
    }

    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
    if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagBytes)), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError(`The stored secret failed authentication under key "${keyId}": it was changed or belongs elsewhere.`);
    }
  }
}

/**
 * Builds the process's SecretBox from WORKAPI_ENCRYPTION_KEYS, or on the embedded default
 * without that variable from the key file in the data folder, which is created on first start.
 */
export function createSecretBox(config: Pick<Config, 'encryptionKeys' | 'dataDir'>, log: Logger): SecretBox {
  if (config.encryptionKeys) return new SecretBox(config.encryptionKeys);

  const { keys, created, file } = loadOrCreateKeyFile(config.dataDir);
  if (created) {
    log.info({ file, keyId: keys[0].id }, 'generated an encryption key; back up this file together with the database');
  }
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    log.warn({ file, mode: mode.toString(8) }, 'the encryption key file is readable by other users; run chmod 600 on it');
  }
  return new SecretBox(keys);
}
