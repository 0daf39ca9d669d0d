import { randomBytes } from 'node:crypto';
import type { TestClient } from './graphql-client';

export const addProviderMutation = `mutation AddProvider($input: AddProviderInput!) {
  addProvider(input: $input) {
    provider { id environmentId kind clientId clientSecretHint scopes redirectUri connectedIntegrations createdAt updatedAt }
  }
}`;

export interface TestProvider {
  id: string;
  environmentId: string;
  kind: string;
  clientId: string;
  clientSecretHint: string;
  scopes: string[];
  redirectUri: string;
  connectedIntegrations: number;
  createdAt: string;
  updatedAt: string;
}

export interface AddTestProviderOverrides {
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
}

/**
 * Adds a provider of `kind` to an environment through the console session of `client`,
 * with a random client id and secret unless given. Returns the provider and its secret.
 */
export async function addTestProvider(
  client: TestClient,
  environmentId: string,
  kind: string,
  overrides: AddTestProviderOverrides = {},
): Promise<{ provider: TestProvider; clientSecret: string }> {
  const clientSecret = overrides.clientSecret ?? `secret-${randomBytes(16).toString('hex')}`;
  const data = await client.ok<{ addProvider: { provider: TestProvider } }>(addProviderMutation, {
    input: {
      environmentId,
      kind,
      clientId: overrides.clientId ?? `client-${randomBytes(6).toString('hex')}.apps.example.com`,
      clientSecret,
      ...(overrides.scopes ? { scopes: overrides.scopes } : {}),
    },
  });
  return { provider: data.addProvider.provider, clientSecret };
}
