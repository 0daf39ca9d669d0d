import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { compactVerify, createLocalJWKSet, importSPKI, jwtVerify } from 'jose';
import { createTestEnvironment, signTestEnvironmentToken } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import type { TestClient } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';

const rotateMutation = `mutation($input: RotateEnvironmentKeyInput!) { rotateEnvironmentKey(input: $input) { key { kid } privateKey } }`;
const revokeMutation = `mutation($input: RevokeEnvironmentKeyInput!) { revokeEnvironmentKey(input: $input) { key { kid } } }`;
const keysQuery = `query($id: ID!) { environment(id: $id) { keys { kid publicKeyPem } } }`;

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Encodes a JWS ES256 signature (r and s, 32 bytes each) as the DER ECDSA-Sig-Value that openssl reads. */
function joseToDer(signature: Buffer): Buffer {
  const integer = (bytes: Buffer) => {
    let value = bytes;
    while (value.length > 1 && value[0] === 0 && value[1] < 0x80) value = value.subarray(1);
    if (value[0] >= 0x80) value = Buffer.concat([Buffer.from([0]), value]);
    return Buffer.concat([Buffer.from([0x02, value.length]), value]);
  };
  const body = Buffer.concat([integer(signature.subarray(0, 32)), integer(signature.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

describe('environment public key routes', () => {
  let testApp: TestApp;
  let developer: TestClient;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'envkeyroutes');
    developer = (await signUpDeveloper(testApp.url)).client;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('public-key.pem verifies a token with jose', async () => {
    const { environment, privateKey } = await createTestEnvironment(developer);
    const response = await fetch(`${testApp.url}/environments/${environment.id}/public-key.pem`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-pem-file/);
    const pem = await response.text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);

    const token = await signTestEnvironmentToken({ environmentId: environment.id, privateKey });
    const { payload } = await jwtVerify(token, await importSPKI(pem, 'ES256'), { issuer: environment.id, audience: 'workapi' });
    expect(payload.iss).toBe(environment.id);
  });

  (hasOpenssl() ? it : it.skip)('public-key.pem verifies a token with openssl', async () => {
    const { environment, privateKey } = await createTestEnvironment(developer);
    const pem = await (await fetch(`${testApp.url}/environments/${environment.id}/public-key.pem`)).text();
    const token = await signTestEnvironmentToken({ environmentId: environment.id, privateKey });
    const [header, payload, signature] = token.split('.');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-openssl-'));
    try {
      fs.writeFileSync(path.join(dir, 'public.pem'), pem);
      fs.writeFileSync(path.join(dir, 'signed.txt'), `${header}.${payload}`);
      fs.writeFileSync(path.join(dir, 'signature.der'), joseToDer(Buffer.from(signature, 'base64url')));
      const verify = (file: string) =>
        execFileSync('openssl', ['dgst', '-sha256', '-verify', 'public.pem', '-signature', 'signature.der', file], { cwd: dir }).toString();
      expect(verify('signed.txt')).toMatch(/Verified OK/);

      fs.writeFileSync(path.join(dir, 'tampered.txt'), `${header}.${payload}x`);
      expect(() => execFileSync('openssl', ['dgst', '-sha256', '-verify', 'public.pem', '-signature', 'signature.der', 'tampered.txt'], { cwd: dir, stdio: 'pipe' })).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('jwks.json lists every active key and verifies tokens of each', async () => {
    const created = await createTestEnvironment(developer);
    const id = created.environment.id;
    const rotated = await developer.ok(rotateMutation, { input: { environmentId: id } });
    const response = await fetch(`${testApp.url}/environments/${id}/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    const jwks = (await response.json()) as { keys: Array<{ kid: string; kty: string; d?: string }> };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[0].kid).toBe(rotated.rotateEnvironmentKey.key.kid);
    for (const key of jwks.keys) expect(key.d).toBeUndefined();

    const keySet = createLocalJWKSet(jwks);
    const signers: Array<[string, string]> = [
      [created.privateKey, jwks.keys[1].kid],
      [rotated.rotateEnvironmentKey.privateKey, jwks.keys[0].kid],
    ];
    for (const [privateKey, kid] of signers) {
      const token = await signTestEnvironmentToken({ environmentId: id, privateKey, kid });
      const { payload } = await compactVerify(token, keySet);
      expect(JSON.parse(new TextDecoder().decode(payload)).iss).toBe(id);
    }

    const pem = await (await fetch(`${testApp.url}/environments/${id}/public-key.pem`)).text();
    const keys = (await developer.ok(keysQuery, { id })).environment.keys;
    expect(pem).toBe(keys[0].publicKeyPem);
  });

  it('revoked keys leave the JWKS', async () => {
    const created = await createTestEnvironment(developer);
    const id = created.environment.id;
    const rotated = await developer.ok(rotateMutation, { input: { environmentId: id } });
    await developer.ok(revokeMutation, { input: { environmentId: id, kid: rotated.rotateEnvironmentKey.key.kid } });
    const jwks = (await (await fetch(`${testApp.url}/environments/${id}/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0].kid).not.toBe(rotated.rotateEnvironmentKey.key.kid);

    const remaining = (await developer.ok(keysQuery, { id })).environment.keys.find((key: { kid: string }) => key.kid === jwks.keys[0].kid);
    await developer.ok(revokeMutation, { input: { environmentId: id, kid: remaining.kid } });
    const emptied = (await (await fetch(`${testApp.url}/environments/${id}/jwks.json`)).json()) as { keys: unknown[] };
    expect(emptied.keys).toEqual([]);
    expect((await fetch(`${testApp.url}/environments/${id}/public-key.pem`)).status).toBe(404);
  });

  it('unknown, malformed and deleted ids are 404', async () => {
    const created = await createTestEnvironment(developer, 'gone');
    await developer.ok(`mutation($input: DeleteEnvironmentInput!) { deleteEnvironment(input: $input) { deletedEnvironmentId } }`, {
      input: { id: created.environment.id, confirmName: 'gone' },
    });
    for (const id of [randomUUID(), 'not-a-uuid', created.environment.id]) {
      for (const file of ['public-key.pem', 'jwks.json']) {
        const response = await fetch(`${testApp.url}/environments/${id}/${file}`);
        expect(response.status).toBe(404);
      }
    }
  });
});
