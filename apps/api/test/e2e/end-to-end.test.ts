import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { UsersApi, WorkApiClient, WorkApiUserClient, signEnvironmentToken } from '../../../../packages/sdk/src';
import { SandboxEvent } from '../../src/calendar/sandbox/sandbox-calendar.entity';
import { corpusDirectory, sandboxOwner } from '../../src/sandbox/sandbox-mail-seed';
import { SandboxMessage } from '../../src/sandbox/sandbox-mail.entity';
import { dumpDatabase } from '../dump';
import { signUpDeveloper } from '../factories';
import { createGmailServer } from '../fake-providers/gmail-server';
import { createGoogleCalendarServer, googleCalendarFixtures } from '../fake-providers/google-calendar-server';
import { createGraphCalendarServer, graphCalendarFixtures } from '../fake-providers/graph-calendar-server';
import { createGraphMailServer } from '../fake-providers/graph-mail-server';
import type { FakeHttpServer } from '../fake-providers/http-server';
import { FakeMailStore } from '../fake-providers/mail-store';
import { TestClient } from '../graphql-client';
import { startTestApp, type TestApp } from '../harness';
import { startOAuthServer, type OAuthTestServer } from '../oauth-server';
import { ResourceGateway } from './resource-gateway';

/**
 * The developer's whole story over HTTP, in the steps of the README's quick start. The
 * developer signs up, creates an environment and saves its private key, adds providers and
 * signs environment tokens with the SDK to create a user. The user connects integrations
 * through a real OAuth authorization server (Google-format and Microsoft-format kinds) or
 * the built-in SANDBOX consent page. Then the test reads and writes mail and calendar and
 * reads the month's usage.
 */

const returnUrl = 'https://app.example.com/integrations/done';
const microsoftScopes = ['User.Read', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite'];

/** Corpus messages that the Gmail-format and Graph-format servers hold before the story starts. */
const seededMessages = [
  { file: 'rfc2822/example01.eml', subject: 'Saying Hello' },
  { file: 'plain_emails/basic_email.eml', subject: 'Testing 123' },
  { file: 'attachment_emails/attachment_pdf.eml', subject: 'Another PDF with 🎉 Unicode chars in it 🍿' },
];

const fakeProviderToken = 'format-server-token';

const createEnvironmentMutation = `mutation CreateEnvironment($input: CreateEnvironmentInput!) {
  createEnvironment(input: $input) { environment { id name } privateKey }
}`;
const addProviderMutation = `mutation AddProvider($input: AddProviderInput!) {
  addProvider(input: $input) { provider { id kind clientId clientSecretHint redirectUri } }
}`;
const connectIntegrationMutation = `mutation ConnectIntegration($input: ConnectIntegrationInput!) {
  connectIntegration(input: $input) { integration { id status } authorizationUrl }
}`;
const integrationQuery = `query Integration($id: ID!) { integration(id: $id) { id kind status accountEmail grantedScopes } }`;
const mailboxesQuery = `query Mailboxes($integrationId: ID!) { mailboxes(integrationId: $integrationId) { id name type totalCount } }`;
const emailsQuery = `query Emails($integrationId: ID!, $first: Int, $filter: EmailFilter) {
  emails(integrationId: $integrationId, first: $first, filter: $filter) {
    edges { cursor node { id subject from { name address } to { address } mailboxIds draft } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;
const emailQuery = `query Email($id: ID!) { email(id: $id) { id subject text from { address } to { name address } draft } }`;
const sendEmailMutation = `mutation SendEmail($input: SendEmailInput!) {
  sendEmail(input: $input) { email { id subject from { name address } to { name address } mailboxIds } }
}`;
const calendarsQuery = `query Calendars($integrationId: ID!) { calendars(integrationId: $integrationId) { id name primary canEdit timeZone } }`;
const eventFields = 'id calendarId title location start { dateTime date timeZone } end { dateTime date timeZone } allDay attendees { email name responseStatus }';
const createEventMutation = `mutation CreateEvent($input: CreateEventInput!) { createEvent(input: $input) { event { ${eventFields} } } }`;
const eventQuery = `query Event($id: ID!) { event(id: $id) { ${eventFields} } }`;
const usageQuery = `query Usage($environmentId: ID, $months: Int!) {
  usage(environmentId: $environmentId, months: $months) {
    scope environmentId plan freeRequestsPerMonth
    months { month requests accountRequests freeRequestsLeft days { date requests } }
  }
}`;

type EmailNode = { id: string; subject: string | null; from: { name: string | null; address: string | null }[]; mailboxIds: string[]; draft: boolean };
type Mailbox = { id: string; name: string; type: string; totalCount: number | null };
type UsageReport = {
  scope: string;
  environmentId: string | null;
  months: { month: string; requests: number; accountRequests: number; freeRequestsLeft: number; days: { date: string; requests: number }[] }[];
};

/** Returns a TCP port that was free a moment ago, for a server whose public URL must be known before it starts. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Opens the SANDBOX consent page like a browser and submits its form with Allow; returns the redirect target. */
async function allowSandboxConsent(authorizationUrl: string): Promise<string> {
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  expect(page.status).toBe(200);
  expect(html).toContain('value="allow"');
  const decode = (text: string) => text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name, decode(value));
  form.set('decision', 'allow');
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '', authorizationUrl);
  const decision = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  expect(decision.status).toBe(303);
  return decision.headers.get('location') as string;
}

interface Story {
  /** Kinds the developer adds with addProvider; SANDBOX needs none. */
  providerKinds: string[];
  mailKind: string;
  calendarKind: string;
  /** Drives the provider's consent step and returns the URL the provider redirects to. */
  consent(authorizationUrl: string, email: string): Promise<string>;
  /** True when the connected integrations report the address the user signed in with at consent. */
  reportsAccountEmail: boolean;
  /**
   * The format server's mailbox, which becomes the mailbox of the account that consents, so
   * the server sets that address as sender of sent mail. Null for SANDBOX, whose mailbox
   * belongs to the fixed sandbox owner.
   */
  mailStore: FakeMailStore | null;
  /** Subjects that the first page of `emails` must contain. */
  expectedSubjects: string[];
  /** Minimum number of emails the integration lists in all (`totalCount`). */
  minimumEmails: number;
}

describe('end-to-end story', () => {
  let testApp: TestApp;
  let oauthServer: OAuthTestServer;
  let keyDirectory: string;
  const formatServers: FakeHttpServer[] = [];
  const gmailStore = new FakeMailStore();
  const graphMailStore = new FakeMailStore();
  const googleCalendarStore = googleCalendarFixtures();
  const graphCalendarStore = graphCalendarFixtures();
  const gateways: Record<string, ResourceGateway> = {};

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    oauthServer = await startOAuthServer({ redirectUris: [`${publicUrl}/oauth/callback`], extraScopes: microsoftScopes });

    for (const { file } of seededMessages) {
      gmailStore.add(fs.readFileSync(path.join(corpusDirectory, file)));
      graphMailStore.add(fs.readFileSync(path.join(corpusDirectory, file)));
    }
    const servers: Record<string, FakeHttpServer> = {
      GMAIL: createGmailServer(gmailStore, fakeProviderToken),
      GOOGLE_CALENDAR: createGoogleCalendarServer(googleCalendarStore, fakeProviderToken),
      OUTLOOK_MAIL: createGraphMailServer(graphMailStore, fakeProviderToken),
      OUTLOOK_CALENDAR: createGraphCalendarServer(graphCalendarStore, fakeProviderToken),
    };
    const apiPaths: Record<string, string> = { GMAIL: '/gmail/v1', GOOGLE_CALENDAR: '/calendar/v3', OUTLOOK_MAIL: '/v1.0', OUTLOOK_CALENDAR: '/v1.0' };
    // Every kind of the story authorizes at the local OAuth server, so no request leaves 127.0.0.1.
    const env: Record<string, string> = { WORKAPI_PUBLIC_URL: publicUrl };
    for (const kind of ['GMAIL', 'GOOGLE_CALENDAR', 'OUTLOOK_MAIL', 'OUTLOOK_CALENDAR']) Object.assign(env, oauthServer.providerEnv(kind));
    for (const [kind, server] of Object.entries(servers)) {
      formatServers.push(await server.start());
      gateways[kind] = await new ResourceGateway(oauthServer.userinfoUrl, server).start();
      env[`WORKAPI_PROVIDER_${kind}_API_BASE_URL`] = `${gateways[kind].url}${apiPaths[kind]}`;
    }
    testApp = await startTestApp(env, 'endtoend', { port });
    keyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-e2e-keys-'));
  });

  afterAll(async () => {
    await Promise.all(Object.values(gateways).map((gateway) => gateway.close()));
    await Promise.all(formatServers.map((server) => server.close()));
    await oauthServer?.close();
    await testApp?.close();
    if (keyDirectory) fs.rmSync(keyDirectory, { recursive: true, force: true });
  });

  /** Runs the story for one set of integrations and returns what the checks after it need. */
  async function runStory(story: Story) {
    // Sign up in the console: the session cookie authorizes the console's requests.
    const { client: developerConsole } = await signUpDeveloper(testApp.url);

    // Create an environment; its private key is shown once, so the developer saves it.
    const created = await developerConsole.ok(createEnvironmentMutation, { input: { name: 'development', allowedReturnUrls: [returnUrl] } });
    const environmentId: string = created.createEnvironment.environment.id;
    const keyFile = path.join(keyDirectory, `${environmentId}.pem`);
    fs.writeFileSync(keyFile, created.createEnvironment.privateKey, { mode: 0o600 });

    // Add the OAuth clients registered at the provider, one per kind.
    const clientSecrets: string[] = [];
    for (const kind of story.providerKinds) {
      const added = await developerConsole.ok(addProviderMutation, {
        input: { environmentId, kind, clientId: oauthServer.clientId, clientSecret: oauthServer.clientSecret },
      });
      expect(added.addProvider.provider).toMatchObject({ kind, clientId: oauthServer.clientId, redirectUri: `${testApp.config.publicUrl}/oauth/callback` });
      clientSecrets.push(oauthServer.clientSecret);
    }

    // Every request below goes through the SDK, whose fetch counts them: each is metered.
    let meteredRequests = 0;
    const countingFetch: typeof fetch = (input, init) => {
      meteredRequests += 1;
      return fetch(input, init);
    };

    // The developer's backend signs environment tokens with the saved key.
    const environment = new WorkApiClient({ url: testApp.url, environmentId, privateKey: fs.readFileSync(keyFile, 'utf8'), fetch: countingFetch });
    const externalId = `customer-${environmentId.slice(0, 8)}`;
    const { user, accessToken } = await new UsersApi(environment).createUser(externalId);
    expect(user).toMatchObject({ environmentId, externalId, status: 'ACTIVE' });
    expect(accessToken.token).toMatch(/^wat_/);
    const endUser = new WorkApiUserClient({ url: testApp.url, accessToken: accessToken.token, fetch: countingFetch });

    // Connect each integration: the user consents at the provider, which returns to /oauth/callback.
    const integrationIds: Record<string, string> = {};
    const accountEmail = `${externalId}@example.com`;
    if (story.mailStore) story.mailStore.owner = { name: externalId, address: accountEmail };
    for (const kind of [...new Set([story.mailKind, story.calendarKind])]) {
      const connect = await endUser.request<any>(connectIntegrationMutation, { input: { provider: kind, returnTo: returnUrl } });
      expect(connect.connectIntegration.integration.status).toBe('PENDING');
      const callbackUrl = await story.consent(connect.connectIntegration.authorizationUrl, accountEmail);
      expect(callbackUrl.startsWith(`${testApp.config.publicUrl}/oauth/callback?`)).toBe(true);
      const callback = await fetch(callbackUrl, { redirect: 'manual' });
      expect(callback.status).toBe(302);
      const returned = new URL(callback.headers.get('location') as string);
      expect(`${returned.origin}${returned.pathname}`).toBe(returnUrl);
      expect(returned.searchParams.get('status')).toBe('ACTIVE');
      const integrationId = connect.connectIntegration.integration.id;
      expect(returned.searchParams.get('integrationId')).toBe(integrationId);

      const integration = (await endUser.request<any>(integrationQuery, { id: integrationId })).integration;
      expect(integration).toMatchObject({ kind, status: 'ACTIVE' });
      if (story.reportsAccountEmail) expect(integration.accountEmail).toBe(accountEmail);
      integrationIds[kind] = integrationId;
    }
    const mailIntegrationId = integrationIds[story.mailKind];
    const calendarIntegrationId = integrationIds[story.calendarKind];

    // Mail: mailboxes, the newest emails, then send one and find it in the Sent mailbox.
    const mailboxes: Mailbox[] = (await endUser.request<any>(mailboxesQuery, { integrationId: mailIntegrationId })).mailboxes;
    const inbox = mailboxes.find((mailbox) => mailbox.type === 'INBOX');
    const sent = mailboxes.find((mailbox) => mailbox.type === 'SENT');
    expect(inbox).toBeDefined();
    expect(sent).toBeDefined();

    const firstPage = (await endUser.request<any>(emailsQuery, { integrationId: mailIntegrationId, first: 10 })).emails;
    const subjects = firstPage.edges.map((edge: { node: EmailNode }) => edge.node.subject);
    expect(subjects).toEqual(expect.arrayContaining(story.expectedSubjects));
    expect(firstPage.edges).toHaveLength(Math.min(10, story.minimumEmails));
    expect(firstPage.totalCount).toBeGreaterThanOrEqual(story.minimumEmails);
    const newest: EmailNode = firstPage.edges[0].node;
    const opened = (await endUser.request<any>(emailQuery, { id: newest.id })).email;
    expect(opened).toMatchObject({ id: newest.id, subject: newest.subject });

    const subject = `Quarterly report ${externalId}`;
    const sentEmail = (
      await endUser.request<any>(sendEmailMutation, {
        input: {
          integrationId: mailIntegrationId,
          to: [{ name: 'Grace Hopper', address: 'grace.hopper@example.com' }],
          subject,
          text: 'The numbers are attached to the wiki page.',
        },
      })
    ).sendEmail.email;
    expect(sentEmail.subject).toBe(subject);
    expect(sentEmail.to).toEqual([{ name: 'Grace Hopper', address: 'grace.hopper@example.com' }]);
    // The provider sets the sending account as sender, as Gmail and Microsoft Graph do.
    const senderAddress = story.mailStore ? accountEmail : sandboxOwner.address;
    expect(sentEmail.from.map((sender: { address: string | null }) => sender.address)).toEqual([senderAddress]);

    const sentPage = (await endUser.request<any>(emailsQuery, { integrationId: mailIntegrationId, first: 10, filter: { mailboxIds: [sent!.id] } })).emails;
    const sentListed = sentPage.edges.map((edge: { node: EmailNode }) => edge.node).find((node: EmailNode) => node.subject === subject);
    expect(sentListed).toBeDefined();
    expect(sentListed.mailboxIds).toContain(sent!.id);
    expect(sentListed.draft).toBe(false);
    const sentOpened = (await endUser.request<any>(emailQuery, { id: sentListed.id })).email;
    expect(sentOpened.text).toContain('The numbers are attached to the wiki page.');
    expect(sentOpened.from).toEqual([{ address: senderAddress }]);

    // Calendar: the primary calendar, a new event in it, and the event read back by id.
    const calendars = (await endUser.request<any>(calendarsQuery, { integrationId: calendarIntegrationId })).calendars;
    const primary = calendars.find((calendar: { primary: boolean }) => calendar.primary);
    expect(primary).toBeDefined();
    const eventTitle = `Planning with ${externalId}`;
    const createdEvent = (
      await endUser.request<any>(createEventMutation, {
        input: {
          integrationId: calendarIntegrationId,
          title: eventTitle,
          location: 'Room Lovelace',
          start: { dateTime: '2027-01-12T10:00:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2027-01-12T11:00:00', timeZone: 'Europe/Berlin' },
          attendees: [{ email: 'grace.hopper@example.com', name: 'Grace Hopper' }],
        },
      })
    ).createEvent.event;
    expect(createdEvent.calendarId).toBe(primary.id);
    expect(createdEvent.start).toEqual({ dateTime: '2027-01-12T10:00:00+01:00', date: null, timeZone: 'Europe/Berlin' });
    const readEvent = (await endUser.request<any>(eventQuery, { id: createdEvent.id })).event;
    expect(readEvent).toMatchObject({
      id: createdEvent.id,
      title: eventTitle,
      location: 'Room Lovelace',
      start: { dateTime: '2027-01-12T10:00:00+01:00' },
      end: { dateTime: '2027-01-12T11:00:00+01:00' },
    });
    expect(readEvent.attendees.map((attendee: { email: string }) => attendee.email)).toContain('grace.hopper@example.com');

    // Usage: an environment token signed with the SDK reads the month, which counts every request so far.
    const countedBefore = meteredRequests;
    const token = await signEnvironmentToken({ environmentId, privateKey: fs.readFileSync(keyFile, 'utf8'), ttlSeconds: 60 });
    const usageResponse = await new TestClient(testApp.url).withBearer(token).request<{ usage: UsageReport }>(usageQuery, { months: 1 });
    meteredRequests += 1;
    expect(usageResponse.body.errors).toBeUndefined();
    const usage = usageResponse.body.data!.usage;
    const month = new Date().toISOString().slice(0, 7);
    const today = new Date().toISOString().slice(0, 10);
    expect(usage).toMatchObject({ scope: 'ENVIRONMENT', environmentId });
    expect(usage.months[0]).toMatchObject({ month, requests: countedBefore, accountRequests: countedBefore });
    expect(usage.months[0].days.find((day) => day.date === today)?.requests).toBe(countedBefore);

    // The console session reads the same counter, now with the usage request itself.
    const consoleUsage = (await developerConsole.ok<{ usage: UsageReport }>(usageQuery, { environmentId, months: 1 })).usage;
    expect(consoleUsage.months[0].requests).toBe(meteredRequests);
    expect(consoleUsage.months[0].freeRequestsLeft).toBe(testApp.config.metering.freeRequestsPerMonth - meteredRequests);

    // Secrets stay out of the database and the logs.
    const privateKey = fs.readFileSync(keyFile, 'utf8');
    const privateKeyBody = privateKey.split('\n')[1];
    const dump = await dumpDatabase(testApp.app.dataSource);
    const logs = testApp.logs();
    for (const secret of [privateKeyBody, accessToken.token, ...clientSecrets]) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    return { mailIntegrationId, calendarIntegrationId, subject, eventTitle };
  }

  it('Google-format integrations', async () => {
    await oauthServer.resetStats();
    const { subject, eventTitle } = await runStory({
      providerKinds: ['GMAIL', 'GOOGLE_CALENDAR'],
      mailKind: 'GMAIL',
      calendarKind: 'GOOGLE_CALENDAR',
      consent: (authorizationUrl, email) => oauthServer.driveConsent(authorizationUrl, { email }),
      reportsAccountEmail: true,
      mailStore: gmailStore,
      expectedSubjects: seededMessages.map((message) => message.subject),
      minimumEmails: seededMessages.length,
    });

    // The writes reached the Gmail-format and Google-Calendar-format servers.
    const sentMessage = gmailStore.messages.find((message) => message.raw.toString('utf8').includes(`Subject: ${subject}`));
    expect(sentMessage?.labelIds).toEqual(['SENT']);
    const primaryEvents = googleCalendarStore.events.get(googleCalendarStore.calendar('primary')!.id) ?? [];
    expect(primaryEvents.find((event) => event.summary === eventTitle)?.start).toMatchObject({ timeZone: 'Europe/Berlin' });

    // Both integrations authorized at the OAuth server, and its tokens were the ones the format servers accepted.
    expect((await oauthServer.stats()).tokenRequests.authorization_code).toBe(2);
    for (const kind of ['GMAIL', 'GOOGLE_CALENDAR']) {
      expect(gateways[kind].acceptedTokenCount).toBe(1);
      expect(gateways[kind].rejectedRequests).toBe(0);
    }
  });

  it('Microsoft-format integrations', async () => {
    await oauthServer.resetStats();
    const { subject, eventTitle } = await runStory({
      providerKinds: ['OUTLOOK_MAIL', 'OUTLOOK_CALENDAR'],
      mailKind: 'OUTLOOK_MAIL',
      calendarKind: 'OUTLOOK_CALENDAR',
      consent: (authorizationUrl, email) => oauthServer.driveConsent(authorizationUrl, { email }),
      reportsAccountEmail: true,
      mailStore: graphMailStore,
      expectedSubjects: seededMessages.map((message) => message.subject),
      minimumEmails: seededMessages.length,
    });

    // The writes reached the Graph-mail-format and Graph-calendar-format servers.
    const sentMessage = graphMailStore.messages.find((message) => message.raw.toString('utf8').includes(`Subject: ${subject}`));
    expect(sentMessage?.folderId).toBe('sentitems');
    const createdEvent = graphCalendarStore.events.find(({ event }) => event.subject === eventTitle);
    expect(createdEvent?.calendarId).toBe(graphCalendarStore.calendars.find((calendar) => calendar.isDefaultCalendar)!.id);

    expect((await oauthServer.stats()).tokenRequests.authorization_code).toBe(2);
    for (const kind of ['OUTLOOK_MAIL', 'OUTLOOK_CALENDAR']) {
      expect(gateways[kind].acceptedTokenCount).toBe(1);
      expect(gateways[kind].rejectedRequests).toBe(0);
    }
  });

  it('SANDBOX integration', async () => {
    const { mailIntegrationId, calendarIntegrationId, subject, eventTitle } = await runStory({
      providerKinds: [],
      mailKind: 'SANDBOX',
      calendarKind: 'SANDBOX',
      consent: (authorizationUrl) => allowSandboxConsent(authorizationUrl),
      reportsAccountEmail: false,
      mailStore: null,
      expectedSubjects: [],
      // The sandbox seeds a few hundred emails per user.
      minimumEmails: 200,
    });

    // One SANDBOX integration serves both mail and calendar, and its writes are stored in the database.
    expect(calendarIntegrationId).toBe(mailIntegrationId);
    const sentRows = await testApp.app.dataSource.getRepository(SandboxMessage).findBy({ integrationId: mailIntegrationId, mailboxId: 'SENT' });
    const sentRow = sentRows.find((row) => row.raw.toString('utf8').includes(`Subject: ${subject}`));
    expect(sentRow).toBeDefined();
    expect(sentRow?.fromText).toContain(sandboxOwner.address);
    const eventRow = await testApp.app.dataSource.getRepository(SandboxEvent).findOneBy({ integrationId: calendarIntegrationId, title: eventTitle });
    expect(eventRow?.location).toBe('Room Lovelace');
  });
});
