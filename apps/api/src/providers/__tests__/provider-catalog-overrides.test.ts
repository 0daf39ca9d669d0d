import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestClient } from '../../../test/graphql-client';
import { createTestEnvironment } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { addTestProvider } from '../../../test/provider-factory';
import { ProviderKind } from '../provider-kind';

const catalogQuery = `query { providerCatalog { kind authorizationUrl tokenUrl revocationUrl apiBaseUrl } }`;

type Entry = { kind: string; authorizationUrl: string; tokenUrl: string; revocationUrl: string | null; apiBaseUrl: string };

describe('provider catalog overrides', () => {
  let fakeGoogle: http.Server;
  let fakeGoogleUrl: string;
  const requestedPaths: string[] = [];
  let testApp: TestApp;

  beforeAll(async () => {
    fakeGoogle = http.createServer((request, response) => {
      requestedPaths.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ served: request.url }));
    });
    await new Promise<void>((resolve) => fakeGoogle.listen(0, '127.0.0.1', resolve));
    fakeGoogleUrl = `http://127.0.0.1:${(fakeGoogle.address() as AddressInfo).port}`;

    testApp = await startTestApp(
      {
        WORKAPI_PROVIDER_GMAIL_AUTHORIZATION_URL: `${fakeGoogleUrl}/o/oauth2/v2/auth`,
        WORKAPI_PROVIDER_GMAIL_TOKEN_URL: `${fakeGoogleUrl}/token`,
        WORKAPI_PROVIDER_GMAIL_REVOCATION_URL: `${fakeGoogleUrl}/revoke`,
        WORKAPI_PROVIDER_GMAIL_API_BASE_URL: `${fakeGoogleUrl}/gmail/v1/`,
        WORKAPI_PROVIDER_OUTLOOK_MAIL_REVOCATION_URL: `${fakeGoogleUrl}/microsoft/revoke`,
      },
      'catalog-overrides',
    );
  });

  afterAll(async () => {
    await testApp.close();
    await new Promise((resolve) => fakeGoogle.close(resolve));
  });

  async function catalog(): Promise<Entry[]> {
    const data = await new TestClient(testApp.url).ok<{ providerCatalog: Entry[] }>(catalogQuery);
    return data.providerCatalog;
  }

  it('reads GMAIL endpoints back from the catalog', async () => {
    const gmail = (await catalog()).find((entry) => entry.kind === 'GMAIL')!;
    expect(gmail).toEqual({
      kind: 'GMAIL',
      authorizationUrl: `${fakeGoogleUrl}/o/oauth2/v2/auth`,
      tokenUrl: `${fakeGoogleUrl}/token`,
      revocationUrl: `${fakeGoogleUrl}/revoke`,
      apiBaseUrl: `${fakeGoogleUrl}/gmail/v1`,
    });
  });

  it('points at the running local server', async () => {
    const gmail = (await catalog()).find((entry) => entry.kind === 'GMAIL')!;
    for (const url of [gmail.authorizationUrl, gmail.tokenUrl, gmail.revocationUrl!, `${gmail.apiBaseUrl}/users/me/profile`]) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
    }
    expect(requestedPaths).toEqual(['/o/oauth2/v2/auth', '/token', '/revoke', '/gmail/v1/users/me/profile']);
  });

  it('leaves other kinds unchanged', async () => {
    const entries = await catalog();
    const calendar = entries.find((entry) => entry.kind === 'GOOGLE_CALENDAR')!;
    expect(calendar.tokenUrl).toBe('https://oauth2.googleapis.com/token');
    const outlook = entries.find((entry) => entry.kind === 'OUTLOOK_MAIL')!;
    expect(outlook.revocationUrl).toBe(`${fakeGoogleUrl}/microsoft/revoke`);
    expect(outlook.tokenUrl).toBe('https://login.microsoftonline.com/common/oauth2/v2.0/token');
  });

  it('gives the OAuth broker the overridden endpoints', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const { environment } = await createTestEnvironment(client);
    await addTestProvider(client, environment.id, 'GMAIL');
    const resolved = await testApp.app.services.providers.resolveClient(environment.id, ProviderKind.GMAIL);
    expect(resolved.endpoints).toEqual({
      authorizationUrl: `${fakeGoogleUrl}/o/oauth2/v2/auth`,
      tokenUrl: `${fakeGoogleUrl}/token`,
      revocationUrl: `${fakeGoogleUrl}/revoke`,
      apiBaseUrl: `${fakeGoogleUrl}/gmail/v1`,
    });
  });
});
