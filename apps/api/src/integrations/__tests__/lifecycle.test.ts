import { sha256Hex } from '../../crypto/tokens';
import { startTestApp, type TestApp } from '../../../test/harness';
import {
  connectIntegrationMutation,
  connectTestIntegration,
  createIntegrationUser,
  integrationsQuery,
  requestCallback,
  setUpIntegrationEnvironment,
  testPublicUrl,
  testRedirectUri,
  testReturnUrl,
  type IntegrationTestSetup,
} from '../../../test/integration-factory';
import { startOAuthServer, type OAuthTestServer } from '../../../test/oauth-server';
import { Integration } from '../integration.entity';
import { refreshTokenContext } from '../integration-secrets';
import { OAuthState } from '../oauth-state.entity';
import { stateTtlMs } from '../authorization-flow';

const deleteUserMutation = `mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }`;

describe('integrations: expired state and user deletion', () => {
  let oauthServer: OAuthTestServer;
  let testApp: TestApp;
  let setup: IntegrationTestSetup;

  beforeAll(async () => {
    oauthServer = await startOAuthServer({ redirectUris: [testRedirectUri] });
    testApp = await startTestApp({ WORKAPI_PUBLIC_URL: testPublicUrl, ...oauthServer.providerEnv('GMAIL') }, 'lifecycle');
    setup = await setUpIntegrationEnvironment(testApp, oauthServer);
  });

  afterAll(async () => {
    await testApp?.close();
    await oauthServer?.close();
  });

  beforeEach(async () => {
    await oauthServer.resetStats();
  });

  const integrations = () => testApp.app.dataSource.getRepository(Integration);

  /** Starts connecting, passes consent, then moves the state's expiry into the past. */
  async function expiredCallback(user: Awaited<ReturnType<typeof createIntegrationUser>>, returnTo: string | null) {
    const data = await user.client.ok(connectIntegrationMutation, { input: { provider: 'GMAIL', ...(returnTo ? { returnTo } : {}) } });
    const integrationId: string = data.connectIntegration.integration.id;
    const state = new URL(data.connectIntegration.authorizationUrl).searchParams.get('state')!;
    const callbackUrl = await oauthServer.driveConsent(data.connectIntegration.authorizationUrl);
    const issuedAt = Date.now() - stateTtlMs - 1000;
    await testApp.app.dataSource
      .getRepository(OAuthState)
      .update({ stateHash: sha256Hex(state) }, { createdAt: new Date(issuedAt), expiresAt: new Date(issuedAt + stateTtlMs) });
    return { integrationId, callbackUrl };
  }

  it('expired state redirects and marks FAILED', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId, callbackUrl } = await expiredCallback(user, testReturnUrl);

    const callback = await requestCallback(testApp, callbackUrl);
    expect(callback.status).toBe(302);
    const location = new URL(callback.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(testReturnUrl);
    expect(location.searchParams.get('integrationId')).toBe(integrationId);
    expect(location.searchParams.get('error')).toBe('state_expired');
    expect(location.searchParams.get('status')).toBe('FAILED');
    expect(location.searchParams.get('error_description')).toContain('10 minutes');

    const stored = await integrations().findOneByOrFail({ id: integrationId });
    expect(stored.status).toBe('FAILED');
    expect(stored.failureReason).toMatch(/^state_expired: /);
    expect(stored.accessTokenCiphertext).toBeNull();
    // The code was never exchanged, and the state cannot be used again.
    expect((await oauthServer.stats()).tokenRequests.authorization_code).toBe(0);
    const replay = await requestCallback(testApp, callbackUrl);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('state_already_used');
  });

  it('expired state without returnTo shows a page', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId, callbackUrl } = await expiredCallback(user, null);

    const callback = await requestCallback(testApp, callbackUrl);
    expect(callback.status).toBe(400);
    expect(callback.headers.get('content-type')).toMatch(/text\/html/);
    const page = await callback.text();
    expect(page).toContain('The account was not connected');
    expect(page).toContain('Error code: state_expired');
    expect(page).toContain('10 minutes');
    expect((await integrations().findOneByOrFail({ id: integrationId })).status).toBe('FAILED');
  });

  it('expired state keeps ACTIVE tokens', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client);
    const before = await integrations().findOneByOrFail({ id: integrationId });
    const { callbackUrl } = await expiredCallback(user, testReturnUrl);

    const location = new URL((await requestCallback(testApp, callbackUrl)).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('state_expired');
    expect(location.searchParams.get('status')).toBe('ACTIVE');
    const after = await integrations().findOneByOrFail({ id: integrationId });
    expect(after.status).toBe('ACTIVE');
    expect(after.failureReason).toMatch(/^state_expired: /);
    expect(after.refreshTokenCiphertext).toBe(before.refreshTokenCiphertext);
  });

  it('deleteUser revokes and disconnects integrations', async () => {
    const user = await createIntegrationUser(setup);
    const other = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client);
    const { integrationId: otherIntegrationId } = await connectTestIntegration(testApp, oauthServer, other.client);
    const row = await integrations().findOneByOrFail({ id: integrationId });
    const refreshToken = testApp.app.services.secrets.decrypt(row.refreshTokenCiphertext!, refreshTokenContext(integrationId));
    await oauthServer.resetStats();

    await setup.environment.ok(deleteUserMutation, { input: { externalId: user.externalId } });

    const stored = await integrations().findOneByOrFail({ id: integrationId });
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
    expect(testApp.logs()).toContain('integrations disconnected with their user');

    // Another user's integration is untouched.
    expect((await integrations().findOneByOrFail({ id: otherIntegrationId })).status).toBe('ACTIVE');
    const listed = await other.client.ok(integrationsQuery);
    expect(listed.integrations.map((integration: { status: string }) => integration.status)).toEqual(['ACTIVE']);
  });
});
