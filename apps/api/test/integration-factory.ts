import { randomBytes } from 'node:crypto';
import { environmentClient, type EnvironmentTestClient } from './environment-factory';
import { signUpDeveloper } from './factories';
import { TestClient } from './graphql-client';
import type { TestApp } from './harness';
import type { OAuthTestServer } from './oauth-server';
import { addTestProvider } from './provider-factory';

/** What the tests register as the provider's redirect URI and the server's public URL. */
export const testPublicUrl = 'http://localhost:4000';
export const testRedirectUri = `${testPublicUrl}/oauth/callback`;
export const testReturnUrl = 'https://app.example.com/integrations/done';

export const integrationFields = 'id environmentId userId provider: kind status failureReason accountEmail grantedScopes connectedAt createdAt updatedAt';

export const connectIntegrationMutation = `mutation ConnectIntegration($input: ConnectIntegrationInput!) {
  connectIntegration(input: $input) { integration { ${integrationFields} } authorizationUrl }
}`;
export const disconnectIntegrationMutation = `mutation DisconnectIntegration($input: DisconnectIntegrationInput!) {
  disconnectIntegration(input: $input) { integration { ${integrationFields} } }
}`;
export const integrationQuery = `query Integration($id: ID!) { integration(id: $id) { ${integrationFields} } }`;
export const integrationsQuery = `query Integrations($environmentId: ID, $userId: ID, $externalId: String) {
  integrations(environmentId: $environmentId, userId: $userId, externalId: $externalId) { ${integrationFields} }
}`;

const createEnvironmentMutation = `mutation CreateEnvironment($input: CreateEnvironmentInput!) {
  createEnvironment(input: $input) { environment { id } privateKey }
}`;
const createUserMutation = `mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) { user { id } accessToken { token } }
}`;

export interface IntegrationTestSetup {
  developer: TestClient;
  environmentId: string;
  environment: EnvironmentTestClient;
}

/**
 * Signs up a developer, creates an environment that allows `testReturnUrl`, and adds a
 * provider of `kind` whose client is the test OAuth server's.
 */
export async function setUpIntegrationEnvironment(testApp: TestApp, oauthServer: OAuthTestServer, kind = 'GMAIL'): Promise<IntegrationTestSetup> {
  const { client: developer } = await signUpDeveloper(testApp.url);
  const data = await developer.ok<{ createEnvironment: { environment: { id: string }; privateKey: string } }>(createEnvironmentMutation, {
    input: { name: `env-${randomBytes(4).toString('hex')}`, allowedReturnUrls: [testReturnUrl] },
  });
  const environmentId = data.createEnvironment.environment.id;
  await addTestProvider(developer, environmentId, kind, { clientId: oauthServer.clientId, clientSecret: oauthServer.clientSecret });
  return { developer, environmentId, environment: environmentClient(testApp.url, environmentId, data.createEnvironment.privateKey) };
}

/** Creates an end user and returns its id and a client carrying its access token. */
export async function createIntegrationUser(setup: IntegrationTestSetup, externalId = `user-${randomBytes(4).toString('hex')}`) {
  const data = await setup.environment.ok<{ createUser: { user: { id: string }; accessToken: { token: string } } }>(createUserMutation, {
    input: { externalId },
  });
  const token = data.createUser.accessToken.token;
  return { userId: data.createUser.user.id, externalId, token, client: new TestClient(setup.environment.url).withBearer(token) };
}

/** Requests a callback URL (built for `testPublicUrl`) on the test app, without following redirects. */
export function requestCallback(testApp: TestApp, callbackUrl: string): Promise<Response> {
  const url = new URL(callbackUrl);
  return fetch(`${testApp.url}${url.pathname}${url.search}`, { redirect: 'manual' });
}

/**
 * Runs the whole connect flow for a user: connectIntegration, consent at the test server as
 * `email`, and the callback. Returns the integration id and the callback's response.
 */
export async function connectTestIntegration(
  testApp: TestApp,
  oauthServer: OAuthTestServer,
  user: TestClient,
  options: { kind?: string; email?: string; returnTo?: string | null } = {},
): Promise<{ integrationId: string; authorizationUrl: string; callbackUrl: string; callback: Response }> {
  const returnTo = options.returnTo === undefined ? testReturnUrl : options.returnTo;
  const data = await user.ok<{ connectIntegration: { integration: { id: string }; authorizationUrl: string } }>(connectIntegrationMutation, {
    input: { provider: options.kind ?? 'GMAIL', ...(returnTo ? { returnTo } : {}) },
  });
  const { authorizationUrl } = data.connectIntegration;
  const callbackUrl = await oauthServer.driveConsent(authorizationUrl, { email: options.email });
  const callback = await requestCallback(testApp, callbackUrl);
  return { integrationId: data.connectIntegration.integration.id, authorizationUrl, callbackUrl, callback };
}
