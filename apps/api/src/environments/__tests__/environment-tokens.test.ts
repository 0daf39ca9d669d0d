import { errorCode } from '../../../test/graphql-client';
import { createTestEnvironment, environmentClient, signTestEnvironmentToken } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { TestClient } from '../../../test/graphql-client';

const currentEnvironmentQuery = `query { currentEnvironment { id name status } }`;

describe('environment tokens', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'envtokens');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('currentEnvironment returns the signing environment', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const { environment, privateKey } = await createTestEnvironment(client, 'production');
    const envClient = environmentClient(testApp.url, environment.id, privateKey);
    const data = await envClient.ok(currentEnvironmentQuery);
    expect(data.currentEnvironment).toEqual({ id: environment.id, name: 'production', status: 'ACTIVE' });
    const again = await envClient.ok(currentEnvironmentQuery);
    expect(again.currentEnvironment.id).toBe(environment.id);
  });

  it('currentEnvironment is null for a console session', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const data = await client.ok(currentEnvironmentQuery);
    expect(data.currentEnvironment).toBeNull();
  });

  it('replayed jti is rejected', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const { environment, privateKey } = await createTestEnvironment(client);
    const token = await signTestEnvironmentToken({ environmentId: environment.id, privateKey });
    const first = await new TestClient(testApp.url).withBearer(token).request(currentEnvironmentQuery);
    expect(first.status).toBe(200);
    const second = await new TestClient(testApp.url).withBearer(token).request(currentEnvironmentQuery);
    expect(second.status).toBe(401);
    expect(errorCode(second)).toBe('UNAUTHENTICATED');
    expect(second.body.errors?.[0].message).toMatch(/replayed/);
  });
});
