import { UsersApi, WorkApiClient, WorkApiError, WorkApiUserClient } from '../../../../../packages/sdk/src';
import { createTestEnvironment } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof WorkApiError) return error.code;
    throw error;
  }
}

describe('sdk users against a real server', () => {
  let testApp: TestApp;
  let users: UsersApi;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'sdkusers');
    const { client } = await signUpDeveloper(testApp.url);
    const { environment, privateKey } = await createTestEnvironment(client);
    users = new UsersApi(new WorkApiClient({ url: testApp.url, environmentId: environment.id, privateKey }));
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('createUser returns a token the user client accepts', async () => {
    const { user, accessToken } = await users.createUser('sdk-1');
    expect(user.externalId).toBe('sdk-1');
    const asUser = new WorkApiUserClient({ url: testApp.url, accessToken: accessToken.token });
    expect((await asUser.currentUser()).id).toBe(user.id);
    expect(await codeOf(users.createUser('sdk-1'))).toBe('CONFLICT');
  });

  it('issueAccessToken and reauthorizeUser manage tokens', async () => {
    await users.createUser('sdk-2');
    const issued = await users.issueAccessToken('sdk-2', { expiresInSeconds: 600 });
    const reauthorized = await users.reauthorizeUser('sdk-2');
    const old = new WorkApiUserClient({ url: testApp.url, accessToken: issued.accessToken.token });
    expect(await codeOf(old.currentUser())).toBe('UNAUTHENTICATED');
    const fresh = new WorkApiUserClient({ url: testApp.url, accessToken: reauthorized.accessToken.token });
    expect((await fresh.currentUser()).externalId).toBe('sdk-2');
  });

  it('the user client refreshes and revokes its token', async () => {
    const { accessToken } = await users.createUser('sdk-3');
    const client = new WorkApiUserClient({ url: testApp.url, accessToken: accessToken.token });
    const refreshed = await client.refreshAccessToken();
    expect(client.accessToken).toBe(refreshed.token);
    await client.revokeAccessToken();
    expect(await codeOf(client.currentUser())).toBe('UNAUTHENTICATED');
    const original = new WorkApiUserClient({ url: testApp.url, accessToken: accessToken.token });
    expect((await original.currentUser()).externalId).toBe('sdk-3');
  });

  it('listUsers pages and iterateUsers reads every page', async () => {
    for (const externalId of ['list-a', 'list-b', 'list-c']) await users.createUser(externalId);
    const page = await users.listUsers({ first: 2, externalIdPrefix: 'list-' });
    expect(page.totalCount).toBe(3);
    expect(page.users.map((user) => user.externalId)).toEqual(['list-a', 'list-b']);
    expect(page.hasNextPage).toBe(true);
    const all: string[] = [];
    for await (const user of users.iterateUsers({ first: 1, externalIdPrefix: 'list-' })) all.push(user.externalId);
    expect(all).toEqual(['list-a', 'list-b', 'list-c']);
  });

  it('deleteUser, deactivateUser and reactivateUser change the user', async () => {
    const { user } = await users.createUser('sdk-4');
    expect((await users.deactivateUser('sdk-4')).status).toBe('DEACTIVATED');
    expect((await users.reactivateUser('sdk-4')).status).toBe('ACTIVE');
    expect(await users.deleteUser('sdk-4')).toBe(user.id);
    expect(await codeOf(users.getUser('sdk-4'))).toBe('NOT_FOUND');
  });
});
