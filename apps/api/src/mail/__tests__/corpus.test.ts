import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../../../test/harness';
import { FakeMailStore } from '../../../test/fake-providers/mail-store';
import { createGmailServer } from '../../../test/fake-providers/gmail-server';
import { createGraphMailServer } from '../../../test/fake-providers/graph-mail-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { SandboxMailAdapter } from '../../sandbox/sandbox-mail.adapter';
import { corpusDirectory, corpusFiles, corpusMessageId } from '../../sandbox/sandbox-mail-seed';
import { GmailMailAdapter } from '../gmail-adapter';
import { GraphMailAdapter } from '../graph-mail-adapter';
import type { EmailValue, MailAdapter } from '../mail-model';

interface Expected {
  subject: string | null;
  /** Sender addresses in order; null when the header is too broken to pin (see fromContains). */
  from: string[] | null;
  fromName?: string;
  fromContains?: string[];
  to: string[] | null;
  toContains?: string[];
  cc?: string[];
  /** ISO time of the Date header; null when it is missing or invalid. */
  sentAt: string | null;
  textExcerpt?: string;
  warningAbout?: string;
  attachments?: { fileName: string; mimeType: string; size: number }[];
  /** Attachments whose file name is not fixed by the message (Content-Location only). */
  attachmentTypes?: { mimeType: string; size: number }[];
  attachmentNames?: string[];
  attachmentNamePatterns?: string[];
}

const addressText = (entries: { name: string | null; address: string | null }[]) =>
  entries.map((entry) => `${entry.name ?? ''} <${entry.address ?? ''}>`).join(', ');

const expectedByFile = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../test/fixtures/corpus-expected.json'), 'utf8'),
) as Record<string, Expected>;

const accessToken = 'corpus-token';

describe('real-world corpus through every mail adapter', () => {
  let testApp: TestApp;
  let gmail: FakeHttpServer;
  let graph: FakeHttpServer;
  const providerIds = new Map<string, string>();
  const adapters: Record<string, (file: string) => Promise<EmailValue>> = {};

  beforeAll(async () => {
    testApp = await startTestApp({}, 'mailcorpus');
    const store = new FakeMailStore();
    for (const file of corpusFiles()) providerIds.set(file, store.add(fs.readFileSync(path.join(corpusDirectory, file))).id);
    gmail = await createGmailServer(store, accessToken).start();
    graph = await createGraphMailServer(store, accessToken).start();

    const options = { accessToken, apiBaseUrl: `${gmail.url}/gmail/v1`, timeoutMs: 5000 };
    const gmailRaw: MailAdapter = new GmailMailAdapter(options, 'raw');
    const gmailFull: MailAdapter = new GmailMailAdapter(options, 'full');
    const sandbox = new SandboxMailAdapter(testApp.app.dataSource, '00000000-0000-4000-8000-00000000c0a5');
    adapters['gmail raw'] = (file) => gmailRaw.getEmail(providerIds.get(file) as string);
    adapters['gmail full'] = (file) => gmailFull.getEmail(providerIds.get(file) as string);
    const graphAdapter = new GraphMailAdapter({ accessToken, apiBaseUrl: `${graph.url}/v1.0`, timeoutMs: 5000 });
    adapters.graph = (file) => graphAdapter.getEmail(providerIds.get(file) as string);
    adapters.sandbox = (file) => sandbox.getEmail(corpusMessageId(file));
  });

  afterAll(async () => {
    await gmail?.close();
    await graph?.close();
    await testApp?.close();
  });

  it('corpus copy holds every message with its licence', () => {
    expect(corpusFiles()).toHaveLength(70);
    expect(fs.existsSync(path.join(corpusDirectory, 'LICENSE'))).toBe(true);
  });

  for (const source of ['gmail raw', 'gmail full', 'graph', 'sandbox']) {
    it(`${source} serves every message without failing`, async () => {
      for (const file of corpusFiles()) {
        const email = await adapters[source](file).catch((error: Error) => {
          throw new Error(`${source} failed on ${file}: ${error.message}`);
        });
        expect(Array.isArray(email.parseWarnings)).toBe(true);
      }
    });

    describe(`${source} decodes`, () => {
      for (const [file, expected] of Object.entries(expectedByFile)) {
        it(file, async () => {
          const email = await adapters[source](file);
          // Graph's message resource has a single `from` recipient.
          const expectedFrom = source === 'graph' ? expected.from?.slice(0, 1) : expected.from;
          expect(email.subject).toBe(expected.subject);
          if (expectedFrom) expect(email.from.map((entry) => entry.address)).toEqual(expectedFrom);
          for (const part of expected.fromContains ?? []) expect(addressText(email.from)).toContain(part);
          if (expected.fromName) expect(email.from[0].name).toBe(expected.fromName);
          if (expected.to) expect(email.to.map((entry) => entry.address)).toEqual(expected.to);
          for (const part of expected.toContains ?? []) expect(addressText(email.to)).toContain(part);
          if (expected.cc) expect(email.cc.map((entry) => entry.address)).toEqual(expected.cc);
          expect(email.sentAt?.toISOString() ?? null).toBe(expected.sentAt);
          if (expected.warningAbout) expect(email.parseWarnings.join(' ')).toContain(expected.warningAbout);
          if (expected.textExcerpt) expect(`${email.text ?? ''}\n${email.html ?? ''}`).toContain(expected.textExcerpt);
          if (expected.attachments) {
            expect(email.attachments.map(({ fileName, mimeType, size }) => ({ fileName, mimeType, size }))).toEqual(expected.attachments);
          }
          if (expected.attachmentTypes) {
            expect(email.attachments.map(({ mimeType, size }) => ({ mimeType, size }))).toEqual(expected.attachmentTypes);
          }
          if (expected.attachmentNames) {
            expect(email.attachments.map((attachment) => attachment.fileName)).toEqual(expect.arrayContaining(expected.attachmentNames));
          }
          for (const pattern of expected.attachmentNamePatterns ?? []) {
            expect(email.attachments.map((attachment) => attachment.fileName ?? '')).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(pattern))]));
          }
        });
      }
    });
  }
});
