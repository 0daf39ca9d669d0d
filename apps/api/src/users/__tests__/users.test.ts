import { createTestEnvironment, environmentClient, type EnvironmentTestClient } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import { EnvironmentUser } from '../environment-user.entity';
import {
  createTestUser,
  createUserMutation,
  currentUserQuery,
  deactivateUserMutation,
  deleteUserMutation,
  issueAccessTokenMutation,
  reactivateUserMutation,
  reauthorizeUserMutation,
  userQuery,
  usersQuery,
} from './user-operations';

const day = 24 * 3600 * 1000;

function expectError(response: GraphQLResponse, code: string, status: number): void {
  expect(errorCode(response)).toBe(code);
  expect(response.status).toBe(status);
}

describe('end users with an environment token', () => {
  let testApp: TestApp;
  let developer: TestClient;
  let environmentId: string;
  let envClient: EnvironmentTestClient;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'users');
    developer = (await signUpDeveloper(testApp.url)).client;
    const created = await createTestEnvironment(developer);
    environmentId = created.environment.id;
    envClient = environmentClient(testApp.url, environmentId, created.privateKey);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('createUser returns the user and a wat_ token', async () => {
    const before = Date.now();
    const { user, accessToken } = await createTestUser(envClient, 'customer-1');
    expect(user.externalId).toBe('customer-1');
    expect(user.environmentId).toBe(environmentId);
    expect(user.status).toBe('ACTIVE');
    expect(accessToken.token).toMatch(/^wat_[A-Za-z0-9_-]{43}$/);
    const lifetime = Date.parse(accessToken.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(28 * day - 60_000);
    expect(lifetime).toBeLessThanOrEqual(28 * day + 60_000);

    const me = await new TestClient(testApp.url).withBearer(accessToken.token).ok(currentUserQuery);
    expect(me.currentUser.id).toBe(user.id);
  });

  it('createUser checks the externalId length', async () => {
    for (const externalId of ['', 'x'.repeat(256)]) {
      const response = await envClient.request(createUserMutation, { input: { externalId } });
      expectError(response, 'BAD_USER_INPUT', 400);
      expect(response.body.errors?.[0].extensions?.field).toBe('externalId');
      expect(response.body.errors?.[0].message).toContain('1 to 255 characters');
    }
    const longest = '😀'.repeat(255);
    const { user } = await createTestUser(envClient, longest);
    expect(user.externalId).toBe(longest);
  });

  it('createUser rejects control characters in externalId', async () => {
    for (const externalId of ['nul\u0000byte', 'line\r\nbreak', 'tab\there', 'delete\u007f', 'c1\u0085next']) {
      const response = await envClient.request(createUserMutation, { input: { externalId } });
      expectError(response, 'BAD_USER_INPUT', 400);
      expect(response.body.errors?.[0].extensions?.field).toBe('externalId');
      expect(response.body.errors?.[0].message).toContain('externalId must not contain control characters');
    }
    const rows = await testApp.app.dataSource.getRepository(EnvironmentUser).countBy({ environmentId, externalId: 'nul\u0000byte' });
    expect(rows).toBe(0);
  });

  it('createUser rejects a duplicate externalId', async () => {
    await createTestUser(envClient, 'duplicate');
    const response = await envClient.request(createUserMutation, { input: { externalId: 'duplicate' } });
    expectError(response, 'CONFLICT', 409);
    expect(response.body.errors?.[0].extensions?.field).toBe('externalId');
  });

  it('externalId matching is exact', async () => {
    await createTestUser(envClient, 'Exact');
    const variants = ['exact', 'EXACT', 'Exact ', ' Exact'];
    for (const externalId of variants) {
      const { user } = await createTestUser(envClient, externalId);
      expect(user.externalId).toBe(externalId);
    }
    const read = await envClient.ok(userQuery, { externalId: 'exact' });
    expect(read.user.externalId).toBe('exact');
  });

  it('100 concurrent createUser calls create one user', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => envClient.request(createUserMutation, { input: { externalId: 'race' } })),
    );
    const created = responses.filter((response) => response.status === 200 && response.body.data?.createUser);
    const conflicts = responses.filter((response) => errorCode(response) === 'CONFLICT');
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(99);

    const rows = await testApp.app.dataSource.getRepository(EnvironmentUser).countBy({ environmentId, externalId: 'race' });
    expect(rows).toBe(1);
    const token = created[0].body.data?.createUser.accessToken.token;
    const me = await new TestClient(testApp.url).withBearer(token).ok(currentUserQuery);
    expect(me.currentUser.externalId).toBe('race');
  });

  it('issueAccessToken honours expiresInSeconds', async () => {
    await createTestUser(envClient, 'ttl');
    const before = Date.now();
    const data = await envClient.ok(issueAccessTokenMutation, { input: { externalId: 'ttl', expiresInSeconds: 3600 } });
    const lifetime = Date.parse(data.issueAccessToken.accessToken.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000 + 60_000);

    const defaulted = await envClient.ok(issueAccessTokenMutation, { input: { externalId: 'ttl' } });
    expect(Date.parse(defaulted.issueAccessToken.accessToken.expiresAt) - before).toBeGreaterThan(27 * day);
  });

  it('issueAccessToken rejects lifetimes out of range', async () => {
    await createTestUser(envClient, 'ttl-range');
    const max = testApp.config.userTokens.maxTtlSeconds;
    for (const expiresInSeconds of [0, 59, max + 1]) {
      const response = await envClient.request(issueAccessTokenMutation, { input: { externalId: 'ttl-range', expiresInSeconds } });
      expectError(response, 'BAD_USER_INPUT', 400);
      expect(response.body.errors?.[0].extensions?.field).toBe('expiresInSeconds');
      expect(response.body.errors?.[0].message).toContain(`from 60 to ${max}`);
    }
    const longest = await envClient.request(issueAccessTokenMutation, { input: { externalId: 'ttl-range', expiresInSeconds: max } });
    expect(longest.status).toBe(200);
  });

  it('issueAccessToken for an unknown user is NOT_FOUND', async () => {
    const response = await envClient.request(issueAccessTokenMutation, { input: { externalId: 'nobody' } });
    expectError(response, 'NOT_FOUND', 404);
  });

  it('reauthorizeUser revokes every earlier token', async () => {
    const { accessToken: first } = await createTestUser(envClient, 'reauth');
    const second = (await envClient.ok(issueAccessTokenMutation, { input: { externalId: 'reauth' } })).issueAccessToken.accessToken;
    const data = await envClient.ok(reauthorizeUserMutation, { input: { externalId: 'reauth' } });
    const fresh = data.reauthorizeUser.accessToken.token;

    for (const old of [first.token, second.token]) {
      const response = await new TestClient(testApp.url).withBearer(old).request(currentUserQuery);
      expectError(response, 'UNAUTHENTICATED', 401);
      expect(response.body.errors?.[0].message).toContain('reauthorized');
    }
    const me = await new TestClient(testApp.url).withBearer(fresh).ok(currentUserQuery);
    expect(me.currentUser.externalId).toBe('reauth');
  });

  it('deactivateUser and reactivateUser switch its tokens off and on', async () => {
    const { accessToken } = await createTestUser(envClient, 'switch');
    const userClient = new TestClient(testApp.url).withBearer(accessToken.token);
    await userClient.ok(currentUserQuery);

    const deactivated = await envClient.ok(deactivateUserMutation, { input: { externalId: 'switch' } });
    expect(deactivated.deactivateUser.user.status).toBe('DEACTIVATED');
    expect(deactivated.deactivateUser.user.deactivatedAt).not.toBeNull();
    const rejected = await userClient.request(currentUserQuery);
    expectError(rejected, 'UNAUTHENTICATED', 401);
    expect(rejected.body.errors?.[0].message).toContain('deactivated');

    const issue = await envClient.request(issueAccessTokenMutation, { input: { externalId: 'switch' } });
    expectError(issue, 'CONFLICT', 409);
    expect(issue.body.errors?.[0].message).toContain('deactivated');
    expect(issue.body.errors?.[0].message).toContain('reactivateUser');
    expect(issue.body.errors?.[0].extensions?.reason).toBe('USER_DEACTIVATED');

    const reauthorize = await envClient.request(reauthorizeUserMutation, { input: { externalId: 'switch' } });
    expectError(reauthorize, 'CONFLICT', 409);
    expect(reauthorize.body.errors?.[0].message).toBe(issue.body.errors?.[0].message);
    expect(reauthorize.body.errors?.[0].extensions?.reason).toBe('USER_DEACTIVATED');

    const reactivated = await envClient.ok(reactivateUserMutation, { input: { externalId: 'switch' } });
    expect(reactivated.reactivateUser.user.status).toBe('ACTIVE');
    // The rejected reauthorizeUser revoked nothing, so the old token works again.
    expect((await userClient.ok(currentUserQuery)).currentUser.externalId).toBe('switch');
  });

  it('deleteUser revokes tokens and frees the externalId', async () => {
    const { user, accessToken } = await createTestUser(envClient, 'leaving');
    const data = await envClient.ok(deleteUserMutation, { input: { externalId: 'leaving' } });
    expect(data.deleteUser).toEqual({ deletedUserId: user.id, externalId: 'leaving' });

    const rejected = await new TestClient(testApp.url).withBearer(accessToken.token).request(currentUserQuery);
    expectError(rejected, 'UNAUTHENTICATED', 401);
    expect(rejected.body.errors?.[0].message).toContain('deleted');
    expectError(await envClient.request(userQuery, { externalId: 'leaving' }), 'NOT_FOUND', 404);
    expectError(await envClient.request(deleteUserMutation, { input: { externalId: 'leaving' } }), 'NOT_FOUND', 404);

    const row = await testApp.app.dataSource.getRepository(EnvironmentUser).findOneByOrFail({ id: user.id });
    expect(row.deletedAt).not.toBeNull();

    const again = await createTestUser(envClient, 'leaving');
    expect(again.user.id).not.toBe(user.id);
  });

  it('deleteUser runs the deletion listeners', async () => {
    const deleted: string[] = [];
    testApp.app.services.users.onUserDeleted(async ({ userId }) => {
      deleted.push(userId);
    });
    const { user } = await createTestUser(envClient, 'listened');
    await envClient.ok(deleteUserMutation, { input: { externalId: 'listened' } });
    expect(deleted).toContain(user.id);
  });

  it('users pages through the environment with totalCount', async () => {
    const fresh = await createTestEnvironment(developer);
    const client = environmentClient(testApp.url, fresh.environment.id, fresh.privateKey);
    for (const externalId of ['page-a', 'page-b', 'page-c', 'other']) await createTestUser(client, externalId);

    const first = await client.ok(usersQuery, { first: 2 });
    expect(first.users.totalCount).toBe(4);
    expect(first.users.edges.map((edge: any) => edge.node.externalId)).toEqual(['page-a', 'page-b']);
    expect(first.users.pageInfo.hasNextPage).toBe(true);
    expect(first.users.pageInfo.hasPreviousPage).toBe(false);

    const second = await client.ok(usersQuery, { first: 2, after: first.users.pageInfo.endCursor });
    expect(second.users.edges.map((edge: any) => edge.node.externalId)).toEqual(['page-c', 'other']);
    expect(second.users.pageInfo.hasNextPage).toBe(false);
    expect(second.users.pageInfo.hasPreviousPage).toBe(true);

    const prefixed = await client.ok(usersQuery, { externalIdPrefix: 'page-' });
    expect(prefixed.users.totalCount).toBe(3);
    expect(prefixed.users.edges).toHaveLength(3);
  });

  it('users treats LIKE wildcards in the prefix literally', async () => {
    const fresh = await createTestEnvironment(developer);
    const client = environmentClient(testApp.url, fresh.environment.id, fresh.privateKey);
    for (const externalId of ['a%1', 'a_2', 'ab3', 'a!4']) await createTestUser(client, externalId);
    expect((await client.ok(usersQuery, { externalIdPrefix: 'a%' })).users.totalCount).toBe(1);
    expect((await client.ok(usersQuery, { externalIdPrefix: 'a_' })).users.totalCount).toBe(1);
    expect((await client.ok(usersQuery, { externalIdPrefix: 'a!' })).users.totalCount).toBe(1);
    expect((await client.ok(usersQuery, { externalIdPrefix: 'a' })).users.totalCount).toBe(4);
  });

  it('users rejects a bad page size or cursor', async () => {
    for (const first of [0, 101]) {
      const response = await envClient.request(usersQuery, { first });
      expectError(response, 'INVALID_SLICING_ARGUMENT', 400);
    }
    const response = await envClient.request(usersQuery, { after: 'not-a-cursor' });
    expectError(response, 'BAD_USER_INPUT', 400);
    expect(response.body.errors?.[0].extensions?.field).toBe('after');
  });

  it('Environment.users lists the users of the environment', async () => {
    const fresh = await createTestEnvironment(developer);
    const client = environmentClient(testApp.url, fresh.environment.id, fresh.privateKey);
    await createTestUser(client, 'nested');
    const query = `query Env($id: ID!) { environment(id: $id) { users(first: 5) { totalCount edges { node { externalId } } } } }`;
    const viaConsole = await developer.ok(query, { id: fresh.environment.id });
    expect(viaConsole.environment.users.totalCount).toBe(1);
    const viaToken = await client.ok(`query { currentEnvironment { users { edges { node { externalId } } } } }`);
    expect(viaToken.currentEnvironment.users.edges[0].node.externalId).toBe('nested');
  });
});

describe('end users with a developer session', () => {
  let testApp: TestApp;
  let developer: TestClient;
  let environmentId: string;
  let envClient: EnvironmentTestClient;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'userscon');
    developer = (await signUpDeveloper(testApp.url)).client;
    const created = await createTestEnvironment(developer);
    environmentId = created.environment.id;
    envClient = environmentClient(testApp.url, environmentId, created.privateKey);
    for (const externalId of ['alice@example.com', 'alex@example.com', 'bob@example.com']) {
      await createTestUser(envClient, externalId);
    }
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('users lists and searches by externalId prefix', async () => {
    const all = await developer.ok(usersQuery, { environmentId });
    expect(all.users.totalCount).toBe(3);
    const found = await developer.ok(usersQuery, { environmentId, externalIdPrefix: 'AL' });
    expect(found.users.edges.map((edge: any) => edge.node.externalId).sort()).toEqual(['alex@example.com', 'alice@example.com']);
  });

  it('user reads one user of an owned environment', async () => {
    const data = await developer.ok(userQuery, { environmentId, externalId: 'bob@example.com' });
    expect(data.user.externalId).toBe('bob@example.com');
  });

  it('reads require the environmentId argument', async () => {
    const response = await developer.request(usersQuery, {});
    expectError(response, 'BAD_USER_INPUT', 400);
    expect(response.body.errors?.[0].extensions?.field).toBe('environmentId');
  });

  it("another account's environment is NOT_FOUND", async () => {
    const stranger = (await signUpDeveloper(testApp.url)).client;
    expectError(await stranger.request(usersQuery, { environmentId }), 'NOT_FOUND', 404);
    expectError(await stranger.request(userQuery, { environmentId, externalId: 'bob@example.com' }), 'NOT_FOUND', 404);
    const deactivate = await stranger.request(deactivateUserMutation, { input: { environmentId, externalId: 'bob@example.com' } });
    expectError(deactivate, 'NOT_FOUND', 404);
  });

  it('deactivateUser works with a session', async () => {
    const { accessToken } = await createTestUser(envClient, 'carol@example.com');
    const data = await developer.ok(deactivateUserMutation, { input: { environmentId, externalId: 'carol@example.com' } });
    expect(data.deactivateUser.user.status).toBe('DEACTIVATED');
    const rejected = await new TestClient(testApp.url).withBearer(accessToken.token).request(currentUserQuery);
    expectError(rejected, 'UNAUTHENTICATED', 401);
  });

  it('every user-minting mutation is FORBIDDEN', async () => {
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ['createUser', createUserMutation, { externalId: 'minted' }],
      ['reauthorizeUser', reauthorizeUserMutation, { externalId: 'bob@example.com' }],
      ['issueAccessToken', issueAccessTokenMutation, { externalId: 'bob@example.com' }],
      ['deleteUser', deleteUserMutation, { externalId: 'bob@example.com' }],
      ['reactivateUser', reactivateUserMutation, { externalId: 'bob@example.com' }],
    ];
    for (const [name, mutation, input] of attempts) {
      const response = await developer.request(mutation, { input });
      expect({ name, code: errorCode(response), status: response.status }).toEqual({ name, code: 'FORBIDDEN', status: 403 });
      expect(response.body.errors?.[0].message).toContain(name);
    }
    const listed = await developer.ok(usersQuery, { environmentId });
    expect(listed.users.edges.map((edge: any) => edge.node.externalId)).not.toContain('minted');
  });

  it('mutations without a credential are UNAUTHENTICATED', async () => {
    const response = await new TestClient(testApp.url).request(createUserMutation, { input: { externalId: 'anonymous' } });
    expectError(response, 'UNAUTHENTICATED', 401);
  });
});
