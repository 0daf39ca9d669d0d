import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { environmentClient, createTestEnvironment } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { errorCode, type TestClient } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import { connectIntegrationMutation, createIntegrationUser, requestCallback } from '../../../test/integration-factory';
import { decodeItemId } from '../../unified/item-id';
import { sandboxChunkBytes, sandboxMaxMessageBytes } from '../sandbox-mail.adapter';
import { SandboxMessage, SandboxMessageChunk } from '../sandbox-mail.entity';
import { sandboxOwner } from '../sandbox-mail-seed';

const emailFields = 'id subject text from { name address } sentAt draft attachments { id fileName mimeType size }';
const sendEmailMutation = `mutation SendEmail($input: SendEmailInput!) { sendEmail(input: $input) { email { ${emailFields} } } }`;
const createDraftMutation = `mutation CreateDraft($input: CreateDraftInput!) { createDraft(input: $input) { draft { id email { ${emailFields} } } } }`;
const updateDraftMutation = `mutation UpdateDraft($input: UpdateDraftInput!) { updateDraft(input: $input) { draft { id email { ${emailFields} } } } }`;
const sendDraftMutation = `mutation SendDraft($input: SendDraftInput!) { sendDraft(input: $input) { email { ${emailFields} } } }`;
const attachmentContentQuery = `query AttachmentContent($id: ID!) { email(id: $id) { attachments { fileName size content } } }`;

type Email = {
  id: string;
  subject: string | null;
  text: string | null;
  from: { name: string | null; address: string | null }[];
  sentAt: string | null;
  draft: boolean;
  attachments: { id: string; fileName: string | null; mimeType: string; size: number }[];
};

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('sandbox mail', () => {
  let testApp: TestApp;
  let user: TestClient;
  let integrationId: string;

  beforeAll(async () => {
    // The SANDBOX token endpoint is called at the public URL, so the server must listen there.
    const port = await freePort();
    testApp = await startTestApp({ WORKAPI_PUBLIC_URL: `http://127.0.0.1:${port}` }, 'sandboxmail', { port });
    const { client: developer } = await signUpDeveloper(testApp.url);
    const { environment, privateKey } = await createTestEnvironment(developer);
    const setup = { developer, environmentId: environment.id, environment: environmentClient(testApp.url, environment.id, privateKey) };
    user = (await createIntegrationUser(setup)).client;

    const connected = await user.ok(connectIntegrationMutation, { input: { provider: 'SANDBOX' } });
    const form = new URLSearchParams(new URL(connected.connectIntegration.authorizationUrl).searchParams);
    form.set('decision', 'allow');
    const consent = await fetch(`${testApp.url}/sandbox/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    const callback = await requestCallback(testApp, consent.headers.get('location') as string);
    expect(callback.status).toBe(200);
    integrationId = connected.connectIntegration.integration.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const storedRow = (email: { id: string }) =>
    testApp.app.dataSource.getRepository(SandboxMessage).findOneByOrFail({ integrationId, messageId: decodeItemId(email.id, 'email').providerId });
  const storedChunkCount = (email: { id: string }) =>
    testApp.app.dataSource.getRepository(SandboxMessageChunk).countBy({ integrationId, messageId: decodeItemId(email.id, 'email').providerId });

  it('sendEmail sets the owner as sender', async () => {
    const data = await user.ok(sendEmailMutation, { input: { integrationId, to: [{ address: 'ada@analytical.example' }], subject: 'Sender check', text: 'Hello.' } });
    const sent: Email = data.sendEmail.email;
    expect(sent.from).toEqual([sandboxOwner]);
    expect(sent.sentAt).not.toBeNull();

    const head = (await storedRow(sent)).raw.toString('latin1').split('\r\n\r\n')[0];
    expect(head).toMatch(/^From: "Sam Sandbox" <sam@sandbox\.workapi\.test>$/m);
    expect(head).toMatch(/^Date: /m);
    expect(head).toMatch(/^Message-ID: <[^>]+>$/m);
  });

  it('from filter finds sent mail by owner', async () => {
    const query = `query Emails($integrationId: ID!, $filter: EmailFilter) { emails(integrationId: $integrationId, first: 5, filter: $filter) { edges { node { subject } } } }`;
    const data = await user.ok(query, { integrationId, filter: { from: sandboxOwner.address, search: 'Sender check' } });
    expect(data.emails.edges.map((edge: { node: { subject: string } }) => edge.node.subject)).toEqual(['Sender check']);
  });

  it('drafts carry the owner as sender', async () => {
    const created = await user.ok(createDraftMutation, { input: { integrationId, to: [{ address: 'grace@cobol.example' }], subject: 'Draft sender', text: 'first' } });
    expect(created.createDraft.draft.email.from).toEqual([sandboxOwner]);
    const updated = await user.ok(updateDraftMutation, { input: { draftId: created.createDraft.draft.id, subject: 'Draft sender 2', text: 'second' } });
    expect(updated.updateDraft.draft.email.from).toEqual([sandboxOwner]);
    const sent = await user.ok(sendDraftMutation, { input: { draftId: updated.updateDraft.draft.id } });
    expect(sent.sendDraft.email.from).toEqual([sandboxOwner]);
  });

  it('3 MB attachment reads back byte-identical', async () => {
    const content = randomBytes(3 * 1024 * 1024);
    const data = await user.ok(sendEmailMutation, {
      input: {
        integrationId,
        to: [{ address: 'alan@bletchley.example' }],
        subject: 'Large attachment',
        text: 'The data set is attached.',
        attachments: [{ fileName: 'data.bin', mimeType: 'application/octet-stream', contentBase64: content.toString('base64') }],
      },
    });
    const sent: Email = data.sendEmail.email;
    expect(sent.attachments).toMatchObject([{ fileName: 'data.bin', size: content.length }]);
    expect(await storedChunkCount(sent)).toBeGreaterThan((content.length * 4) / 3 / sandboxChunkBytes - 1);

    const read = await user.ok(attachmentContentQuery, { id: sent.id });
    const readContent = Buffer.from(read.email.attachments[0].content, 'base64');
    expect(readContent.length).toBe(content.length);
    expect(readContent.equals(content)).toBe(true);
  });

  it('updateDraft replaces chunks of a long draft', async () => {
    const content = randomBytes(300 * 1024);
    const created = await user.ok(createDraftMutation, {
      input: {
        integrationId,
        to: [{ address: 'grace@cobol.example' }],
        subject: 'Long draft',
        attachments: [{ fileName: 'long.bin', mimeType: 'application/octet-stream', contentBase64: content.toString('base64') }],
      },
    });
    const draftEmail: Email = created.createDraft.draft.email;
    expect(await storedChunkCount(draftEmail)).toBeGreaterThan(0);

    const updated = await user.ok(updateDraftMutation, { input: { draftId: created.createDraft.draft.id, subject: 'Short draft', text: 'No attachment now.' } });
    const updatedEmail: Email = updated.updateDraft.draft.email;
    expect(updatedEmail).toMatchObject({ subject: 'Short draft', attachments: [] });
    expect(await storedChunkCount(updatedEmail)).toBe(0);
    expect((await storedRow(updatedEmail)).chunkCount).toBe(0);
  });

  it('message over the limit is BAD_USER_INPUT', async () => {
    // 7.8 MB decoded is 10.4 MB of base64: the request fits the 10 MiB body limit, the MIME message with its line breaks does not fit the sandbox's.
    const content = randomBytes(7_800_000);
    const response = await user.request(sendEmailMutation, {
      input: {
        integrationId,
        to: [{ address: 'alan@bletchley.example' }],
        subject: 'Too large',
        attachments: [{ fileName: 'huge.bin', mimeType: 'application/octet-stream', contentBase64: content.toString('base64') }],
      },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('input.attachments');
    expect(response.body.errors?.[0].message).toContain(String(sandboxMaxMessageBytes));
  });
});
