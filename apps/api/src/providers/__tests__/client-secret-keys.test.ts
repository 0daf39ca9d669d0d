import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dumpDatabase } from '../../../test/dump';
import { TestClient } from '../../../test/graphql-client';
import { createTestEnvironment } from '../../../test/environment-factory';
import { signInMutation, signUpDeveloper } from '../../../test/factories';
import { startTestApp, testDialect, type TestApp } from '../../../test/harness';
import { addTestProvider } from '../../../test/provider-factory';
import { ProviderKind } from '../provider-kind';

const updateProviderMutation = `mutation UpdateProvider($input: UpdateProviderInput!) {
  updateProvider(input: $input) { provider { id clientSecretHint } }
}`;

const newKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('client secret encryption keys', () => {
  let testApp: TestApp;

  afterEach(async () => {
    await testApp.close();
  });

  it('decrypts after the key is rotated', async () => {
    const oldKey = newKey('old');
    testApp = await startTestApp({ WORKAPI_ENCRYPTION_KEYS: oldKey }, 'key-rotation');
    const developer = await signUpDeveloper(testApp.url);
    const { environment } = await createTestEnvironment(developer.client);
    const gmail = await addTestProvider(developer.client, environment.id, 'GMAIL');
    const drive = await addTestProvider(developer.client, environment.id, 'GOOGLE_DRIVE');
    expect(await dumpDatabase(testApp.app.dataSource)).toContain('"v1.old.');

    const rotatedKey = newKey('new');
    testApp = await testApp.restart({ WORKAPI_ENCRYPTION_KEYS: `${rotatedKey},${oldKey}` });
    const providers = testApp.app.services.providers;
    expect((await providers.resolveClient(environment.id, ProviderKind.GMAIL)).clientSecret).toBe(gmail.clientSecret);

    // A secret written after the rotation uses the new key. The restarted server listens on a new port.
    const client = new TestClient(testApp.url);
    await client.ok(signInMutation, { input: { email: developer.email, password: developer.password } });
    const newSecret = `after-rotation-${randomBytes(8).toString('hex')}`;
    await client.ok(updateProviderMutation, { input: { id: drive.provider.id, clientSecret: newSecret } });
    expect(await dumpDatabase(testApp.app.dataSource)).toContain('"v1.new.');
    expect((await providers.resolveClient(environment.id, ProviderKind.GOOGLE_DRIVE)).clientSecret).toBe(newSecret);

    // Once the old key is dropped, only secrets written under the new key still decrypt.
    testApp = await testApp.restart({ WORKAPI_ENCRYPTION_KEYS: rotatedKey });
    const afterDrop = testApp.app.services.providers;
    expect((await afterDrop.resolveClient(environment.id, ProviderKind.GOOGLE_DRIVE)).clientSecret).toBe(newSecret);
    await expect(afterDrop.resolveClient(environment.id, ProviderKind.GMAIL)).rejects.toThrow(/key "old", which is not configured/);
  });

  it('logs no key material', async () => {
    const key = newKey('k1');
    testApp = await startTestApp({ WORKAPI_ENCRYPTION_KEYS: key }, 'key-logs');
    const { client } = await signUpDeveloper(testApp.url);
    const { environment } = await createTestEnvironment(client);
    await addTestProvider(client, environment.id, 'GMAIL');
    expect(testApp.logs()).not.toContain(key.split(':')[1]);
    expect(await dumpDatabase(testApp.app.dataSource)).not.toContain(key.split(':')[1]);
  });

  (testDialect === 'sqlite' ? it : it.skip)('generates a key file on the embedded default', async () => {
    testApp = await startTestApp({}, 'key-file');
    const keyFile = path.join(testApp.config.dataDir, 'encryption.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(testApp.logs()).toContain('generated an encryption key');
    const keyLine = fs.readFileSync(keyFile, 'utf8').trim();

    const { client } = await signUpDeveloper(testApp.url);
    const { environment } = await createTestEnvironment(client);
    const { clientSecret } = await addTestProvider(client, environment.id, 'OUTLOOK_MAIL');

    testApp = await testApp.restart();
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(keyLine);
    const resolved = await testApp.app.services.providers.resolveClient(environment.id, ProviderKind.OUTLOOK_MAIL);
    expect(resolved.clientSecret).toBe(clientSecret);
    expect(testApp.logs()).not.toContain(keyLine.split(':')[1]);
  });
});
