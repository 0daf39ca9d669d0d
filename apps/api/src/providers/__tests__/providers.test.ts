import { randomBytes, randomUUID } from 'node:crypto';
import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { dumpDatabase } from '../../../test/dump';
import { createTestEnvironment, environmentClient } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { addProviderMutation, addTestProvider } from '../../../test/provider-factory';
import { Integration, type IntegrationStatus } from '../../integrations/integration.entity';
import { ProviderKind } from '../provider-kind';
import { Provider } from '../provider.entity';
import type { ProviderIntegrations } from '../providers.service';

const updateProviderMutation = `mutation UpdateProvider($input: UpdateProviderInput!) {
  updateProvider(input: $input) { provider { id clientId clientSecretHint scopes updatedAt } }
}`;
const removeProviderMutation = `mutation RemoveProvider($input: RemoveProviderInput!) {
  removeProvider(input: $input) { removedProviderId disconnectedIntegrations }
}`;
const environmentProvidersQuery = `query EnvironmentProviders($id: ID!) {
  environment(id: $id) { id providers { id kind clientId clientSecretHint scopes redirectUri connectedIntegrations } }
}`;
const catalogQuery = `query Catalog {
  providerCatalog {
    kind displayName authorizationUrl tokenUrl revocationUrl apiBaseUrl defaultScopes
    extraAuthorizationParams { name value } documentationUrl requiresConfiguration scopeFormat
  }
}`;
const introspectionQuery = `query Introspection {
  __schema { types { name kind fields { name } inputFields { name } } }
}`;

type CatalogEntry = {
  kind: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl: string | null;
  apiBaseUrl: string;
  defaultScopes: string[];
  extraAuthorizationParams: Array<{ name: string; value: string }>;
  requiresConfiguration: boolean;
  scopeFormat: string;
};

function fieldOf(response: GraphQLResponse): string | undefined {
  return response.body.errors?.[0]?.extensions?.field;
}

describe('providers', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ WORKAPI_PUBLIC_URL: 'https://workapi.example.com' }, 'providers');
  });

  afterAll(async () => {
    await testApp.close();
  });

  /** Inserts integrations of one kind with the given statuses, each for a user of its own. */
  async function insertIntegrations(environmentId: string, kind: string, statuses: string[]) {
    const now = new Date();
    for (const status of statuses) {
      await testApp.app.dataSource.getRepository(Integration).insert({
        id: randomUUID(),
        environmentId,
        userId: randomUUID(),
        kind: kind as ProviderKind,
        status: status as IntegrationStatus,
        failureReason: null,
        accountEmail: null,
        grantedScopes: [],
        accessTokenCiphertext: null,
        refreshTokenCiphertext: null,
        accessTokenExpiresAt: null,
        credentialsVersion: 0,
        leaseOwner: null,
        leaseExpiresAt: null,
        connectedAt: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  async function developerWithEnvironment() {
    const developer = await signUpDeveloper(testApp.url);
    const { environment, privateKey } = await createTestEnvironment(developer.client);
    return { ...developer, environment, privateKey };
  }

  describe('providerCatalog', () => {
    it('lists every kind without a credential', async () => {
      const data = await new TestClient(testApp.url).ok<{ providerCatalog: CatalogEntry[] }>(catalogQuery);
      expect(data.providerCatalog.map((entry) => entry.kind)).toEqual(Object.values(ProviderKind));
    });

    it('adds offline access parameters for Google', async () => {
      const data = await new TestClient(testApp.url).ok<{ providerCatalog: CatalogEntry[] }>(catalogQuery);
      const gmail = data.providerCatalog.find((entry) => entry.kind === 'GMAIL')!;
      expect(gmail.extraAuthorizationParams).toEqual([
        { name: 'access_type', value: 'offline' },
        { name: 'prompt', value: 'consent' },
      ]);
      expect(gmail.authorizationUrl).toBe('https://accounts.google.com/o/oauth2/v2/auth');
      expect(gmail.tokenUrl).toBe('https://oauth2.googleapis.com/token');
      expect(gmail.revocationUrl).toBe('https://oauth2.googleapis.com/revoke');
      expect(gmail.apiBaseUrl).toBe('https://gmail.googleapis.com/gmail/v1');
      expect(gmail.requiresConfiguration).toBe(true);
    });

    it('has no revocation endpoint for Microsoft', async () => {
      const data = await new TestClient(testApp.url).ok<{ providerCatalog: CatalogEntry[] }>(catalogQuery);
      const outlook = data.providerCatalog.find((entry) => entry.kind === 'OUTLOOK_MAIL')!;
      expect(outlook.revocationUrl).toBeNull();
      expect(outlook.apiBaseUrl).toBe('https://graph.microsoft.com/v1.0');
      expect(outlook.defaultScopes).toContain('offline_access');
      expect(outlook.extraAuthorizationParams).toEqual([]);
    });

    it('serves SANDBOX from the public URL', async () => {
      const data = await new TestClient(testApp.url).ok<{ providerCatalog: CatalogEntry[] }>(catalogQuery);
      const sandbox = data.providerCatalog.find((entry) => entry.kind === 'SANDBOX')!;
      expect(sandbox.requiresConfiguration).toBe(false);
      expect(sandbox.authorizationUrl).toBe('https://workapi.example.com/sandbox/authorize');
      expect(sandbox.tokenUrl).toBe('https://workapi.example.com/sandbox/token');
      expect(sandbox.revocationUrl).toBe('https://workapi.example.com/sandbox/revoke');
      expect(sandbox.apiBaseUrl).toBe('https://workapi.example.com/sandbox/api');
    });
  });

  describe('addProvider', () => {
    it('returns the provider with defaults', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider, clientSecret } = await addTestProvider(client, environment.id, 'GOOGLE_CALENDAR', {
        clientId: ' 123-abc.apps.googleusercontent.com ',
      });
      expect(provider.kind).toBe('GOOGLE_CALENDAR');
      expect(provider.environmentId).toBe(environment.id);
      expect(provider.clientId).toBe('123-abc.apps.googleusercontent.com');
      expect(provider.clientSecretHint).toBe(clientSecret.slice(-4));
      expect(provider.scopes).toEqual(['openid', 'email', 'https://www.googleapis.com/auth/calendar']);
      expect(provider.redirectUri).toBe('https://workapi.example.com/oauth/callback');
      expect(provider.connectedIntegrations).toBe(0);
      expect(provider.createdAt).toBe(provider.updatedAt);
    });

    it('keeps valid scopes in order without duplicates', async () => {
      const { client, environment } = await developerWithEnvironment();
      const scopes = ['offline_access', 'Mail.Read', 'https://graph.microsoft.com/Mail.Send', 'Mail.Read', 'User.Read'];
      const { provider } = await addTestProvider(client, environment.id, 'OUTLOOK_MAIL', { scopes });
      expect(provider.scopes).toEqual(['offline_access', 'Mail.Read', 'https://graph.microsoft.com/Mail.Send', 'User.Read']);
    });

    it('rejects a second provider of a kind', async () => {
      const { client, environment } = await developerWithEnvironment();
      await addTestProvider(client, environment.id, 'GMAIL');
      const response = await client.request(addProviderMutation, {
        input: { environmentId: environment.id, kind: 'GMAIL', clientId: 'other', clientSecret: 'another-secret' },
      });
      expect(response.status).toBe(409);
      expect(errorCode(response)).toBe('CONFLICT');
      expect(response.body.errors?.[0].message).toContain('already has a GMAIL provider');
    });

    it('allows one kind in several environments', async () => {
      const { client, environment } = await developerWithEnvironment();
      const second = await createTestEnvironment(client);
      await addTestProvider(client, environment.id, 'GMAIL');
      const { provider } = await addTestProvider(client, second.environment.id, 'GMAIL');
      expect(provider.environmentId).toBe(second.environment.id);
    });

    it('rejects SANDBOX naming kind', async () => {
      const { client, environment } = await developerWithEnvironment();
      const response = await client.request(addProviderMutation, {
        input: { environmentId: environment.id, kind: 'SANDBOX', clientId: 'x', clientSecret: 'sandbox-secret' },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('kind');
    });

    it('rejects an unknown kind', async () => {
      const { client, environment } = await developerWithEnvironment();
      const response = await client.request(addProviderMutation, {
        input: { environmentId: environment.id, kind: 'MYSPACE', clientId: 'x', clientSecret: 'long-enough-secret' },
      });
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].message).toContain('input.kind');
    });

    const googleScopeFormat = 'https://www.googleapis.com/auth/';
    it.each([
      ['clientId', { clientId: '' }, '1 to 255 characters'],
      ['clientId', { clientId: '   ' }, '1 to 255 characters'],
      ['clientId', { clientId: 'x'.repeat(256) }, '1 to 255 characters'],
      ['clientId', { clientId: 'has space' }, 'spaces'],
      ['clientSecret', { clientSecret: '' }, '8 to 512 characters'],
      ['clientSecret', { clientSecret: 'short' }, '8 to 512 characters'],
      ['clientSecret', { clientSecret: 's'.repeat(513) }, '8 to 512 characters'],
      ['clientSecret', { clientSecret: 'line\nbreak-secret' }, 'control characters'],
      ['scopes', { scopes: [] }, '1 to 50 scopes'],
      ['scopes', { scopes: Array.from({ length: 51 }, (_, i) => `https://www.googleapis.com/auth/s${i}`) }, '1 to 50 scopes'],
      ['scopes', { scopes: [''] }, '1 to 256 characters'],
      ['scopes', { scopes: [`${googleScopeFormat}${'a'.repeat(300)}`] }, '1 to 256 characters'],
      ['scopes', { scopes: ['Mail.Read'] }, googleScopeFormat],
      ['scopes', { scopes: ['https://evil.example.com/auth/gmail'] }, googleScopeFormat],
    ])('rejects invalid %s (%#)', async (field, override, message) => {
      const { client, environment } = await developerWithEnvironment();
      const response = await client.request(addProviderMutation, {
        input: { environmentId: environment.id, kind: 'GMAIL', clientId: 'client', clientSecret: 'valid-secret', ...override },
      });
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe(field);
      expect(response.body.errors?.[0].message).toContain(message);
    });

    it.each([
      ['GMAIL', ['https://mail.google.com/', 'openid', 'https://www.googleapis.com/auth/gmail.readonly']],
      ['OUTLOOK_CALENDAR', ['openid', 'Calendars.ReadWrite.Shared', 'https://graph.microsoft.com/.default']],
    ])('accepts %s scopes in their format', async (kind, scopes) => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, kind, { scopes });
      expect(provider.scopes).toEqual(scopes);
    });

    it.each([['gmail.readonly'], ['https://www.googleapis.com/auth/calendar']])(
      'rejects Microsoft scope %s',
      async (scope) => {
        const { client, environment } = await developerWithEnvironment();
        const response = await client.request(addProviderMutation, {
          input: { environmentId: environment.id, kind: 'ONEDRIVE', clientId: 'client', clientSecret: 'valid-secret', scopes: [scope] },
        });
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.body.errors?.[0].message).toContain('Graph permission names');
      },
    );

    it('requires a console session', async () => {
      const { environment, privateKey } = await developerWithEnvironment();
      const response = await environmentClient(testApp.url, environment.id, privateKey).request(addProviderMutation, {
        input: { environmentId: environment.id, kind: 'GMAIL', clientId: 'client', clientSecret: 'valid-secret' },
      });
      expect(errorCode(response)).toBe('FORBIDDEN');
    });
  });

  describe('updateProvider', () => {
    it('changes secret, client id and scopes', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, 'GMAIL');
      const data = await client.ok(updateProviderMutation, {
        input: {
          id: provider.id,
          clientId: 'new-client',
          clientSecret: 'brand-new-secret-WXYZ',
          scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
        },
      });
      expect(data.updateProvider.provider.clientId).toBe('new-client');
      expect(data.updateProvider.provider.clientSecretHint).toBe('WXYZ');
      expect(data.updateProvider.provider.scopes).toEqual(['https://www.googleapis.com/auth/gmail.readonly']);
      expect(Date.parse(data.updateProvider.provider.updatedAt)).toBeGreaterThanOrEqual(Date.parse(provider.updatedAt));

      const resolved = await testApp.app.services.providers.resolveClient(environment.id, ProviderKind.GMAIL);
      expect(resolved.clientSecret).toBe('brand-new-secret-WXYZ');
      expect(resolved.clientId).toBe('new-client');
    });

    it('keeps fields that are left out', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, 'GMAIL');
      const data = await client.ok(updateProviderMutation, { input: { id: provider.id, clientId: 'only-id' } });
      expect(data.updateProvider.provider.clientSecretHint).toBe(provider.clientSecretHint);
      expect(data.updateProvider.provider.scopes).toEqual(provider.scopes);
    });

    it('rejects an empty change', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, 'GMAIL');
      const response = await client.request(updateProviderMutation, { input: { id: provider.id } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
    });

    it('checks scopes against the kind', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, 'OUTLOOK_CONTACTS');
      const response = await client.request(updateProviderMutation, { input: { id: provider.id, scopes: ['contacts'] } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response)).toBe('scopes');
    });
  });

  describe('removeProvider', () => {
    it('removes the provider', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, 'GMAIL');
      const data = await client.ok(removeProviderMutation, { input: { id: provider.id } });
      expect(data.removeProvider).toEqual({ removedProviderId: provider.id, disconnectedIntegrations: 0 });

      const after = await client.ok(environmentProvidersQuery, { id: environment.id });
      expect(after.environment.providers).toEqual([]);
      const again = await client.request(removeProviderMutation, { input: { id: provider.id } });
      expect(errorCode(again)).toBe('NOT_FOUND');
    });

    describe('with connected integrations', () => {
      // A stand-in for the integrations service, which registers itself the same way.
      const connected = new Map<string, number>();
      const integrations: ProviderIntegrations = {
        countConnected: async (kind, environmentId) => connected.get(`${environmentId}:${kind}`) ?? 0,
        countConnectedByProvider: async (providers) =>
          providers.map((provider) => connected.get(`${provider.environmentId}:${provider.kind}`) ?? 0),
        disconnectAllForProvider: async (kind, environmentId) => {
          const count = connected.get(`${environmentId}:${kind}`) ?? 0;
          connected.delete(`${environmentId}:${kind}`);
          return count;
        },
      };

      beforeAll(() => testApp.app.services.providers.registerIntegrations(integrations));
      afterAll(() => testApp.app.services.providers.registerIntegrations(testApp.app.services.integrations));

      it('needs force and states the count', async () => {
        const { client, environment } = await developerWithEnvironment();
        const { provider } = await addTestProvider(client, environment.id, 'GMAIL');
        connected.set(`${environment.id}:GMAIL`, 3);

        const listed = await client.ok(environmentProvidersQuery, { id: environment.id });
        expect(listed.environment.providers[0].connectedIntegrations).toBe(3);

        const refused = await client.request(removeProviderMutation, { input: { id: provider.id } });
        expect(refused.status).toBe(409);
        expect(errorCode(refused)).toBe('CONFLICT');
        expect(refused.body.errors?.[0].extensions?.connectedIntegrations).toBe(3);
        expect(refused.body.errors?.[0].message).toContain('3 connected integrations');
        expect(refused.body.errors?.[0].message).toContain('force: true');

        const forced = await client.ok(removeProviderMutation, { input: { id: provider.id, force: true } });
        expect(forced.removeProvider).toEqual({ removedProviderId: provider.id, disconnectedIntegrations: 3 });
        expect(connected.has(`${environment.id}:GMAIL`)).toBe(false);
      });
    });
  });

  describe('Environment.providers', () => {
    it('lists providers oldest first', async () => {
      const { client, environment } = await developerWithEnvironment();
      const first = await addTestProvider(client, environment.id, 'GMAIL');
      const second = await addTestProvider(client, environment.id, 'OUTLOOK_MAIL');
      const data = await client.ok(environmentProvidersQuery, { id: environment.id });
      expect(data.environment.providers.map((provider: { id: string }) => provider.id)).toEqual([
        first.provider.id,
        second.provider.id,
      ]);
    });

    it('is readable with an environment token', async () => {
      const { client, environment, privateKey } = await developerWithEnvironment();
      await addTestProvider(client, environment.id, 'GOOGLE_DRIVE');
      const data = await environmentClient(testApp.url, environment.id, privateKey).ok(
        `query { currentEnvironment { providers { kind clientSecretHint } } }`,
      );
      expect(data.currentEnvironment.providers.map((provider: { kind: string }) => provider.kind)).toEqual(['GOOGLE_DRIVE']);
    });

    it('loads providers and counts in one statement each', async () => {
      const { client, environment } = await developerWithEnvironment();
      const others = [await createTestEnvironment(client), await createTestEnvironment(client)];
      const environmentIds = [environment.id, ...others.map((other) => other.environment.id)];
      for (const environmentId of environmentIds) {
        await addTestProvider(client, environmentId, 'GMAIL');
        await addTestProvider(client, environmentId, 'ONEDRIVE');
      }
      // Connected (ACTIVE, NEEDS_REAUTHORIZATION) and not connected (PENDING, FAILED, DISCONNECTED) rows.
      await insertIntegrations(environmentIds[0], 'GMAIL', ['ACTIVE', 'ACTIVE', 'NEEDS_REAUTHORIZATION', 'PENDING']);
      await insertIntegrations(environmentIds[0], 'ONEDRIVE', ['FAILED', 'DISCONNECTED']);
      await insertIntegrations(environmentIds[1], 'ONEDRIVE', ['ACTIVE']);
      await insertIntegrations(environmentIds[2], 'OUTLOOK_MAIL', ['ACTIVE']);
      const expected: Record<string, number> = {
        [`${environmentIds[0]}:GMAIL`]: 3,
        [`${environmentIds[1]}:ONEDRIVE`]: 1,
      };

      testApp.takeQueries();
      const data = await client.ok(`query { environments { id providers { id kind environmentId redirectUri connectedIntegrations } } }`);
      const queries = testApp.takeQueries();
      const providerStatements = queries.filter((sql) => /\bproviders\b/i.test(sql));
      const countStatements = queries.filter((sql) => /\bintegrations\b/i.test(sql));

      expect(data.environments).toHaveLength(3);
      for (const listed of data.environments) {
        expect(listed.providers).toHaveLength(2);
        for (const provider of listed.providers) {
          expect(provider.environmentId).toBe(listed.id);
          expect(provider.connectedIntegrations).toBe(expected[`${listed.id}:${provider.kind}`] ?? 0);
        }
      }
      expect(providerStatements).toHaveLength(1);
      expect(countStatements).toHaveLength(1);
      expect(countStatements[0]).toMatch(/GROUP BY/i);
    });
  });

  describe('another account', () => {
    it('cannot read, add to, change or remove providers', async () => {
      const owner = await developerWithEnvironment();
      const { provider } = await addTestProvider(owner.client, owner.environment.id, 'GMAIL');
      const intruder = await signUpDeveloper(testApp.url);

      const read = await intruder.client.request(environmentProvidersQuery, { id: owner.environment.id });
      expect(errorCode(read)).toBe('NOT_FOUND');

      const added = await intruder.client.request(addProviderMutation, {
        input: { environmentId: owner.environment.id, kind: 'OUTLOOK_MAIL', clientId: 'x', clientSecret: 'intruder-secret' },
      });
      expect(errorCode(added)).toBe('NOT_FOUND');

      const updated = await intruder.client.request(updateProviderMutation, {
        input: { id: provider.id, clientSecret: 'intruder-secret' },
      });
      expect(updated.status).toBe(404);
      expect(errorCode(updated)).toBe('NOT_FOUND');

      const removed = await intruder.client.request(removeProviderMutation, { input: { id: provider.id, force: true } });
      expect(removed.status).toBe(404);
      expect(errorCode(removed)).toBe('NOT_FOUND');

      const still = await owner.client.ok(environmentProvidersQuery, { id: owner.environment.id });
      expect(still.environment.providers).toHaveLength(1);
      expect(still.environment.providers[0].clientSecretHint).toBe(provider.clientSecretHint);
    });

    it('reports unknown ids as NOT_FOUND', async () => {
      const { client } = await developerWithEnvironment();
      const response = await client.request(updateProviderMutation, {
        input: { id: '00000000-0000-4000-8000-000000000000', clientId: 'x' },
      });
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  });

  describe('resolveClient', () => {
    it('returns the decrypted client and endpoints', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider, clientSecret } = await addTestProvider(client, environment.id, 'GMAIL');
      const resolved = await testApp.app.services.providers.resolveClient(environment.id, ProviderKind.GMAIL);
      expect(resolved.clientId).toBe(provider.clientId);
      expect(resolved.clientSecret).toBe(clientSecret);
      expect(resolved.scopes).toEqual(provider.scopes);
      expect(resolved.redirectUri).toBe('https://workapi.example.com/oauth/callback');
      expect(resolved.endpoints.tokenUrl).toBe('https://oauth2.googleapis.com/token');
      expect(resolved.extraAuthorizationParams).toEqual({ access_type: 'offline', prompt: 'consent' });
    });

    it('raises PROVIDER_NOT_CONFIGURED for a missing kind', async () => {
      const { environment } = await developerWithEnvironment();
      await expect(testApp.app.services.providers.resolveClient(environment.id, ProviderKind.OUTLOOK_MAIL)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Provider OUTLOOK_MAIL is not configured in this environment. Add it in the console first.',
        extensions: { reason: 'PROVIDER_NOT_CONFIGURED', kind: 'OUTLOOK_MAIL', code: 'NOT_FOUND' },
      });
    });

    it('resolves SANDBOX without configuration', async () => {
      const { environment } = await developerWithEnvironment();
      const resolved = await testApp.app.services.providers.resolveClient(environment.id, ProviderKind.SANDBOX);
      expect(resolved.clientId).toBe('workapi-sandbox');
      expect(resolved.clientSecret).not.toBe('');
      expect(resolved.scopes).toEqual(['mail', 'calendar']);
      expect(resolved.endpoints.authorizationUrl).toBe('https://workapi.example.com/sandbox/authorize');
    });

    it('rejects a tampered ciphertext', async () => {
      const { client, environment } = await developerWithEnvironment();
      const { provider } = await addTestProvider(client, environment.id, 'GMAIL');
      const repository = testApp.app.dataSource.getRepository(Provider);
      const row = await repository.findOneByOrFail({ id: provider.id });
      const parts = row.clientSecretCiphertext.split('.');
      const sealed = Buffer.from(parts[3], 'base64url');
      sealed[0] ^= 0x01;
      parts[3] = sealed.toString('base64url');
      await repository.update({ id: provider.id }, { clientSecretCiphertext: parts.join('.') });

      await expect(testApp.app.services.providers.resolveClient(environment.id, ProviderKind.GMAIL)).rejects.toThrow(
        /failed authentication/,
      );
    });

    it('rejects a ciphertext copied from another provider', async () => {
      const { client, environment } = await developerWithEnvironment();
      const gmail = await addTestProvider(client, environment.id, 'GMAIL');
      const drive = await addTestProvider(client, environment.id, 'GOOGLE_DRIVE');
      const repository = testApp.app.dataSource.getRepository(Provider);
      const source = await repository.findOneByOrFail({ id: gmail.provider.id });
      await repository.update({ id: drive.provider.id }, { clientSecretCiphertext: source.clientSecretCiphertext });

      await expect(testApp.app.services.providers.resolveClient(environment.id, ProviderKind.GOOGLE_DRIVE)).rejects.toThrow(
        /failed authentication/,
      );
    });
  });

  describe('client secret', () => {
    it('appears in no dump, log or response', async () => {
      const secret = `topsecret-${randomBytes(12).toString('hex')}`;
      const rotatedSecret = `rotated-${randomBytes(12).toString('hex')}`;
      const { client, environment } = await developerWithEnvironment();
      const responses: string[] = [];
      const record = (response: GraphQLResponse) => responses.push(JSON.stringify(response.body));

      record(
        await client.request(addProviderMutation, {
          input: { environmentId: environment.id, kind: 'GMAIL', clientId: 'client', clientSecret: secret },
        }),
      );
      const providerId = JSON.parse(responses[0]).data.addProvider.provider.id;
      // A rejected duplicate and an invalid update carry the secret in their variables too.
      record(
        await client.request(addProviderMutation, {
          input: { environmentId: environment.id, kind: 'GMAIL', clientId: 'client', clientSecret: secret },
        }),
      );
      record(await client.request(updateProviderMutation, { input: { id: providerId, clientSecret: secret, scopes: ['bad'] } }));
      record(await client.request(updateProviderMutation, { input: { id: providerId, clientSecret: rotatedSecret } }));
      record(await client.request(environmentProvidersQuery, { id: environment.id }));
      record(await client.request(`query { environments { providers { id clientId clientSecretHint scopes } } }`));
      record(await client.request(introspectionQuery));

      const resolved = await testApp.app.services.providers.resolveClient(environment.id, ProviderKind.GMAIL);
      expect(resolved.clientSecret).toBe(rotatedSecret);

      const dump = await dumpDatabase(testApp.app.dataSource);
      const logs = testApp.logs();
      for (const value of [secret, rotatedSecret]) {
        expect(dump).not.toContain(value);
        expect(logs).not.toContain(value);
        for (const response of responses) expect(response).not.toContain(value);
      }
      expect(dump).toContain(rotatedSecret.slice(-4));
    });

    it('has no output field in the schema', async () => {
      const data = await new TestClient(testApp.url).ok(introspectionQuery);
      const secretFields = (data.__schema.types as Array<{ name: string; fields: Array<{ name: string }> | null }>)
        .flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`))
        .filter((name) => /secret/i.test(name));
      expect(secretFields).toEqual(['Provider.clientSecretHint']);
    });
  });
});
