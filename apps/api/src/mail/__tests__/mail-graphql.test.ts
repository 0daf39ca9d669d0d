import net from 'node:net';
import { ResourceGateway } from '../../../test/e2e/resource-gateway';
import { createGmailServer } from '../../../test/fake-providers/gmail-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { FakeMailStore } from '../../../test/fake-providers/mail-store';
import { errorCode, type TestClient } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import {
  connectIntegrationMutation,
  createIntegrationUser,
  requestCallback,
  setUpIntegrationEnvironment,
  type IntegrationTestSetup,
} from '../../../test/integration-factory';
import { startOAuthServer, type OAuthTestServer } from '../../../test/oauth-server';
import { buildSyntheticMessages, sandboxOwner } from '../../sandbox/sandbox-mail-seed';

const emailFields = `id threadId subject text html from { name address } to { name address } cc { address } flags { seen flagged }
  labels mailboxIds receivedAt sentAt draft parseWarnings attachments { id fileName mimeType size inline contentId }`;
const mailboxesQuery = `query Mailboxes($integrationId: ID!) { mailboxes(integrationId: $integrationId) { id name type totalCount unreadCount } }`;
const emailsQuery = `query Emails($integrationId: ID!, $first: Int, $after: String, $filter: EmailFilter) {
  emails(integrationId: $integrationId, first: $first, after: $after, filter: $filter) {
    edges { cursor node { ${emailFields} } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
    totalCount
  }
}`;
const emailQuery = `query Email($id: ID!) { email(id: $id) { ${emailFields} } }`;
const attachmentContentQuery = `query EmailContent($id: ID!) { email(id: $id) { attachments { id fileName content } } }`;
const attachmentQuery = `query Attachment($id: ID!) { attachment(id: $id) { metadata { id fileName size } content } }`;
const sendEmailMutation = `mutation SendEmail($input: SendEmailInput!) { sendEmail(input: $input) { email { ${emailFields} } } }`;
const createDraftMutation = `mutation CreateDraft($input: CreateDraftInput!) { createDraft(input: $input) { draft { id email { ${emailFields} } } } }`;
const updateDraftMutation = `mutation UpdateDraft($input: UpdateDraftInput!) { updateDraft(input: $input) { draft { id email { ${emailFields} } } } }`;
const sendDraftMutation = `mutation SendDraft($input: SendDraftInput!) { sendDraft(input: $input) { email { ${emailFields} } } }`;
const trashEmailsMutation = `mutation TrashEmails($input: TrashEmailsInput!) { trashEmails(input: $input) { trashedIds } }`;
const updateFlagsMutation = `mutation UpdateEmailFlags($input: UpdateEmailFlagsInput!) { updateEmailFlags(input: $input) { updatedIds } }`;

type Email = {
  id: string;
  threadId: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  from: { name: string | null; address: string | null }[];
  to: { name: string | null; address: string | null }[];
  flags: { seen: boolean; flagged: boolean };
  mailboxIds: string[];
  draft: boolean;
  attachments: { id: string; fileName: string | null; mimeType: string; size: number; inline: boolean; contentId: string | null }[];
};
type Mailbox = { id: string; name: string; type: string; totalCount: number | null; unreadCount: number | null };
type Connection = { edges: { cursor: string; node: Email }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; totalCount: number | null };

const fakeProviderToken = 'gmail-format-token';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Submits the sandbox consent form with Allow and returns the callback URL it redirects to. */
async function allowSandbox(authorizationUrl: string): Promise<string> {
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', 'allow');
  const response = await fetch(`${url.origin}/sandbox/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  return response.headers.get('location') as string;
}

describe('mail GraphQL API', () => {
  let testApp: TestApp;
  let oauthServer: OAuthTestServer;
  let gmail: FakeHttpServer;
  let gateway: ResourceGateway;
  let setup: IntegrationTestSetup;
  let user: TestClient;
  let sandboxId: string;
  let gmailId: string;

  async function connect(client: TestClient, kind: string): Promise<string> {
    const data = await client.ok(connectIntegrationMutation, { input: { provider: kind } });
    const authorizationUrl: string = data.connectIntegration.authorizationUrl;
    const callbackUrl = kind === 'SANDBOX' ? await allowSandbox(authorizationUrl) : await oauthServer.driveConsent(authorizationUrl);
    const callback = await requestCallback(testApp, callbackUrl);
    expect(callback.status).toBe(200);
    return data.connectIntegration.integration.id;
  }

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    oauthServer = await startOAuthServer({ redirectUris: [`${publicUrl}/oauth/callback`] });
    const store = new FakeMailStore();
    for (const message of await buildSyntheticMessages(150)) {
      store.add(message.raw, { labelIds: message.seen ? ['INBOX'] : ['INBOX', 'UNREAD'], internalDate: message.receivedAt.getTime() });
    }
    gmail = await createGmailServer(store, fakeProviderToken).start();
    gateway = await new ResourceGateway(oauthServer.userinfoUrl, gmail).start();
    testApp = await startTestApp(
      {
        WORKAPI_PUBLIC_URL: publicUrl,
        ...oauthServer.providerEnv('GMAIL'),
        WORKAPI_PROVIDER_GMAIL_API_BASE_URL: `${gateway.url}/gmail/v1`,
        // The timing test sends seven 101-point queries in a row, more than the default bucket holds.
        WORKAPI_THROTTLE_CAPACITY: '100000',
      },
      'mailgraphql',
      { port },
    );
    setup = await setUpIntegrationEnvironment(testApp, oauthServer, 'GMAIL');
    user = (await createIntegrationUser(setup)).client;
    sandboxId = await connect(user, 'SANDBOX');
    gmailId = await connect(user, 'GMAIL');
  });

  afterAll(async () => {
    await gateway?.close();
    await gmail?.close();
    await oauthServer?.close();
    await testApp?.close();
  });

  const mailboxesOf = async (integrationId: string) => (await user.ok<{ mailboxes: Mailbox[] }>(mailboxesQuery, { integrationId })).mailboxes;
  const emailsOf = async (variables: Record<string, unknown>) => (await user.ok<{ emails: Connection }>(emailsQuery, variables)).emails;

  it('sandbox mailboxes have roles and counts', async () => {
    const mailboxes = await mailboxesOf(sandboxId);
    expect(mailboxes.map((mailbox) => mailbox.type)).toEqual(expect.arrayContaining(['INBOX', 'SENT', 'DRAFTS', 'ARCHIVE', 'TRASH']));
    const total = mailboxes.reduce((sum, mailbox) => sum + (mailbox.totalCount ?? 0), 0);
    expect(total).toBeGreaterThanOrEqual(370);
    expect(mailboxes.find((mailbox) => mailbox.name === 'Real-world corpus')?.totalCount).toBe(70);
  });

  it('emails pages with cursors', async () => {
    const first = await emailsOf({ integrationId: sandboxId, first: 10 });
    expect(first.edges).toHaveLength(10);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await emailsOf({ integrationId: sandboxId, first: 10, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const firstIds = new Set(first.edges.map((edge) => edge.node.id));
    expect(second.edges.some((edge) => firstIds.has(edge.node.id))).toBe(false);
    const fromMiddle = await emailsOf({ integrationId: sandboxId, first: 3, after: first.edges[4].cursor });
    expect(fromMiddle.edges.map((edge) => edge.node.id)).toEqual(first.edges.slice(5, 8).map((edge) => edge.node.id));
  });

  it('emails rejects a page size over 100', async () => {
    const response = await user.request(emailsQuery, { integrationId: sandboxId, first: 101 });
    expect(errorCode(response)).toBe('INVALID_SLICING_ARGUMENT');
  });

  it('emails filters by mailbox, sender and read state', async () => {
    const corpus = (await mailboxesOf(sandboxId)).find((mailbox) => mailbox.name === 'Real-world corpus') as Mailbox;
    const inCorpus = await emailsOf({ integrationId: sandboxId, first: 5, filter: { mailboxIds: [corpus.id] } });
    expect(inCorpus.totalCount).toBe(70);
    expect(inCorpus.edges.every((edge) => edge.node.mailboxIds.includes(corpus.id))).toBe(true);

    const fromGrace = await emailsOf({ integrationId: sandboxId, first: 20, filter: { from: 'grace@cobol.example' } });
    expect(fromGrace.edges.length).toBeGreaterThan(0);
    expect(fromGrace.edges.every((edge) => edge.node.from[0].address === 'grace@cobol.example')).toBe(true);

    const unread = await emailsOf({ integrationId: sandboxId, first: 20, filter: { unread: true } });
    expect(unread.edges.every((edge) => !edge.node.flags.seen)).toBe(true);
  });

  it('filter text treats LIKE wildcards literally', async () => {
    const percent = await emailsOf({ integrationId: sandboxId, first: 5, filter: { search: '100%_!' } });
    expect(percent.totalCount).toBe(0);
    const underscore = await emailsOf({ integrationId: sandboxId, first: 5, filter: { from: 'grace_cobol' } });
    expect(underscore.totalCount).toBe(0);
  });

  it('email returns attachment content on request', async () => {
    const invoices = await emailsOf({ integrationId: sandboxId, first: 5, filter: { search: 'invoice' } });
    const withAttachment = invoices.edges.find((edge) => edge.node.attachments.length > 0)?.node as Email;
    expect(withAttachment.attachments[0]).toMatchObject({ mimeType: 'text/csv', inline: false });
    const content = await user.ok(attachmentContentQuery, { id: withAttachment.id });
    expect(Buffer.from(content.email.attachments[0].content, 'base64').toString()).toContain('item,amount');
    const single = await user.ok(attachmentQuery, { id: withAttachment.attachments[0].id });
    expect(single.attachment.metadata.fileName).toBe(withAttachment.attachments[0].fileName);
  });

  it('sendEmail replies in the thread with an attachment', async () => {
    const [original] = (await emailsOf({ integrationId: sandboxId, first: 1 })).edges.map((edge) => edge.node);
    const data = await user.ok(sendEmailMutation, {
      input: {
        integrationId: sandboxId,
        to: [{ name: 'Ada Lovelace', address: 'ada@analytical.example' }],
        subject: `Re: ${original.subject}`,
        text: 'Thanks, noted.',
        html: '<p>Thanks, <b>noted</b>.</p>',
        attachments: [{ fileName: 'notes.txt', mimeType: 'text/plain', contentBase64: Buffer.from('meeting notes').toString('base64') }],
        inReplyTo: original.id,
      },
    });
    const sent: Email = data.sendEmail.email;
    expect(sent.threadId).toBe(original.threadId);
    expect(sent.from).toEqual([sandboxOwner]);
    expect(sent.text).toContain('Thanks, noted.');
    expect(sent.html).toContain('<b>noted</b>');
    expect(sent.attachments.map((attachment) => attachment.fileName)).toEqual(['notes.txt']);
    const sentMailbox = (await mailboxesOf(sandboxId)).find((mailbox) => mailbox.type === 'SENT') as Mailbox;
    expect(sent.mailboxIds).toEqual([sentMailbox.id]);
  });

  it('drafts are created, replaced and sent', async () => {
    const created = await user.ok(createDraftMutation, { input: { integrationId: sandboxId, to: [{ address: 'grace@cobol.example' }], subject: 'Draft one', text: 'first' } });
    expect(created.createDraft.draft.email.draft).toBe(true);
    const updated = await user.ok(updateDraftMutation, { input: { draftId: created.createDraft.draft.id, to: [{ address: 'alan@bletchley.example' }], subject: 'Draft two', text: 'second' } });
    expect(updated.updateDraft.draft.email).toMatchObject({ subject: 'Draft two', text: expect.stringContaining('second'), to: [{ address: 'alan@bletchley.example' }] });
    const sent = await user.ok(sendDraftMutation, { input: { draftId: updated.updateDraft.draft.id } });
    expect(sent.sendDraft.email).toMatchObject({ subject: 'Draft two', draft: false });
  });

  it('trashEmails moves emails to the trash', async () => {
    const [email] = (await emailsOf({ integrationId: sandboxId, first: 1 })).edges.map((edge) => edge.node);
    const data = await user.ok(trashEmailsMutation, { input: { ids: [email.id] } });
    expect(data.trashEmails.trashedIds).toEqual([email.id]);
    const trash = (await mailboxesOf(sandboxId)).find((mailbox) => mailbox.type === 'TRASH') as Mailbox;
    expect((await user.ok(emailQuery, { id: email.id })).email.mailboxIds).toEqual([trash.id]);
    const listed = await emailsOf({ integrationId: sandboxId, first: 5 });
    expect(listed.edges.some((edge) => edge.node.id === email.id)).toBe(false);
  });

  it('updateEmailFlags marks unread and flagged', async () => {
    const [email] = (await emailsOf({ integrationId: sandboxId, first: 1, filter: { unread: false } })).edges.map((edge) => edge.node);
    await user.ok(updateFlagsMutation, { input: { ids: [email.id], seen: false, flagged: true } });
    const after = (await user.ok(emailQuery, { id: email.id })).email as Email;
    expect(after.flags).toEqual({ seen: false, flagged: true });
  });

  it('email of another user is NOT_FOUND', async () => {
    const [email] = (await emailsOf({ integrationId: sandboxId, first: 1 })).edges.map((edge) => edge.node);
    const other = (await createIntegrationUser(setup)).client;
    const response = await other.request(emailQuery, { id: email.id });
    expect(errorCode(response)).toBe('NOT_FOUND');
    expect(response.status).toBe(404);
  });

  it('email rejects a malformed id', async () => {
    const response = await user.request(emailQuery, { id: 'not-an-id' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('id');
  });

  it('filter rejects a mailbox of another integration', async () => {
    const [gmailInbox] = await mailboxesOf(gmailId);
    const response = await user.request(emailsQuery, { integrationId: sandboxId, filter: { mailboxIds: [gmailInbox.id] } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('filter rejects overlong text', async () => {
    for (const filter of [{ search: 'a '.repeat(2000) }, { search: 'x'.repeat(51_000) }, { from: 'x'.repeat(51_000) }, { to: 'x'.repeat(201) }]) {
      const response = await user.request(emailsQuery, { integrationId: sandboxId, filter });
      expect({ filter: Object.keys(filter), code: errorCode(response) }).toEqual({ filter: Object.keys(filter), code: 'BAD_USER_INPUT' });
      expect(response.body.errors?.[0].extensions?.field).toBe(`filter.${Object.keys(filter)[0]}`);
    }
    const longest = await emailsOf({ integrationId: sandboxId, filter: { search: 'x'.repeat(200) } });
    expect(longest.totalCount).toBe(0);
  });

  it('mail requires a user access token', async () => {
    const response = await setup.developer.request(mailboxesQuery, { integrationId: sandboxId });
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('gmail lists 100 emails in three provider requests', async () => {
    gmail.resetCounts();
    const page = await emailsOf({ integrationId: gmailId, first: 100 });
    expect(page.edges).toHaveLength(100);
    expect(gmail.requests).toHaveLength(3);
  });

  it('gmail 429 becomes PROVIDER_RATE_LIMITED with Retry-After', async () => {
    gmail.failNext({ status: 429, headers: { 'retry-after': '21' } });
    const response = await user.request(mailboxesQuery, { integrationId: gmailId });
    expect(errorCode(response)).toBe('PROVIDER_RATE_LIMITED');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('21');
    expect(response.body.errors?.[0].extensions?.retryAfterSeconds).toBe(21);
  });

  it('gmail 5xx becomes PROVIDER_UNAVAILABLE', async () => {
    gmail.failNext({ status: 500 });
    const response = await user.request(mailboxesQuery, { integrationId: gmailId });
    expect(errorCode(response)).toBe('PROVIDER_UNAVAILABLE');
    expect(response.status).toBe(503);
  });

  it('gmail 401 refreshes the token once and retries', async () => {
    await oauthServer.resetStats();
    gmail.failNext({ status: 401 });
    const mailboxes = await mailboxesOf(gmailId);
    expect(mailboxes.length).toBeGreaterThan(0);
    expect((await oauthServer.stats()).tokenRequests.refresh_token).toBe(1);
  });

  it('sandbox seeds every user alike', async () => {
    const other = (await createIntegrationUser(setup)).client;
    const otherSandbox = await connect(other, 'SANDBOX');
    const mine = await emailsOf({ integrationId: sandboxId, first: 20, filter: { receivedBefore: '2026-11-20T00:00:00Z' } });
    const theirs = (await other.ok<{ emails: Connection }>(emailsQuery, { integrationId: otherSandbox, first: 20, filter: { receivedBefore: '2026-11-20T00:00:00Z' } })).emails;
    expect(theirs.edges.map((edge) => edge.node.subject)).toEqual(mine.edges.map((edge) => edge.node.subject));
    expect(theirs.totalCount).toBe(mine.totalCount);
  });

  describe('message headers', () => {
    const validMessage = { to: [{ name: 'Ada Lovelace', address: 'ada@analytical.example' }], subject: 'Checked', text: 'Body' };
    const many = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => ({ address: `${prefix}${index}@example.com` }));
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['empty address', { to: [{ address: '' }] }, 'input.to[0].address', /must not be empty/],
      ['not an address', { to: [validMessage.to[0], { address: 'not an email' }] }, 'input.to[1].address', /single address/],
      ['CR LF in address', { cc: [{ address: 'a@b.c\r\nBcc: victim@example.com' }] }, 'input.cc[0].address', /control characters such as CR or LF/],
      ['two addresses in one', { bcc: [{ address: 'a@b.c,victim@example.com' }] }, 'input.bcc[0].address', /single address/],
      ['overlong address', { to: [{ address: `${'x'.repeat(64)}@${'d'.repeat(190)}.example` }] }, 'input.to[0].address', /at most 254 bytes/],
      ['CR LF in name', { to: [{ name: 'Ada\r\nBcc: victim@example.com', address: 'ada@analytical.example' }] }, 'input.to[0].name', /control characters/],
      ['invalid Reply-To', { replyTo: [{ address: 'reply to me' }] }, 'input.replyTo[0].address', /single address/],
      ['CR LF in subject', { subject: 'Hello\r\nBcc: victim@example.com' }, 'input.subject', /control characters such as CR or LF/],
      ['overlong subject', { subject: 's'.repeat(999) }, 'input.subject', /at most 998 characters/],
      ['too many recipients', { to: many('to', 300), cc: many('cc', 201) }, 'input.to', /at most 500 addresses/],
    ];

    it.each(cases)('sendEmail rejects %s on every provider', async (_case, override, field, message) => {
      for (const integrationId of [sandboxId, gmailId]) {
        gmail.resetCounts();
        const response = await user.request(sendEmailMutation, { input: { integrationId, ...validMessage, ...override } });
        expect({ integrationId, code: errorCode(response) }).toEqual({ integrationId, code: 'BAD_USER_INPUT' });
        expect(response.body.errors?.[0].extensions?.field).toBe(field);
        expect(response.body.errors?.[0].message).toMatch(message);
        expect(response.body.errors?.[0].message).toContain(field);
        expect(gmail.requests).toHaveLength(0);
      }
    });

    it.each(cases)('drafts reject %s', async (_case, override, field, message) => {
      const draft = await user.ok(createDraftMutation, { input: { integrationId: sandboxId, ...validMessage } });
      const created = await user.request(createDraftMutation, { input: { integrationId: sandboxId, ...validMessage, ...override } });
      const updated = await user.request(updateDraftMutation, { input: { draftId: draft.createDraft.draft.id, ...validMessage, ...override } });
      for (const response of [created, updated]) {
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.body.errors?.[0].extensions?.field).toBe(field);
        expect(response.body.errors?.[0].message).toMatch(message);
      }
    });

    it('sendEmail needs a recipient', async () => {
      for (const integrationId of [sandboxId, gmailId]) {
        const response = await user.request(sendEmailMutation, { input: { integrationId, to: [], subject: 'Nobody', text: 'Body' } });
        expect({ integrationId, code: errorCode(response) }).toEqual({ integrationId, code: 'BAD_USER_INPUT' });
        expect(response.body.errors?.[0].extensions?.field).toBe('input.to');
        expect(response.body.errors?.[0].message).toContain('at least one recipient');
      }
    });

    it('sendEmail accepts a bcc-only message', async () => {
      const data = await user.ok(sendEmailMutation, { input: { integrationId: sandboxId, bcc: [{ address: 'grace@cobol.example' }], subject: 'Bcc only', text: 'Body' } });
      expect(data.sendEmail.email.subject).toBe('Bcc only');
    });

    it('drafts may have no recipient', async () => {
      const data = await user.ok(createDraftMutation, { input: { integrationId: sandboxId, subject: 'Unaddressed', text: 'Body' } });
      expect(data.createDraft.draft.email).toMatchObject({ subject: 'Unaddressed', to: [], draft: true });
    });

    it('sendEmail accepts the recipient and subject limits', async () => {
      const subject = 's'.repeat(998);
      const data = await user.ok(sendEmailMutation, { input: { integrationId: sandboxId, to: many('reader', 500), subject, text: 'Body' } });
      expect(data.sendEmail.email.to).toHaveLength(500);
      expect(data.sendEmail.email.subject).toBe(subject);
    });
  });

  it('listing 100 emails adds little over the provider time', async () => {
    const samples: { total: number; provider: number }[] = [];
    for (let run = 0; run < 7; run++) {
      gmail.resetCounts();
      const started = performance.now();
      await emailsOf({ integrationId: gmailId, first: 100 });
      samples.push({ total: performance.now() - started, provider: gmail.handlerMs });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const total = median(samples.map((sample) => sample.total));
    const provider = median(samples.map((sample) => sample.provider));
    process.stdout.write(`emails(first: 100) over Gmail format: median ${total.toFixed(1)} ms total, ${provider.toFixed(1)} ms in the provider server\n`);
    expect(total).toBeGreaterThan(provider);
  });

  // Runs last: it leaves the Gmail integration needing reauthorization.
  it('gmail 401 after a refresh needs reauthorization', async () => {
    gmail.failNext({ status: 401 });
    gmail.failNext({ status: 401 });
    const response = await user.request(mailboxesQuery, { integrationId: gmailId });
    expect(errorCode(response)).toBe('NEEDS_REAUTHORIZATION');
  });
});
