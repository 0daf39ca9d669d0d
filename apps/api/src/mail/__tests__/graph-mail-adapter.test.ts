import type { AppError } from '../../graphql/errors';
import { ProviderUnauthorizedError } from '../../integrations/integration-access';
import { createGraphMailServer } from '../../../test/fake-providers/graph-mail-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { FakeMailStore } from '../../../test/fake-providers/mail-store';
import { buildSyntheticMessages } from '../../sandbox/sandbox-mail-seed';
import { GraphMailAdapter } from '../graph-mail-adapter';
import { composeMime } from '../mime';

describe('GraphMailAdapter', () => {
  let server: FakeHttpServer;
  let adapter: GraphMailAdapter;

  beforeAll(async () => {
    const store = new FakeMailStore();
    for (const message of await buildSyntheticMessages(150)) {
      store.add(message.raw, { labelIds: message.seen ? [] : ['UNREAD'], folderId: 'inbox', internalDate: message.receivedAt.getTime() });
    }
    server = await createGraphMailServer(store, 'graph-token').start();
    adapter = new GraphMailAdapter({ accessToken: 'graph-token', apiBaseUrl: `${server.url}/v1.0`, timeoutMs: 5000 });
  });

  afterAll(() => server.close());

  const errorOf = (promise: Promise<unknown>) => promise.catch((caught: unknown) => caught) as Promise<AppError>;

  it('lists 100 emails in one request', async () => {
    server.resetCounts();
    const page = await adapter.listEmails({}, 100, null);
    expect(page.emails).toHaveLength(100);
    expect(page.totalCount).toBe(150);
    expect(server.requests).toHaveLength(1);
  });

  it('follows the next link', async () => {
    const first = await adapter.listEmails({}, 100, null);
    const second = await adapter.listEmails({}, 100, first.nextPageToken);
    expect(second.emails).toHaveLength(50);
    expect(second.nextPageToken).toBeNull();
  });

  it('rejects a next link to another host', async () => {
    const error = await errorOf(adapter.listEmails({}, 10, 'http://169.254.169.254/latest/meta-data'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(server.requests.some((request) => request.path.includes('meta-data'))).toBe(false);
  });

  it('maps well-known folders to roles', async () => {
    const mailboxes = await adapter.listMailboxes();
    expect(mailboxes.find((mailbox) => mailbox.name === 'Inbox')?.role).toBe('INBOX');
    expect(mailboxes.find((mailbox) => mailbox.name === 'Deleted Items')?.role).toBe('TRASH');
  });

  it('filters unread emails with $filter', async () => {
    const page = await adapter.listEmails({ unread: true }, 100, null);
    expect(page.emails.length).toBeGreaterThan(0);
    expect(page.emails.every((email) => !email.seen)).toBe(true);
  });

  it('searches by sender with $search', async () => {
    const page = await adapter.listEmails({ from: 'grace@cobol.example' }, 100, null);
    expect(page.emails.length).toBeGreaterThan(0);
    expect(page.emails.every((email) => email.from[0]?.address === 'grace@cobol.example')).toBe(true);
  });

  it('rejects search combined with a date filter', async () => {
    const error = await errorOf(adapter.listEmails({ search: 'invoice', unread: true }, 10, null));
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('marks emails read through one $batch call', async () => {
    const page = await adapter.listEmails({ unread: true }, 3, null);
    const ids = page.emails.map((email) => email.providerId);
    server.resetCounts();
    await adapter.setSeen(ids, true);
    expect(server.requests).toEqual([{ method: 'POST', path: '/v1.0/$batch' }]);
    expect((await adapter.getEmail(ids[0])).seen).toBe(true);
  });

  it('sends a message keeping its id', async () => {
    const raw = await composeMime({
      to: [{ name: 'Ada', address: 'ada@analytical.example' }],
      cc: [],
      bcc: [],
      replyTo: [],
      subject: 'Sent through Graph',
      text: 'Hello from the test.',
      html: null,
      attachments: [{ fileName: 'notes.txt', mimeType: 'text/plain', content: Buffer.from('notes') }],
    });
    const id = await adapter.send({ raw, threadId: null });
    const sent = await adapter.getEmail(id);
    expect(sent.subject).toBe('Sent through Graph');
    expect(sent.draft).toBe(false);
    expect(sent.attachments.map((attachment) => attachment.fileName)).toEqual(['notes.txt']);
    const content = await adapter.getAttachmentContent(id, sent.attachments[0].key);
    expect(content.toString()).toBe('notes');
  });

  it('moves trashed emails to Deleted Items', async () => {
    const [email] = (await adapter.listEmails({}, 1, null)).emails;
    await adapter.trash([email.providerId]);
    const mailboxes = await adapter.listMailboxes();
    const deleted = mailboxes.find((mailbox) => mailbox.role === 'TRASH');
    expect((await adapter.getEmail(email.providerId)).mailboxIds).toEqual([deleted?.providerId]);
  });

  it('maps 429 to PROVIDER_RATE_LIMITED', async () => {
    server.failNext({ status: 429, headers: { 'retry-after': '7' } });
    const error = await errorOf(adapter.listMailboxes());
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBe(7);
  });

  it('maps 503 to PROVIDER_UNAVAILABLE', async () => {
    server.failNext({ status: 503 });
    const error = await errorOf(adapter.getEmail('anything'));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('maps a rejected token to ProviderUnauthorizedError', async () => {
    const stale = new GraphMailAdapter({ accessToken: 'stale', apiBaseUrl: `${server.url}/v1.0`, timeoutMs: 5000 });
    await expect(stale.listMailboxes()).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });
});
