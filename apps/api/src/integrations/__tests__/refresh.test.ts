import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Role, type Auth } from '../../auth/auth';
import type { Context } from '../../graphql/context';
import { errorCode, TestClient } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import {
  connectTestIntegration,
  createIntegrationUser,
  integrationQuery,
  setUpIntegrationEnvironment,
  testPublicUrl,
  testRedirectUri,
  type IntegrationTestSetup,
} from '../../../test/integration-factory';
import { startOAuthServer, type OAuthTestServer } from '../../../test/oauth-server';
import { ProviderUnauthorizedError } from '../integration-access';
import { Integration } from '../integration.entity';
import { accessTokenContext, refreshTokenContext } from '../integration-secrets';

let userinfoUrl = '';

/** A data request for the tests: reads the provider's userinfo endpoint with the integration's access token. */
@Resolver()
class UserinfoProbeResolver {
  @Authorized(Role.User)
  @Query(() => String, { description: 'Test probe: the email address that the provider returns for the access token.' })
  async probeUserinfo(@Arg('integrationId', () => ID) integrationId: string, @Ctx() { auth, services }: Context): Promise<string> {
    const user = auth as Extract<Auth, { kind: 'user' }>;
    return services.integrations.withCredentials(user, integrationId, async (credentials) => {
      const response = await fetch(userinfoUrl, { headers: { authorization: `Bearer ${credentials.accessToken}` } });
      if (response.status === 401) throw new ProviderUnauthorizedError('userinfo returned HTTP 401');
      if (!response.ok) throw new Error(`userinfo returned HTTP ${response.status}`);
      return ((await response.json()) as { email: string }).email;
    });
  }
}

const probeQuery = `query Probe($integrationId: ID!) { probeUserinfo(integrationId: $integrationId) }`;

describe('integrations: provider token refresh', () => {
  let oauthServer: OAuthTestServer;
  let testApp: TestApp;
  let peer: TestApp;
  let setup: IntegrationTestSetup;

  beforeAll(async () => {
    oauthServer = await startOAuthServer({ redirectUris: [testRedirectUri] });
    userinfoUrl = oauthServer.userinfoUrl;
    const env = { WORKAPI_PUBLIC_URL: testPublicUrl, ...oauthServer.providerEnv('GMAIL') };
    testApp = await startTestApp(env, 'refresh', { extraResolvers: [UserinfoProbeResolver] });
    peer = await testApp.startPeer();
    setup = await setUpIntegrationEnvironment(testApp, oauthServer);
  });

  afterAll(async () => {
    await peer?.close();
    await testApp?.close();
    await oauthServer?.close();
  });

  beforeEach(async () => {
    await oauthServer.configure({ omitRefreshTokenOnRefresh: false, omitExpiresIn: false, tokenEndpointFailureStatus: null, tokenDelayMs: 0 });
  });

  const rows = () => testApp.app.dataSource.getRepository(Integration);

  async function connectedUser(email = 'refresh@example.com'): Promise<{ client: TestClient; token: string; integrationId: string }> {
    const user = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client, { email });
    return { client: user.client, token: user.token, integrationId };
  }

  async function expireAccessToken(integrationId: string): Promise<void> {
    await rows().update({ id: integrationId }, { accessTokenExpiresAt: new Date(Date.now() - 1000) });
  }

  function storedTokens(row: Integration) {
    const secrets = testApp.app.services.secrets;
    return {
      accessToken: secrets.decrypt(row.accessTokenCiphertext!, accessTokenContext(row.id)),
      refreshToken: secrets.decrypt(row.refreshTokenCiphertext!, refreshTokenContext(row.id)),
    };
  }

  async function revokeAtServer(token: string, hint: string): Promise<void> {
    const response = await fetch(oauthServer.revocationUrl, {
      method: 'POST',
      body: new URLSearchParams({ token, token_type_hint: hint, client_id: oauthServer.clientId, client_secret: oauthServer.clientSecret }),
    });
    expect(response.status).toBe(200);
  }

  it('50 concurrent requests on two processes refresh once', async () => {
    const { client, token, integrationId } = await connectedUser('concurrent@example.com');
    await expireAccessToken(integrationId);
    await oauthServer.resetStats();
    await oauthServer.configure({ tokenDelayMs: 300 });

    const peerClient = new TestClient(peer.url).withBearer(token);
    const requests = Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? client : peerClient).request(probeQuery, { integrationId }));
    const responses = await Promise.all(requests);

    for (const response of responses) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.probeUserinfo).toBe('concurrent@example.com');
    }
    expect((await oauthServer.stats()).tokenRequests.refresh_token).toBe(1);
    const row = await rows().findOneByOrFail({ id: integrationId });
    expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3000 * 1000);
    expect(row.leaseOwner).toBeNull();
  });

  it('refresh without refresh_token keeps the old one', async () => {
    const { client, integrationId } = await connectedUser();
    const before = storedTokens(await rows().findOneByOrFail({ id: integrationId }));
    await oauthServer.configure({ omitRefreshTokenOnRefresh: true });
    await oauthServer.resetStats();

    await expireAccessToken(integrationId);
    expect((await client.ok(probeQuery, { integrationId })).probeUserinfo).toBe('refresh@example.com');
    const after = storedTokens(await rows().findOneByOrFail({ id: integrationId }));
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);

    await expireAccessToken(integrationId);
    expect((await client.ok(probeQuery, { integrationId })).probeUserinfo).toBe('refresh@example.com');
    expect((await oauthServer.stats()).tokenRequests.refresh_token).toBe(2);
  });

  it('refresh without expires_in uses the default lifetime', async () => {
    const { client, integrationId } = await connectedUser();
    await oauthServer.configure({ omitExpiresIn: true });
    await expireAccessToken(integrationId);

    const started = Date.now();
    await client.ok(probeQuery, { integrationId });
    const expiresAt = (await rows().findOneByOrFail({ id: integrationId })).accessTokenExpiresAt!.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(started + 3600 * 1000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600 * 1000 + 1000);
  });

  it('provider 401 triggers one refresh and a retry', async () => {
    const { client, integrationId } = await connectedUser();
    // An access token that the provider no longer accepts, although it has not expired yet.
    const unknownToken = testApp.app.services.secrets.encrypt('token-the-provider-does-not-know', accessTokenContext(integrationId));
    await rows().update({ id: integrationId }, { accessTokenCiphertext: unknownToken });
    await oauthServer.resetStats();

    expect((await client.ok(probeQuery, { integrationId })).probeUserinfo).toBe('refresh@example.com');
    const stats = await oauthServer.stats();
    expect(stats.tokenRequests.refresh_token).toBe(1);
    expect(stats.userinfoRequests).toBe(2);
  });

  it('invalid_grant leads to NEEDS_REAUTHORIZATION', async () => {
    const { client, integrationId } = await connectedUser();
    const { refreshToken } = storedTokens(await rows().findOneByOrFail({ id: integrationId }));
    await revokeAtServer(refreshToken, 'refresh_token');
    await expireAccessToken(integrationId);
    await oauthServer.resetStats();

    const response = await client.request(probeQuery, { integrationId });
    expect(errorCode(response)).toBe('NEEDS_REAUTHORIZATION');
    expect(response.status).toBe(409);
    const data = await client.ok(integrationQuery, { id: integrationId });
    expect(data.integration.status).toBe('NEEDS_REAUTHORIZATION');
    expect(data.integration.failureReason).toMatch(/invalid_grant/);

    const again = await client.request(probeQuery, { integrationId });
    expect(errorCode(again)).toBe('NEEDS_REAUTHORIZATION');
    expect((await oauthServer.stats()).tokenRequests.refresh_token).toBe(1);
  });

  it('reconnecting after NEEDS_REAUTHORIZATION keeps the id', async () => {
    const { client, integrationId } = await connectedUser();
    await rows().update({ id: integrationId }, { status: 'NEEDS_REAUTHORIZATION' as Integration['status'] });
    const again = await connectTestIntegration(testApp, oauthServer, client);
    expect(again.integrationId).toBe(integrationId);
    expect((await client.ok(probeQuery, { integrationId })).probeUserinfo).toBe('user@example.com');
  });
});
