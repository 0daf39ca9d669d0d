import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import {
  connectTestIntegration,
  createIntegrationUser,
  setUpIntegrationEnvironment,
  testPublicUrl,
  testRedirectUri,
  type IntegrationTestSetup,
} from '../../../test/integration-factory';
import { startOAuthServer, type OAuthTestServer } from '../../../test/oauth-server';
import { Integration } from '../../integrations/integration.entity';
import { refreshTokenContext } from '../../integrations/integration-secrets';

const currentUserQuery = `query CurrentUser { currentUser { id externalId } }`;
const deactivateMutation = `mutation Deactivate($input: DeactivateEnvironmentInput!) { deactivateEnvironment(input: $input) { environment { status } } }`;
const reactivateMutation = `mutation Reactivate($input: ReactivateEnvironmentInput!) { reactivateEnvironment(input: $input) { environment { status } } }`;
const deleteMutation = `mutation Delete($input: DeleteEnvironmentInput!) { deleteEnvironment(input: $input) { deletedEnvironmentId } }`;

function expectUnauthenticated(response: GraphQLResponse, reason: string): void {
  expect(response.status).toBe(401);
  expect(errorCode(response)).toBe('UNAUTHENTICATED');
  expect(response.body.errors?.[0].message).toContain(reason);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The first process caches user tokens for a minute, so a token it rejects at once was
 * evicted. The peer caches them for one second, which is the bound the peer must honour.
 */
describe('environment revocation of issued tokens', () => {
  const peerCacheSeconds = 1;
  let oauthServer: OAuthTestServer;
  let testApp: TestApp;
  let peer: TestApp;

  beforeAll(async () => {
    oauthServer = await startOAuthServer({ redirectUris: [testRedirectUri] });
    const env = { WORKAPI_PUBLIC_URL: testPublicUrl, ...oauthServer.providerEnv('GMAIL') };
    testApp = await startTestApp({ ...env, WORKAPI_TOKEN_CACHE_SECONDS: '60' }, 'envrevocation');
    peer = await testApp.startPeer({ ...env, WORKAPI_TOKEN_CACHE_SECONDS: String(peerCacheSeconds) });
  });

  afterAll(async () => {
    await peer?.app.close();
    await testApp?.close();
    await oauthServer?.close();
  });

  /** Creates a user and warms its token's cache entry on the first process and on the peer. */
  async function warmUser(setup: IntegrationTestSetup) {
    const user = await createIntegrationUser(setup);
    const onFirst = new TestClient(testApp.url).withBearer(user.token);
    const onPeer = new TestClient(peer.url).withBearer(user.token);
    expect((await onFirst.ok(currentUserQuery)).currentUser.id).toBe(user.userId);
    expect((await onPeer.ok(currentUserQuery)).currentUser.id).toBe(user.userId);
    return { ...user, onFirst, onPeer };
  }

  it('deactivation applies here at once', async () => {
    const setup = await setUpIntegrationEnvironment(testApp, oauthServer);
    const user = await warmUser(setup);

    await setup.developer.ok(deactivateMutation, { input: { id: setup.environmentId } });
    expectUnauthenticated(await user.onFirst.request(currentUserQuery), 'deactivated environment');

    await setup.developer.ok(reactivateMutation, { input: { id: setup.environmentId } });
    expect((await user.onFirst.ok(currentUserQuery)).currentUser.id).toBe(user.userId);
  });

  it('deactivation reaches the peer within the bound', async () => {
    const setup = await setUpIntegrationEnvironment(testApp, oauthServer);
    const user = await warmUser(setup);

    await setup.developer.ok(deactivateMutation, { input: { id: setup.environmentId } });
    await sleep(peerCacheSeconds * 1000 + 100);
    expectUnauthenticated(await user.onPeer.request(currentUserQuery), 'deactivated environment');
  });

  it('deletion revokes tokens and integrations', async () => {
    const setup = await setUpIntegrationEnvironment(testApp, oauthServer);
    const user = await warmUser(setup);
    const bystander = await warmUser(await setUpIntegrationEnvironment(testApp, oauthServer));
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client);
    const integrations = testApp.app.dataSource.getRepository(Integration);
    const row = await integrations.findOneByOrFail({ id: integrationId });
    expect(row.status).toBe('ACTIVE');
    const refreshToken = testApp.app.services.secrets.decrypt(row.refreshTokenCiphertext!, refreshTokenContext(integrationId));
    const { environment } = await setup.developer.ok(`query Environment($id: ID!) { environment(id: $id) { name } }`, {
      id: setup.environmentId,
    });
    await oauthServer.resetStats();

    await setup.developer.ok(deleteMutation, { input: { id: setup.environmentId, confirmName: environment.name } });

    // This process: at once.
    expectUnauthenticated(await user.onFirst.request(currentUserQuery), 'environment that was deleted');
    const stored = await integrations.findOneByOrFail({ id: integrationId });
    expect(stored.status).toBe('DISCONNECTED');
    expect(stored.accessTokenCiphertext).toBeNull();
    expect(stored.refreshTokenCiphertext).toBeNull();
    expect((await oauthServer.stats()).revocationRequests).toBe(1);
    const refresh = await fetch(oauthServer.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: oauthServer.clientId,
        client_secret: oauthServer.clientSecret,
      }),
    });
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    expect(testApp.logs()).toContain('integrations disconnected with their environment');

    // The peer: within its cache bound.
    await sleep(peerCacheSeconds * 1000 + 100);
    expectUnauthenticated(await user.onPeer.request(currentUserQuery), 'environment that was deleted');

    // Another environment's users keep working.
    expect((await bystander.onFirst.ok(currentUserQuery)).currentUser.id).toBe(bystander.userId);
    expect((await bystander.onPeer.ok(currentUserQuery)).currentUser.id).toBe(bystander.userId);
  });
});
