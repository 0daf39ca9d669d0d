import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../app';
import { sha256Hex } from '../../crypto/tokens';
import { createTestEnvironment, environmentClient, type EnvironmentTestClient } from '../../../test/environment-factory';
import { dumpDatabase } from '../../../test/dump';
import { signUpDeveloper } from '../../../test/factories';
import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import { UserAccessToken } from '../user-access-token.entity';
import {
  createTestUser,
  currentUserQuery,
  deactivateUserMutation,
  issueAccessTokenMutation,
  refreshAccessTokenMutation,
  revokeAccessTokenMutation,
  userQuery,
  usersQuery,
} from './user-operations';

function expectUnauthenticated(response: GraphQLResponse, reason: string): void {
  expect(errorCode(response)).toBe('UNAUTHENTICATED');
  expect(response.status).toBe(401);
  expect(response.body.errors?.[0].message).toContain(reason);
}

describe('user access tokens', () => {
  let testApp: TestApp;
  let developer: TestClient;
  let envClient: EnvironmentTestClient;
  let otherEnvironmentId: string;
  let otherEnvClient: EnvironmentTestClient;
  const issuedTokens: string[] = [];

  const asUser = (token: string) => new TestClient(testApp.url).withBearer(token);

  async function newUser(externalId: string, client = envClient) {
    const created = await createTestUser(client, externalId);
    issuedTokens.push(created.accessToken.token);
    return created;
  }

  beforeAll(async () => {
    testApp = await startTestApp({}, 'usertokens');
    developer = (await signUpDeveloper(testApp.url)).client;
    const first = await createTestEnvironment(developer);
    envClient = environmentClient(testApp.url, first.environment.id, first.privateKey);
    const second = await createTestEnvironment(developer);
    otherEnvironmentId = second.environment.id;
    otherEnvClient = environmentClient(testApp.url, second.environment.id, second.privateKey);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('currentUser is null without a user token', async () => {
    expect((await new TestClient(testApp.url).ok(currentUserQuery)).currentUser).toBeNull();
    expect((await developer.ok(currentUserQuery)).currentUser).toBeNull();
    expect((await envClient.ok(currentUserQuery)).currentUser).toBeNull();
  });

  it('refreshAccessToken keeps the old token valid', async () => {
    const { user, accessToken } = await newUser('refresher');
    const before = Date.now();
    const data = await asUser(accessToken.token).ok(refreshAccessTokenMutation, { input: { expiresInSeconds: 600 } });
    const fresh = data.refreshAccessToken.accessToken;
    issuedTokens.push(fresh.token);
    expect(fresh.token).not.toBe(accessToken.token);
    expect(Date.parse(fresh.expiresAt) - before).toBeLessThanOrEqual(600_000 + 60_000);

    expect((await asUser(accessToken.token).ok(currentUserQuery)).currentUser.id).toBe(user.id);
    expect((await asUser(fresh.token).ok(currentUserQuery)).currentUser.id).toBe(user.id);

    const defaulted = await asUser(fresh.token).ok(refreshAccessTokenMutation);
    issuedTokens.push(defaulted.refreshAccessToken.accessToken.token);
    expect(Date.parse(defaulted.refreshAccessToken.accessToken.expiresAt) - before).toBeGreaterThan(27 * 24 * 3600_000);
  });

  it('refreshAccessToken needs a user token', async () => {
    const viaEnvironment = await envClient.request(refreshAccessTokenMutation);
    expect(errorCode(viaEnvironment)).toBe('FORBIDDEN');
    const anonymous = await new TestClient(testApp.url).request(refreshAccessTokenMutation);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('revokeAccessToken rejects that token only', async () => {
    const { accessToken } = await newUser('signs-out');
    const spare = (await envClient.ok(issueAccessTokenMutation, { input: { externalId: 'signs-out' } })).issueAccessToken.accessToken.token;
    issuedTokens.push(spare);
    expect((await asUser(accessToken.token).ok(revokeAccessTokenMutation)).revokeAccessToken.revoked).toBe(true);
    expectUnauthenticated(await asUser(accessToken.token).request(currentUserQuery), 'revoked');
    expect((await asUser(spare).ok(currentUserQuery)).currentUser.externalId).toBe('signs-out');
  });

  it('an expired token is rejected', async () => {
    const { user, accessToken } = await newUser('expires');
    await asUser(accessToken.token).ok(currentUserQuery);
    await testApp.app.dataSource
      .getRepository(UserAccessToken)
      .update({ tokenHash: sha256Hex(accessToken.token) }, { expiresAt: new Date(Date.now() - 1000) });
    testApp.app.services.users.tokenCache.evictUser(user.id);
    expectUnauthenticated(await asUser(accessToken.token).request(currentUserQuery), 'expired at');
  });

  it('unknown and malformed tokens are rejected without echoing them', async () => {
    const unknown = `wat_${'A'.repeat(43)}`;
    const unknownResponse = await asUser(unknown).request(currentUserQuery);
    expectUnauthenticated(unknownResponse, 'not recognized');
    expect(JSON.stringify(unknownResponse.body)).not.toContain(unknown);

    const malformed = 'wat_short-token';
    const malformedResponse = await asUser(malformed).request(currentUserQuery);
    expectUnauthenticated(malformedResponse, 'malformed');
    expect(JSON.stringify(malformedResponse.body)).not.toContain(malformed);
    expect(testApp.logs()).not.toContain(unknown);
    expect(testApp.logs()).not.toContain(malformed);
  });

  it('a warm token is checked without SQL', async () => {
    const { accessToken } = await newUser('warm');
    await asUser(accessToken.token).ok(currentUserQuery);
    testApp.takeQueries();
    const data = await asUser(accessToken.token).ok(currentUserQuery);
    expect(data.currentUser.externalId).toBe('warm');
    // Usage counters are flushed on a timer, so only reads for the credential are counted.
    const credentialReads = testApp.takeQueries().filter((sql) => /user_access_tokens|environment_users|environments/.test(sql));
    expect(credentialReads).toEqual([]);
  });

  it('a user token reads only its own user', async () => {
    const { user, accessToken } = await newUser('self');
    await newUser('neighbour');
    await newUser('elsewhere', otherEnvClient);
    const client = asUser(accessToken.token);

    expect((await client.ok(userQuery, { externalId: 'self' })).user.id).toBe(user.id);
    for (const variables of [
      { externalId: 'neighbour' },
      { externalId: 'elsewhere' },
      { externalId: 'elsewhere', environmentId: otherEnvironmentId },
      { externalId: 'self', environmentId: otherEnvironmentId },
    ]) {
      const response = await client.request(userQuery, variables);
      expect({ variables, code: errorCode(response), status: response.status }).toEqual({ variables, code: 'NOT_FOUND', status: 404 });
    }
    expect(errorCode(await client.request(usersQuery))).toBe('FORBIDDEN');
  });

  it("an environment token cannot reach another environment's users", async () => {
    await newUser('only-in-other', otherEnvClient);
    const attempts: Array<[string, GraphQLResponse]> = [
      ['user', await envClient.request(userQuery, { externalId: 'only-in-other' })],
      ['user with environmentId', await envClient.request(userQuery, { externalId: 'only-in-other', environmentId: otherEnvironmentId })],
      ['users with environmentId', await envClient.request(usersQuery, { environmentId: otherEnvironmentId })],
      ['deactivateUser', await envClient.request(deactivateUserMutation, { input: { externalId: 'only-in-other' } })],
      ['issueAccessToken', await envClient.request(issueAccessTokenMutation, { input: { externalId: 'only-in-other' } })],
    ];
    for (const [name, response] of attempts) {
      expect({ name, code: errorCode(response) }).toEqual({ name, code: 'NOT_FOUND' });
    }
    const listed = await envClient.ok(usersQuery, { externalIdPrefix: 'only-in-other' });
    expect(listed.users.totalCount).toBe(0);
  });

  it('environment deactivation rejects warm tokens at once', async () => {
    const created = await createTestEnvironment(developer);
    const client = environmentClient(testApp.url, created.environment.id, created.privateKey);
    const { accessToken } = await newUser('warm-until-deactivated', client);
    const user = asUser(accessToken.token);
    await user.ok(currentUserQuery);

    await developer.ok(`mutation Off($input: DeactivateEnvironmentInput!) { deactivateEnvironment(input: $input) { environment { id } } }`, {
      input: { id: created.environment.id },
    });
    expectUnauthenticated(await user.request(currentUserQuery), 'deactivated environment');
  });

  it('environment deletion rejects warm tokens at once', async () => {
    const created = await createTestEnvironment(developer);
    const client = environmentClient(testApp.url, created.environment.id, created.privateKey);
    const { accessToken } = await newUser('warm-until-deleted', client);
    const user = asUser(accessToken.token);
    await user.ok(currentUserQuery);

    await developer.ok(`mutation Delete($input: DeleteEnvironmentInput!) { deleteEnvironment(input: $input) { deletedEnvironmentId } }`, {
      input: { id: created.environment.id, confirmName: created.environment.name },
    });
    expectUnauthenticated(await user.request(currentUserQuery), 'was deleted');
  });

  it('tokens are stored only as hashes and never logged', async () => {
    expect(issuedTokens.length).toBeGreaterThan(5);
    const dump = await dumpDatabase(testApp.app.dataSource);
    const logs = testApp.logs();
    for (const token of issuedTokens) {
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice(4));
      expect(logs).not.toContain(token.slice(4));
    }
    expect(dump).toContain(sha256Hex(issuedTokens[0]));
  });
});

describe('user token revocation across processes', () => {
  let testApp: TestApp;
  let second: App;
  let secondUrl: string;
  let developer: TestClient;
  let environmentId: string;
  let envClient: EnvironmentTestClient;

  beforeAll(async () => {
    testApp = await startTestApp({ WORKAPI_TOKEN_CACHE_SECONDS: '1' }, 'tokencache');
    second = await buildApp(testApp.config, {
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    await second.server.listen({ port: 0, host: '127.0.0.1' });
    secondUrl = `http://127.0.0.1:${(second.server.server.address() as AddressInfo).port}`;
    developer = (await signUpDeveloper(testApp.url)).client;
    const created = await createTestEnvironment(developer);
    environmentId = created.environment.id;
    envClient = environmentClient(testApp.url, environmentId, created.privateKey);
  });

  afterAll(async () => {
    await second.close();
    await testApp.close();
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('another process rejects a deactivated user within the cache bound', async () => {
    const { accessToken } = await createTestUser(envClient, 'multi');
    const onSecond = new TestClient(secondUrl).withBearer(accessToken.token);
    await onSecond.ok(currentUserQuery);

    await envClient.ok(deactivateUserMutation, { input: { externalId: 'multi' } });
    expectUnauthenticated(await new TestClient(testApp.url).withBearer(accessToken.token).request(currentUserQuery), 'deactivated');
    // The second process still trusts what it read less than a second ago.
    expect((await onSecond.ok(currentUserQuery)).currentUser.externalId).toBe('multi');

    await sleep(1100);
    expectUnauthenticated(await onSecond.request(currentUserQuery), 'deactivated');
  });

  it('a deactivated environment rejects its user tokens within the bound', async () => {
    const { accessToken } = await createTestUser(envClient, 'env-off');
    const onFirst = new TestClient(testApp.url).withBearer(accessToken.token);
    await onFirst.ok(currentUserQuery);

    await developer.ok(`mutation Off($input: DeactivateEnvironmentInput!) { deactivateEnvironment(input: $input) { environment { id } } }`, {
      input: { id: environmentId },
    });
    await sleep(1100);
    expectUnauthenticated(await onFirst.request(currentUserQuery), 'deactivated environment');
    expectUnauthenticated(await new TestClient(secondUrl).withBearer(accessToken.token).request(currentUserQuery), 'deactivated environment');
  });
});
