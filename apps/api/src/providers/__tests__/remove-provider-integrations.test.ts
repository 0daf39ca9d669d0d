import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorCode } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import {
  connectIntegrationMutation,
  connectTestIntegration,
  createIntegrationUser,
  integrationQuery,
  setUpIntegrationEnvironment,
  testPublicUrl,
  testRedirectUri,
  type IntegrationTestSetup,
} from '../../../test/integration-factory';
import { startOAuthServer, type OAuthTestServer } from '../../../test/oauth-server';
import { addTestProvider } from '../../../test/provider-factory';
import { Integration, IntegrationStatus } from '../../integrations/integration.entity';
import { refreshTokenContext } from '../../integrations/integration-secrets';

const removeProviderMutation = `mutation RemoveProvider($input: RemoveProviderInput!) {
  removeProvider(input: $input) { removedProviderId disconnectedIntegrations }
}`;
const providersQuery = `query EnvironmentProviders($id: ID!) {
  environment(id: $id) { providers { id kind connectedIntegrations } }
}`;

/** Starts a revocation endpoint that always fails, to show that removal does not depend on it. */
async function startFailingRevocationServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests += 1;
    request.resume();
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"temporarily_unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/revoke`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('removeProvider with real connected integrations', () => {
  let oauthServer: OAuthTestServer;
  let failingRevocation: Awaited<ReturnType<typeof startFailingRevocationServer>>;
  let testApp: TestApp;

  beforeAll(async () => {
    oauthServer = await startOAuthServer({ redirectUris: [testRedirectUri] });
    failingRevocation = await startFailingRevocationServer();
    testApp = await startTestApp(
      {
        WORKAPI_PUBLIC_URL: testPublicUrl,
        ...oauthServer.providerEnv('GMAIL'),
        ...oauthServer.providerEnv('GOOGLE_CALENDAR'),
        WORKAPI_PROVIDER_GOOGLE_CALENDAR_REVOCATION_URL: failingRevocation.url,
      },
      'removeprovider',
    );
  });

  afterAll(async () => {
    await testApp?.close();
    await oauthServer?.close();
    await failingRevocation?.close();
  });

  beforeEach(async () => {
    await oauthServer.resetStats();
  });

  async function providerOf(setup: IntegrationTestSetup, kind = 'GMAIL'): Promise<{ id: string; connectedIntegrations: number }> {
    const data = await setup.developer.ok(providersQuery, { id: setup.environmentId });
    return data.environment.providers.find((provider: { kind: string }) => provider.kind === kind);
  }

  async function setStatus(integrationId: string, status: IntegrationStatus): Promise<void> {
    await testApp.app.dataSource.getRepository(Integration).update({ id: integrationId }, { status });
  }

  it('force revokes and disconnects', async () => {
    const setup = await setUpIntegrationEnvironment(testApp, oauthServer);
    const connectedUser = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, connectedUser.client);
    const row = await testApp.app.dataSource.getRepository(Integration).findOneByOrFail({ id: integrationId });
    const refreshToken = testApp.app.services.secrets.decrypt(row.refreshTokenCiphertext!, refreshTokenContext(integrationId));
    // A user who started connecting but never finished has no tokens and is not counted.
    const pendingUser = await createIntegrationUser(setup);
    const pending = await pendingUser.client.ok(connectIntegrationMutation, { input: { provider: 'GMAIL' } });
    const pendingId = pending.connectIntegration.integration.id;

    const provider = await providerOf(setup);
    expect(provider.connectedIntegrations).toBe(1);

    const refused = await setup.developer.request(removeProviderMutation, { input: { id: provider.id } });
    expect(refused.status).toBe(409);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.body.errors?.[0].extensions?.connectedIntegrations).toBe(1);
    expect(refused.body.errors?.[0].message).toContain('has 1 connected integration.');
    expect(refused.body.errors?.[0].message).toContain('force: true');
    expect((await connectedUser.client.ok(integrationQuery, { id: integrationId })).integration.status).toBe('ACTIVE');
    expect((await oauthServer.stats()).revocationRequests).toBe(0);

    const forced = await setup.developer.ok(removeProviderMutation, { input: { id: provider.id, force: true } });
    expect(forced.removeProvider).toEqual({ removedProviderId: provider.id, disconnectedIntegrations: 1 });
    expect((await oauthServer.stats()).revocationRequests).toBe(1);

    const disconnected = await connectedUser.client.ok(integrationQuery, { id: integrationId });
    expect(disconnected.integration.status).toBe('DISCONNECTED');
    expect((await pendingUser.client.ok(integrationQuery, { id: pendingId })).integration.status).toBe('DISCONNECTED');
    const stored = await testApp.app.dataSource.getRepository(Integration).findOneByOrFail({ id: integrationId });
    expect(stored.accessTokenCiphertext).toBeNull();
    expect(stored.refreshTokenCiphertext).toBeNull();

    // The provider no longer honours the revoked refresh token.
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

    const logs = testApp.logs();
    expect(logs).toContain('integrations disconnected with their provider');
    expect(logs).not.toContain(refreshToken);
  });

  it('counts connected integrations of its kind', async () => {
    const setup = await setUpIntegrationEnvironment(testApp, oauthServer);
    const statuses = [
      IntegrationStatus.ACTIVE,
      IntegrationStatus.NEEDS_REAUTHORIZATION,
      IntegrationStatus.PENDING,
      IntegrationStatus.FAILED,
      IntegrationStatus.DISCONNECTED,
    ];
    for (const status of statuses) {
      const user = await createIntegrationUser(setup);
      const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client);
      await setStatus(integrationId, status);
    }
    // An ACTIVE integration of another kind, and one of the same kind in another environment.
    await addTestProvider(setup.developer, setup.environmentId, 'GOOGLE_CALENDAR', {
      clientId: oauthServer.clientId,
      clientSecret: oauthServer.clientSecret,
    });
    const calendarUser = await createIntegrationUser(setup);
    await connectTestIntegration(testApp, oauthServer, calendarUser.client, { kind: 'GOOGLE_CALENDAR' });
    const elsewhere = await setUpIntegrationEnvironment(testApp, oauthServer);
    await connectTestIntegration(testApp, oauthServer, (await createIntegrationUser(elsewhere)).client);

    expect((await providerOf(setup)).connectedIntegrations).toBe(2);
    expect((await providerOf(setup, 'GOOGLE_CALENDAR')).connectedIntegrations).toBe(1);
    expect((await providerOf(elsewhere)).connectedIntegrations).toBe(1);
    const refused = await setup.developer.request(removeProviderMutation, { input: { id: (await providerOf(setup)).id } });
    expect(refused.body.errors?.[0].extensions?.connectedIntegrations).toBe(2);
    expect(refused.body.errors?.[0].message).toContain('has 2 connected integrations.');
  });

  it('failed revocation does not block removal', async () => {
    const setup = await setUpIntegrationEnvironment(testApp, oauthServer, 'GOOGLE_CALENDAR');
    const user = await createIntegrationUser(setup);
    const { integrationId } = await connectTestIntegration(testApp, oauthServer, user.client, { kind: 'GOOGLE_CALENDAR' });
    const provider = await providerOf(setup, 'GOOGLE_CALENDAR');
    const before = failingRevocation.requests();

    const forced = await setup.developer.ok(removeProviderMutation, { input: { id: provider.id, force: true } });
    expect(forced.removeProvider.disconnectedIntegrations).toBe(1);
    expect(failingRevocation.requests()).toBe(before + 1);
    expect((await user.client.ok(integrationQuery, { id: integrationId })).integration.status).toBe('DISCONNECTED');
    expect(testApp.logs()).toContain('revoking the token at the provider failed');
  });
});
