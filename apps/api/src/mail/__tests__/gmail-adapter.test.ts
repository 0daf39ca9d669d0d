import { AppError } from '../../graphql/errors';
import { ProviderUnauthorizedError } from '../../integrations/integration-access';
import { createGmailServer } from '../../../test/fake-providers/gmail-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { FakeMailStore } from '../../../test/fake-providers/mail-store';
import { buildSyntheticMessages } from '../../sandbox/sandbox-mail-seed';
import { GmailMailAdapter } from '../gmail-adapter';

describe('GmailMailAdapter', () => {
  let server: FakeHttpServer;
  let adapter: GmailMailAdapter;

  beforeAll(async () => {
    const store = new FakeMailStore();
    for (const message of await buildSyntheticMessages(150)) {
      store.add(message.raw, { labelIds: message.seen ? ['INBOX'] : ['INBOX', 'UNREAD'], internalDate: message.receivedAt.getTime() });
    }
    server = await createGmailServer(store, 'gmail-token').start();
    adapter = new GmailMailAdapter({ accessToken: 'gmail-token', apiBaseUrl: server.url, timeoutMs: 5000 });
  });

  afterAll(() => server.close());

  it('lists 100 emails in three requests', async () => {
    server.resetCounts();
    const page = await adapter.listEmails({}, 100, null);
    expect(page.emails).toHaveLength(100);
    expect(page.nextPageToken).not.toBeNull();
    expect(server.requests).toHaveLength(3);
  });

  it('records listing latency over the server time', async () => {
    const samples: { total: number; server: number }[] = [];
    for (let run = 0; run < 10; run++) {
      server.resetCounts();
      const started = performance.now();
      await adapter.listEmails({}, 100, null);
      samples.push({ total: performance.now() - started, server: server.handlerMs });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const result = { totalMs: median(samples.map((s) => s.total)), serverMs: median(samples.map((s) => s.server)) };
    process.stdout.write(`Gmail list of 100: median ${result.totalMs.toFixed(1)} ms total, ${result.serverMs.toFixed(1)} ms in the server\n`);
    expect(result.totalMs).toBeGreaterThan(0);
  });

  it('lists mailboxes with counts in two requests', async () => {
    server.resetCounts();
    const mailboxes = await adapter.listMailboxes();
    const inbox = mailboxes.find((mailbox) => mailbox.role === 'INBOX');
    expect(inbox?.totalCount).toBe(150);
    expect(inbox?.unreadCount).toBeGreaterThan(0);
    expect(mailboxes.some((mailbox) => mailbox.providerId === 'UNREAD')).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('follows the page token', async () => {
    const first = await adapter.listEmails({}, 100, null);
    const second = await adapter.listEmails({}, 100, first.nextPageToken);
    expect(second.emails).toHaveLength(50);
    expect(second.nextPageToken).toBeNull();
  });

  it('filters unread emails with is:unread', async () => {
    const page = await adapter.listEmails({ unread: true }, 100, null);
    expect(page.emails.every((email) => !email.seen)).toBe(true);
  });

  it('marks emails read with batchModify', async () => {
    const page = await adapter.listEmails({ unread: true }, 2, null);
    await adapter.setSeen(page.emails.map((email) => email.providerId), true);
    const again = await adapter.getEmail(page.emails[0].providerId);
    expect(again.seen).toBe(true);
  });

  it('maps 429 to PROVIDER_RATE_LIMITED', async () => {
    server.failNext({ status: 429, headers: { 'retry-after': '12' } });
    const error = (await adapter.listMailboxes().catch((caught: unknown) => caught)) as AppError;
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBe(12);
  });

  it('maps a rejected token to ProviderUnauthorizedError', async () => {
    const stale = new GmailMailAdapter({ accessToken: 'stale', apiBaseUrl: server.url, timeoutMs: 5000 });
    await expect(stale.listMailboxes()).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });

  it('maps an unknown message to NOT_FOUND', async () => {
    const error = (await adapter.getEmail('missing').catch((caught: unknown) => caught)) as AppError;
    expect(error.code).toBe('NOT_FOUND');
  });
});
