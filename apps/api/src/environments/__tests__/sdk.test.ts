import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { WorkApiClient, WorkApiError, signEnvironmentToken } from '../../../../../packages/sdk/src';
import { createEnvironmentMutation, createTestEnvironment } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import type { TestClient } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';

describe('sdk against a real server', () => {
  let testApp: TestApp;
  let developer: TestClient;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'sdk');
    developer = (await signUpDeveloper(testApp.url)).client;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('WorkApiClient signs every request with a fresh token', async () => {
    const { environment, privateKey } = await createTestEnvironment(developer, 'sdk-env');
    const client = new WorkApiClient({ url: testApp.url, environmentId: environment.id, privateKey });
    const first = await client.currentEnvironment();
    expect(first).toMatchObject({ id: environment.id, name: 'sdk-env', status: 'ACTIVE' });
    const second = await client.request<{ currentEnvironment: { id: string } }>(`query { currentEnvironment { id } }`);
    expect(second.currentEnvironment.id).toBe(environment.id);
  });

  it('signEnvironmentToken sets the claims and the kid', async () => {
    const { environment, privateKey } = await createTestEnvironment(developer);
    const token = await signEnvironmentToken({ environmentId: environment.id, privateKey, ttlSeconds: 120 });
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    const keys = await developer.ok(`query($id: ID!) { environment(id: $id) { keys { kid } } }`, { id: environment.id });
    expect(header).toMatchObject({ alg: 'ES256', kid: keys.environment.keys[0].kid });
    expect(claims).toMatchObject({ iss: environment.id, aud: 'workapi' });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(typeof claims.jti).toBe('string');
  });

  it('signEnvironmentToken detects EdDSA and RS256 keys', async () => {
    for (const [type, algorithm, name] of [['ed25519', 'EdDSA', 'sdk-ed'], ['rsa', 'RS256', 'sdk-rsa']] as const) {
      const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const data = await developer.ok(createEnvironmentMutation, { input: { name, publicKey } });
      const environmentId = data.createEnvironment.environment.id;

      const jwk = pair.privateKey.export({ format: 'jwk' });
      const client = new WorkApiClient({ url: testApp.url, environmentId, privateKey: jwk });
      expect((await client.currentEnvironment()).id).toBe(environmentId);
      const token = await signEnvironmentToken({ environmentId, privateKey: JSON.stringify(jwk), ttlSeconds: 30 });
      expect(decodeProtectedHeader(token).alg).toBe(algorithm);
    }
  });

  it('ttlSeconds outside 1 to 300 is rejected before signing', async () => {
    const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(signEnvironmentToken({ environmentId: 'x', privateKey, ttlSeconds: 301 })).rejects.toThrow(/ttlSeconds must be a whole number from 1 to 300/);
    await expect(signEnvironmentToken({ environmentId: 'x', privateKey, ttlSeconds: 0 })).rejects.toThrow(RangeError);
  });

  it('a public key is rejected as signing key', async () => {
    const publicKey = createPublicKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    await expect(signEnvironmentToken({ environmentId: 'x', privateKey: publicKey, ttlSeconds: 60 })).rejects.toThrow(/must be a private key/);
  });

  it('errors carry the code and status', async () => {
    const { environment, privateKey } = await createTestEnvironment(developer, 'sdk-wrong-audience');
    const client = new WorkApiClient({ url: testApp.url, environmentId: environment.id, privateKey, audience: 'elsewhere' });
    const error = await client.currentEnvironment().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkApiError);
    expect((error as WorkApiError).code).toBe('UNAUTHENTICATED');
    expect((error as WorkApiError).status).toBe(401);
    expect((error as WorkApiError).message).toMatch(/wrong audience/);
  });
});
