import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import {
  DecryptionError,
  EncryptionKeyError,
  SecretBox,
  createSecretBox,
  keyFileName,
  loadOrCreateKeyFile,
  parseEncryptionKeys,
  type EncryptionKey,
} from '../secret-box';

const newKey = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'info' }, destination), lines };
}

/** Flips one bit of the base64url part at `partIndex` of a stored ciphertext. */
function flipBit(stored: string, partIndex: number): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[partIndex], 'base64url');
  bytes[0] ^= 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  it('round-trips a secret', () => {
    const box = new SecretBox([newKey('k1')]);
    const stored = box.encrypt('GOCSPX-very-secret-value');
    expect(box.decrypt(stored)).toBe('GOCSPX-very-secret-value');
  });

  it('stores the format, key id, nonce and sealed text', () => {
    const box = new SecretBox([newKey('k1')]);
    const stored = box.encrypt('hello');
    const [format, keyId, nonce, sealed] = stored.split('.');
    expect(format).toBe('v1');
    expect(keyId).toBe('k1');
    expect(Buffer.from(nonce, 'base64url')).toHaveLength(12);
    expect(Buffer.from(sealed, 'base64url')).toHaveLength(5 + 16);
  });

  it('uses a fresh nonce for every encryption', () => {
    const box = new SecretBox([newKey('k1')]);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('never contains the plaintext', () => {
    const box = new SecretBox([newKey('k1')]);
    const stored = box.encrypt('plain-secret-text');
    expect(stored).not.toContain('plain-secret-text');
    expect(stored).not.toContain(Buffer.from('plain-secret-text').toString('base64url'));
  });

  it('decrypts old ciphertexts after key rotation', () => {
    const oldKey = newKey('old');
    const before = new SecretBox([oldKey]).encrypt('rotated secret');
    const rotated = new SecretBox([newKey('new'), oldKey]);
    expect(rotated.decrypt(before)).toBe('rotated secret');
    expect(rotated.encrypt('x').split('.')[1]).toBe('new');
    expect(rotated.currentKeyId).toBe('new');
  });

  it.each([
    ['nonce', 2],
    ['ciphertext', 3],
  ])('rejects a tampered %s', (_part, index) => {
    const box = new SecretBox([newKey('k1')]);
    const stored = box.encrypt('do not change me');
    expect(() => box.decrypt(flipBit(stored, index))).toThrow(DecryptionError);
  });

  it('rejects a tampered authentication tag', () => {
    const box = new SecretBox([newKey('k1')]);
    const parts = box.encrypt('tag check').split('.');
    const sealed = Buffer.from(parts[3], 'base64url');
    sealed[sealed.length - 1] ^= 0x80;
    parts[3] = sealed.toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow(/failed authentication/);
  });

  it('rejects a key id swapped to another configured key', () => {
    const box = new SecretBox([newKey('a'), newKey('b')]);
    const stored = box.encrypt('bound to a').replace('.a.', '.b.');
    expect(() => box.decrypt(stored)).toThrow(DecryptionError);
  });

  it('names an unknown key id', () => {
    const stored = new SecretBox([newKey('gone')]).encrypt('lost');
    const box = new SecretBox([newKey('k1')]);
    expect(() => box.decrypt(stored)).toThrow(/key "gone", which is not configured/);
  });

  it.each(['', 'plain text', 'v2.k1.AAAA.BBBB', 'v1.k1.AAAA', 'v1.k1.AAAA.BBBB'])('rejects malformed input %p', (stored) => {
    const box = new SecretBox([newKey('k1')]);
    expect(() => box.decrypt(stored)).toThrow(DecryptionError);
  });

  it('binds the ciphertext to its context', () => {
    const box = new SecretBox([newKey('k1')]);
    const stored = box.encrypt('secret', 'providers:1:client_secret');
    expect(box.decrypt(stored, 'providers:1:client_secret')).toBe('secret');
    expect(() => box.decrypt(stored, 'providers:2:client_secret')).toThrow(DecryptionError);
    expect(() => box.decrypt(stored)).toThrow(DecryptionError);
  });

  it('round-trips unicode and empty text', () => {
    const box = new SecretBox([newKey('k1')]);
    expect(box.decrypt(box.encrypt('pässwört ✓'))).toBe('pässwört ✓');
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });
});

describe('parseEncryptionKeys', () => {
  const key = randomBytes(32).toString('base64');

  it('reads comma-separated pairs in order', () => {
    const other = randomBytes(32).toString('base64url');
    const keys = parseEncryptionKeys(` k2:${key} , k1:${other} `);
    expect(keys.map((entry) => entry.id)).toEqual(['k2', 'k1']);
    expect(keys[0].key.toString('base64')).toBe(key);
    expect(keys[1].key).toHaveLength(32);
  });

  it.each([
    ['', /at least one/],
    ['k1', /id:base64key/],
    [`bad.id:${randomBytes(32).toString('base64')}`, /invalid key id/],
    ['k1:!!!notbase64', /not valid base64/],
    [`k1:${randomBytes(16).toString('base64')}`, /exactly 32 bytes \(got 16\)/],
    [`k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`, /more than once/],
  ])('rejects %p', (value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });

  it('keeps key material out of its messages', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseEncryptionKeys(`k1:${short}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
  });
});

describe('key file of the embedded default', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-keys-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is created with mode 0600 and reused', () => {
    const first = loadOrCreateKeyFile(path.join(dataDir, 'nested'));
    expect(first.created).toBe(true);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);

    const second = loadOrCreateKeyFile(path.join(dataDir, 'nested'));
    expect(second.created).toBe(false);
    expect(second.keys[0].key.equals(first.keys[0].key)).toBe(true);
  });

  it('decrypts across restarts', () => {
    const { log } = capturingLogger();
    const stored = createSecretBox({ encryptionKeys: null, dataDir }, log).encrypt('kept');
    expect(createSecretBox({ encryptionKeys: null, dataDir }, log).decrypt(stored)).toBe('kept');
  });

  it('logs its creation without the key', () => {
    const { log, lines } = capturingLogger();
    createSecretBox({ encryptionKeys: null, dataDir }, log);
    const content = fs.readFileSync(path.join(dataDir, keyFileName), 'utf8').trim();
    const output = lines.join('');
    expect(output).toContain('generated an encryption key');
    expect(output).not.toContain(content.split(':')[1]);
  });

  it('warns when others can read it', () => {
    const { log, lines } = capturingLogger();
    loadOrCreateKeyFile(dataDir);
    fs.chmodSync(path.join(dataDir, keyFileName), 0o644);
    createSecretBox({ encryptionKeys: null, dataDir }, log);
    expect(lines.join('')).toContain('chmod 600');
  });

  it('names a corrupt file', () => {
    fs.writeFileSync(path.join(dataDir, keyFileName), 'garbage', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(dataDir)).toThrow(/encryption\.key is invalid/);
  });

  it('is not used when keys are configured', () => {
    const { log } = capturingLogger();
    createSecretBox({ encryptionKeys: [newKey('k1')], dataDir }, log);
    expect(fs.existsSync(path.join(dataDir, keyFileName))).toBe(false);
  });
});
