import { createHash } from 'node:crypto';
import { errorCode } from '../../../test/graphql-client';
import { dumpDatabase } from '../../../test/dump';
import { startTestApp, type TestApp } from '../../../test/harness';
import {
  connectIntegrationMutation,
  connectTestIntegration,
  createIntegrationUser,
  disconnectIntegrationMutation,
  integrationQuery,
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
import { accessTokenContext, refreshTokenContext } from '../integration-secrets';

describe('integrations: connecting through the OAuth flow', () => {
  let oauthServer: OAuthTestServer;
  let testApp: TestApp;
  let setup: IntegrationTestSetup;

  beforeAll(async () => {
    oauthServer = await startOAuthServer({ redirectUris: [testRedirectUri] });
    testApp = await startTestApp({ WORKAPI_PUBLIC_URL: testPublicUrl, ...oauthServer.providerEnv('GMAIL') }, 'integrations');
    setup = await setUpIntegrationEnvironment(testApp, oauthServer);
  });

  afterAll(async () => {
    await testApp?.close();
    await oauthServer?.close();
  });

  beforeEach(async () => {
    await oauthServer.configure({ omitRefreshTokenOnRefresh: false, omitExpiresIn: false, tokenEndpointFailureStatus: null, tokenDelayMs: 0 });
  });

  it('connect flow with PKCE ends ACTIVE', async () => {
    const user = await createIntegrationUser(setup);
    await oauthServer.resetStats();
    const { integrationId, authorizationUrl, callback } = await connectTestIntegration(testApp, oauthServer, user.client, {
      email: 'ada@example.com',
    });

    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(oauthServer.issuer);
    expect(url.searchParams.get('client_id')).toBe(oauthServer.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(testRedirectUri);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('openid email https://www.googleapis.com/auth/gmail.modify');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');

    expect(callback.status).toBe(302);
    const location = new URL(callback.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(testReturnUrl);
    expect(location.searchParams.get('integrationId')).toBe(integrationId);
    expect(location.searchParams.get('status')).toBe('ACTIVE');

    const data = await user.client.ok(integrationQuery, { id: integrationId });
    expect(data.integration.status).toBe('ACTIVE');
    expect(data.integration.provider).toBe('GMAIL');
    expect(data.integration.accountEmail).toBe('ada@example.com');
    expect(data.integration.grantedScopes).toEqual(expect.arrayContaining(['openid', 'email']));
    expect(data.integration.failureReason).toBeNull();

    const stats = await oauthServer.stats();
    expect(stats.tokenRequests.authorization_code).toBe(1);
    expect(stats.authorizationRequests[0].codeChallengeMethod).toBe('S256');
  });

  it('connect reuses the integration of a kind', async () => {
    const user = await createIntegrationUser(setup);
    const first = await connectTestIntegration(testApp, oauthServer, user.client);
    const second = await connectTestIntegration(testApp, oauthServer, user.client);
    expect(second.integrationId).toBe(first.integrationId);
    const list = await user.client.ok(integrationsQuery);
    expect(list.integrations).toHaveLength(1);
  });

  it('callback without returnTo shows a page', async () => {
    const user = await createIntegrationUser(setup);
    const { callback } = await connectTestIntegration(testApp, oauthServer, user.client, { returnTo: null, email: 'grace@example.com' });
    expect(callback.status).toBe(200);
    expect(callback.headers.get('content-type')).toMatch(/text\/html/);
    const page = await callback.text();
    expect(page).toContain('Account connected');
    expect(page).toContain('grace@example.com');
  });

  it('callback pages forbid framing and referrers', async () => {
    const user = await createIntegrationUser(setup);
    const { callback } = await connectTestIntegration(testApp, oauthServer, user.client, { returnTo: null });
    const failed = await requestCallback(testApp, `${testRedirectUri}?code=stolen&state=forged-state-value`);
    for (const [name, response] of [['connected page', callback], ['error page', failed]] as const) {
      const policy = response.headers.get('content-security-policy') ?? '';
      expect({ name, frameOptions: response.headers.get('x-frame-options') }).toEqual({ name, frameOptions: 'DENY' });
      expect({ name, referrerPolicy: response.headers.get('referrer-policy') }).toEqual({ name, referrerPolicy: 'no-referrer' });
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('unsafe-inline');

      // The page's own <style> must match the hash that the policy allows.
      const style = /<style>([^<]*)<\/style>/.exec(await response.text())?.[1] ?? '';
      expect(style).not.toBe('');
      expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    }
  });

  it('replayed state is refused and changes nothing', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId, callbackUrl } = await connectTestIntegration(testApp, oauthServer, user.client);
    const before = await user.client.ok(integrationQuery, { id: integrationId });

    const replay = await requestCallback(testApp, callbackUrl);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('state_already_used');
    const after = await user.client.ok(integrationQuery, { id: integrationId });
    expect(after.integration).toEqual(before.integration);
  });

  it('forged state is refused', async () => {
    const response = await requestCallback(testApp, `${testRedirectUri}?code=stolen&state=forged-state-value`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_state');

    const missing = await requestCallback(testApp, `${testRedirectUri}?code=stolen`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('invalid_request');
  });

  it('callback page escapes provider text', async () => {
    const user = await createIntegrationUser(setup);
    const data = await user.client.ok(connectIntegrationMutation, { input: { provider: 'GMAIL' } });
    const state = new URL(data.connectIntegration.authorizationUrl).searchParams.get('state')!;
    const query = new URLSearchParams({ state, error: 'access_denied', error_description: '<script>alert(1)</script>' });
    const response = await requestCallback(testApp, `${testRedirectUri}?${query}`);
    const page = await response.text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;');
  });

  it('denied consent marks the integration FAILED', async () => {
    const user = await createIntegrationUser(setup);
    const data = await user.client.ok(connectIntegrationMutation, { input: { provider: 'GMAIL', returnTo: testReturnUrl } });
    const callbackUrl = await oauthServer.driveConsent(data.connectIntegration.authorizationUrl, { decision: 'deny' });
    const callback = await requestCallback(testApp, callbackUrl);

    expect(callback.status).toBe(302);
    const location = new URL(callback.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('status')).toBe('FAILED');
    expect(location.searchParams.get('error_description')).toMatch(/denied/);
    const after = await user.client.ok(integrationQuery, { id: data.connectIntegration.integration.id });
    expect(after.integration.status).toBe('FAILED');
    expect(after.integration.failureReason).toMatch(/access_denied/);
  });

  it('failing token endpoint marks the integration FAILED', async () => {
    const user = await createIntegrationUser(setup);
    await oauthServer.configure({ tokenEndpointFailureStatus: 500 });
    const { integrationId, callback } = await connectTestIntegration(testApp, oauthServer, user.client);

    const location = new URL(callback.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('token_exchange_failed');
    expect(location.searchParams.get('status')).toBe('FAILED');
    const after = await user.client.ok(integrationQuery, { id: integrationId });
    expect(after.integration.status).toBe('FAILED');
    expect(after.integration.failureReason).toMatch(/token endpoint/);
  });

  it('returnTo outside the allowed URLs is BAD_USER_INPUT', async () => {
    const user = await createIntegrationUser(setup);
    const response = await user.client.request(connectIntegrationMutation, {
      input: { provider: 'GMAIL', returnTo: 'https://evil.example.com/' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('returnTo');
  });

  it('scopes outside the configured ones are BAD_USER_INPUT', async () => {
    const user = await createIntegrationUser(setup);
    const response = await user.client.request(connectIntegrationMutation, { input: { provider: 'GMAIL', scopes: ['openid', 'admin'] } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');

    const narrowed = await user.client.ok(connectIntegrationMutation, { input: { provider: 'GMAIL', scopes: ['openid', 'email'] } });
    expect(new URL(narrowed.connectIntegration.authorizationUrl).searchParams.get('scope')).toBe('openid email');
  });

  it('unconfigured provider is NOT_FOUND', async () => {
    const user = await createIntegrationUser(setup);
    const response = await user.client.request(connectIntegrationMutation, { input: { provider: 'OUTLOOK_MAIL' } });
    expect(errorCode(response)).toBe('NOT_FOUND');
    expect(response.body.errors?.[0].extensions?.reason).toBe('PROVIDER_NOT_CONFIGURED');
  });

  it('tokens are stored only encrypted', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId, authorizationUrl, callbackUrl } = await connectTestIntegration(testApp, oauthServer, user.client);
    const row = await testApp.app.dataSource.getRepository(Integration).findOneByOrFail({ id: integrationId });
    const secrets = testApp.app.services.secrets;
    const accessToken = secrets.decrypt(row.accessTokenCiphertext!, accessTokenContext(integrationId));
    const refreshToken = secrets.decrypt(row.refreshTokenCiphertext!, refreshTokenContext(integrationId));
    expect(accessToken.length).toBeGreaterThan(20);
    expect(refreshToken.length).toBeGreaterThan(20);

    const dump = await dumpDatabase(testApp.app.dataSource);
    const logs = testApp.logs();
    const state = new URL(authorizationUrl).searchParams.get('state')!;
    const code = new URL(callbackUrl).searchParams.get('code')!;
    for (const secret of [accessToken, refreshToken, state, code, oauthServer.clientSecret]) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });

  it('disconnect revokes the token at the provider', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client);
    const row = await testApp.app.dataSource.getRepository(Integration).findOneByOrFail({ id: integrationId });
    const refreshToken = testApp.app.services.secrets.decrypt(row.refreshTokenCiphertext!, refreshTokenContext(integrationId));
    await oauthServer.resetStats();

    const data = await user.client.ok(disconnectIntegrationMutation, { input: { id: integrationId } });
    expect(data.disconnectIntegration.integration.status).toBe('DISCONNECTED');
    expect((await oauthServer.stats()).revocationRequests).toBe(1);
    expect(testApp.logs()).toContain('token revoked at the provider');

    const refresh = await fetch(oauthServer.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: oauthServer.clientId,
        client_secret: oauthServer.clientSecret,
      }),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');

    const stored = await testApp.app.dataSource.getRepository(Integration).findOneByOrFail({ id: integrationId });
    expect(stored.accessTokenCiphertext).toBeNull();
    expect(stored.refreshTokenCiphertext).toBeNull();
  });

  it('reconnecting a disconnected integration keeps its id', async () => {
    const user = await createIntegrationUser(setup);
    const first = await connectTestIntegration(testApp, oauthServer, user.client);
    await user.client.ok(disconnectIntegrationMutation, { input: { id: first.integrationId } });
    const second = await connectTestIntegration(testApp, oauthServer, user.client);
    expect(second.integrationId).toBe(first.integrationId);
    const data = await user.client.ok(integrationQuery, { id: first.integrationId });
    expect(data.integration.status).toBe('ACTIVE');
  });

  it("another user's integration is NOT_FOUND", async () => {
    const owner = await createIntegrationUser(setup);
    const other = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, owner.client);

    expect(errorCode(await other.client.request(integrationQuery, { id: integrationId }))).toBe('NOT_FOUND');
    expect(errorCode(await other.client.request(disconnectIntegrationMutation, { input: { id: integrationId } }))).toBe('NOT_FOUND');
    expect((await other.client.ok(integrationsQuery)).integrations).toEqual([]);
    await expect(
      testApp.app.services.integrations.withCredentials(
        { userId: other.userId, environmentId: setup.environmentId },
        integrationId,
        async () => 'called',
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('console lists integrations per user of its own environments', async () => {
    const user = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client);

    const byExternalId = await setup.developer.ok(integrationsQuery, { environmentId: setup.environmentId, externalId: user.externalId });
    expect(byExternalId.integrations.map((integration: { id: string }) => integration.id)).toEqual([integrationId]);
    const byUserId = await setup.developer.ok(integrationsQuery, { environmentId: setup.environmentId, userId: user.userId });
    expect(byUserId.integrations).toHaveLength(1);
    expect((await setup.developer.ok(integrationQuery, { id: integrationId })).integration.id).toBe(integrationId);

    const stranger = await setUpIntegrationEnvironment(testApp, oauthServer);
    expect(errorCode(await stranger.developer.request(integrationQuery, { id: integrationId }))).toBe('NOT_FOUND');
    expect(
      errorCode(await stranger.developer.request(integrationsQuery, { environmentId: setup.environmentId, userId: user.userId })),
    ).toBe('NOT_FOUND');
  });

  it('connectIntegration needs a user token', async () => {
    const response = await setup.developer.request(connectIntegrationMutation, { input: { provider: 'GMAIL' } });
    expect(errorCode(response)).toBe('FORBIDDEN');
  });
});
