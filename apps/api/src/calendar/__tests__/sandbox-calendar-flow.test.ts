import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createTestEnvironment, environmentClient } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { TestClient, errorCode } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';

/** Finds a free port, because the SANDBOX token endpoint is called at WORKAPI_PUBLIC_URL, which must name the test server. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const connectMutation = `mutation Connect($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { integration { id status } authorizationUrl } }`;

describe('SANDBOX calendar through a connected integration', () => {
  let testApp: TestApp;
  let user: TestClient;
  let integrationId: string;

  beforeAll(async () => {
    const port = await freePort();
    testApp = await startTestApp({ WORKAPI_PUBLIC_URL: `http://127.0.0.1:${port}` }, 'sandboxcal', { port });
    const { client: developer } = await signUpDeveloper(testApp.url);
    const { environment, privateKey } = await createTestEnvironment(developer);
    const data = await environmentClient(testApp.url, environment.id, privateKey).ok<{ createUser: { accessToken: { token: string } } }>(
      `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { accessToken { token } } }`,
      { input: { externalId: `calendar-${randomUUID()}` } },
    );
    user = new TestClient(testApp.url).withBearer(data.createUser.accessToken.token);

    const connected = await user.ok<{ connectIntegration: { integration: { id: string }; authorizationUrl: string } }>(connectMutation, { input: { provider: 'SANDBOX' } });
    integrationId = connected.connectIntegration.integration.id;
    const authorization = new URL(connected.connectIntegration.authorizationUrl);
    const consent = await fetch(`${testApp.url}/sandbox/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...Object.fromEntries(authorization.searchParams), decision: 'allow' }).toString(),
      redirect: 'manual',
    });
    const callback = new URL(consent.headers.get('location') as string);
    const finished = await fetch(`${testApp.url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(finished.status).toBeLessThan(400);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('lists the seeded calendars', async () => {
    const data = await user.ok(`query Calendars($id: ID!) { calendars(integrationId: $id) { name primary } }`, { id: integrationId });
    expect(data.calendars.map((calendar: any) => calendar.name)).toEqual(['Work', 'Personal', 'Team launches', 'Public holidays']);
  });

  it('creates an event and reads it back', async () => {
    const created = await user.ok(
      `mutation Create($input: CreateEventInput!) { createEvent(input: $input) { event { id title start { dateTime } } } }`,
      { input: { integrationId, title: 'Kick-off', start: { dateTime: '2026-06-01T09:00:00Z' }, end: { dateTime: '2026-06-01T10:00:00Z' } } },
    );
    const read = await user.ok(`query Event($id: ID!) { event(id: $id) { title start { dateTime } } }`, { id: created.createEvent.event.id });
    expect(read.event.title).toBe('Kick-off');
    // Without a timeZone the event takes the calendar's zone, Europe/Berlin.
    expect(read.event.start.dateTime).toBe('2026-06-01T11:00:00+02:00');
  });

  it('reports events of a disconnected integration as NEEDS_REAUTHORIZATION', async () => {
    await user.ok(`mutation Disconnect($input: DisconnectIntegrationInput!) { disconnectIntegration(input: $input) { integration { status } } }`, {
      input: { id: integrationId },
    });
    const response = await user.request(`query Events($id: ID!) { events(integrationId: $id) { totalCount } }`, { id: integrationId });
    expect(errorCode(response)).toBe('NEEDS_REAUTHORIZATION');
  });
});
