import { AppError, badUserInput } from '../graphql/errors';
import { ProviderHttp, providerErrorFor, type ProviderHttpOptions } from '../unified/provider-http';
import type { AddressValue, AttachmentValue, EmailFilterValue, EmailPage, EmailValue, MailAdapter, MailboxRole, MailboxValue, OutgoingMessage } from './mail-model';
import { isPlausibleDate, normalizeHeaderText, parseMime, withoutStrayNames } from './mime';

/** Microsoft Graph v1.0 `recipient` resource. */
interface GraphRecipient {
  emailAddress?: { name?: string; address?: string };
}

interface GraphAttachment {
  '@odata.type'?: string;
  id: string;
  name?: string | null;
  contentType?: string | null;
  size?: number;
  isInline?: boolean;
  contentId?: string | null;
  contentBytes?: string;
}

/** Microsoft Graph v1.0 `message` resource, limited to the selected properties. */
interface GraphMessage {
  id: string;
  conversationId?: string;
  subject?: string | null;
  body?: { contentType?: 'text' | 'html'; content?: string };
  from?: GraphRecipient | null;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  bccRecipients?: GraphRecipient[];
  replyTo?: GraphRecipient[];
  isRead?: boolean;
  isDraft?: boolean;
  flag?: { flagStatus?: 'notFlagged' | 'flagged' | 'complete' };
  categories?: string[];
  parentFolderId?: string;
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  internetMessageId?: string | null;
  attachments?: GraphAttachment[];
}

interface GraphFolder {
  id: string;
  displayName: string;
  totalItemCount?: number;
  unreadItemCount?: number;
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const messageFields =
  'id,conversationId,subject,body,from,toRecipients,ccRecipients,bccRecipients,replyTo,isRead,isDraft,flag,categories,parentFolderId,receivedDateTime,sentDateTime,internetMessageId';
const attachmentExpansion = 'attachments($select=id,name,contentType,size,isInline)';

/** Well-known folder names of Graph v1.0 and the unified role of each. */
const wellKnownFolders: [string, MailboxRole][] = [
  ['inbox', 'INBOX'],
  ['sentitems', 'SENT'],
  ['drafts', 'DRAFTS'],
  ['outbox', 'OUTBOX'],
  ['deleteditems', 'TRASH'],
  ['junkemail', 'SPAM'],
  ['archive', 'ARCHIVE'],
];

/** Requests per JSON batch; Graph accepts at most 20. */
export const graphBatchSize = 20;

function toAddress(recipient: GraphRecipient | null | undefined): AddressValue[] {
  const address = recipient?.emailAddress;
  if (!address || (!address.address && !address.name)) return [];
  return [{ name: address.name || null, address: address.address || null }];
}

function toAddresses(recipients: GraphRecipient[] | undefined): AddressValue[] {
  return withoutStrayNames((recipients ?? []).flatMap(toAddress));
}

/** Removes the characters that would end the quoted `$search` value. */
function kqlTerm(value: string): string {
  return value.replace(/["\\]/g, ' ').trim();
}

function dateOf(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return isPlausibleDate(date) ? date : null;
}

/**
 * Microsoft Graph v1.0 mail adapter. Every request sets
 * `Prefer: IdType="ImmutableId"`, so an email keeps its id when it moves from Drafts to
 * Sent Items or to Deleted Items.
 */
export class GraphMailAdapter implements MailAdapter {
  private readonly http: ProviderHttp;
  private readonly apiBaseUrl: string;
  private readonly preferHeaders = { prefer: 'IdType="ImmutableId"' };

  constructor(options: Omit<ProviderHttpOptions, 'providerName'>) {
    this.apiBaseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.http = new ProviderHttp({ ...options, apiBaseUrl: this.apiBaseUrl, providerName: 'Microsoft Graph' });
  }

  async listMailboxes(): Promise<MailboxValue[]> {
    const [folders, wellKnown] = await Promise.all([
      this.http.json<{ value?: GraphFolder[] }>({ path: '/me/mailFolders', query: { $top: 250 }, headers: this.preferHeaders }),
      this.batch(wellKnownFolders.map(([name]) => ({ method: 'GET', url: `/me/mailFolders/${name}?$select=id` }))),
    ]);
    const roleById = new Map<string, MailboxRole>();
    wellKnown.forEach((response, index) => {
      const body = response.body as { id?: string } | undefined;
      if (response.status === 200 && body?.id) roleById.set(body.id, wellKnownFolders[index][1]);
    });
    return (folders.value ?? []).map((folder) => ({
      providerId: folder.id,
      name: folder.displayName,
      role: roleById.get(folder.id) ?? 'OTHER',
      totalCount: folder.totalItemCount ?? null,
      unreadCount: folder.unreadItemCount ?? null,
    }));
  }

  /**
   * Lists with `$filter` for mailboxes, dates and read state, or with `$search` (KQL) when
   * a sender, recipient or free text is given, because Graph does not combine `$search`
   * with `$filter` or `$orderby` on messages.
   */
  async listEmails(filter: EmailFilterValue, pageSize: number, pageToken: string | null): Promise<EmailPage> {
    if (pageToken !== null) return this.listPage(this.checkNextLink(pageToken));
    const mailboxIds = filter.mailboxIds ?? [];
    if (mailboxIds.length > 1) throw badUserInput('filter.mailboxIds', 'Microsoft Graph lists one mailbox at a time; pass at most one id in filter.mailboxIds.');
    const path = mailboxIds.length === 1 ? `/me/mailFolders/${encodeURIComponent(mailboxIds[0])}/messages` : '/me/messages';
    const query: Record<string, string | number> = { $top: pageSize, $select: messageFields, $expand: attachmentExpansion };

    const kql: string[] = [];
    if (filter.from) kql.push(`from:${kqlTerm(filter.from)}`);
    if (filter.to) kql.push(`to:${kqlTerm(filter.to)}`);
    if (filter.search) kql.push(kqlTerm(filter.search));
    const conditions: string[] = [];
    if (filter.receivedAfter) conditions.push(`receivedDateTime ge ${filter.receivedAfter.toISOString()}`);
    if (filter.receivedBefore) conditions.push(`receivedDateTime lt ${filter.receivedBefore.toISOString()}`);
    if (filter.unread !== undefined) conditions.push(`isRead eq ${!filter.unread}`);

    if (kql.length > 0) {
      if (conditions.length > 0) {
        throw badUserInput('filter', 'Microsoft Graph cannot combine from, to or search with receivedAfter, receivedBefore or unread; use one group at a time.');
      }
      query.$search = `"${kql.join(' ')}"`;
    } else {
      if (conditions.length > 0) query.$filter = conditions.join(' and ');
      query.$orderby = 'receivedDateTime desc';
      query.$count = 'true';
    }
    return this.listPage(path, query);
  }

  private async listPage(path: string, query?: Record<string, string | number>): Promise<EmailPage> {
    const page = await this.http.json<{ value?: GraphMessage[]; '@odata.nextLink'?: string; '@odata.count'?: number }>({
      path,
      query,
      headers: this.preferHeaders,
    });
    return {
      emails: (page.value ?? []).map((message) => this.toEmail(message, null)),
      nextPageToken: page['@odata.nextLink'] ?? null,
      totalCount: page['@odata.count'] ?? null,
    };
  }

  /** Accepts a next link only when it points back at the configured API, because it arrives inside a client's cursor. */
  private checkNextLink(link: string): string {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw badUserInput('after', 'after is not a cursor returned by this connection.');
    }
    const base = new URL(this.apiBaseUrl);
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
      throw badUserInput('after', 'after is not a cursor returned by this connection.');
    }
    return link;
  }

  async getEmail(providerId: string): Promise<EmailValue> {
    const path = `/me/messages/${encodeURIComponent(providerId)}`;
    const [message, mime] = await Promise.all([
      this.http.json<GraphMessage>({ path, query: { $select: messageFields, $expand: attachmentExpansion }, headers: this.preferHeaders }),
      this.http.bytes({ path: `${path}/$value`, headers: { ...this.preferHeaders, accept: 'message/rfc822, text/plain' } }),
    ]);
    return this.toEmail(message, await parseMime(mime));
  }

  async getAttachmentContent(emailProviderId: string, key: string): Promise<Buffer> {
    if (!key.startsWith('graph:')) throw new AppError('NOT_FOUND', 'Attachment not found.');
    const attachment = await this.http.json<GraphAttachment>({
      path: `/me/messages/${encodeURIComponent(emailProviderId)}/attachments/${encodeURIComponent(key.slice(6))}`,
      headers: this.preferHeaders,
    });
    if (attachment.contentBytes !== undefined) return Buffer.from(attachment.contentBytes, 'base64');
    // Item and reference attachments have no contentBytes; the raw item is at /$value.
    return this.http.bytes({
      path: `/me/messages/${encodeURIComponent(emailProviderId)}/attachments/${encodeURIComponent(key.slice(6))}/$value`,
      headers: this.preferHeaders,
    });
  }

  /** Creates the message as a draft from MIME and sends it, so the sent copy keeps a known immutable id. */
  async send(message: OutgoingMessage): Promise<string> {
    const draftId = await this.createDraft(message);
    return this.sendDraft(draftId);
  }

  async createDraft(message: OutgoingMessage): Promise<string> {
    const created = await this.http.json<GraphMessage>({
      method: 'POST',
      path: '/me/messages',
      headers: { ...this.preferHeaders, 'content-type': 'text/plain' },
      body: message.raw.toString('base64'),
    });
    return created.id;
  }

  /** Graph cannot replace a draft's MIME, so the draft is created anew and the old one deleted; the id changes. */
  async updateDraft(draftId: string, message: OutgoingMessage): Promise<string> {
    const existing = await this.http.json<GraphMessage>({ path: `/me/messages/${encodeURIComponent(draftId)}`, query: { $select: 'id,isDraft' }, headers: this.preferHeaders });
    if (!existing.isDraft) throw new AppError('NOT_FOUND', 'Draft not found.');
    const newId = await this.createDraft(message);
    await this.http.request({ method: 'DELETE', path: `/me/messages/${encodeURIComponent(draftId)}`, headers: this.preferHeaders });
    return newId;
  }

  async sendDraft(draftId: string): Promise<string> {
    await this.http.request({ method: 'POST', path: `/me/messages/${encodeURIComponent(draftId)}/send`, headers: this.preferHeaders });
    return draftId;
  }

  async trash(providerIds: string[]): Promise<void> {
    await this.batchEach(providerIds, (id) => ({ method: 'POST', url: `/me/messages/${encodeURIComponent(id)}/move`, body: { destinationId: 'deleteditems' } }));
  }

  async setSeen(providerIds: string[], seen: boolean): Promise<void> {
    await this.batchEach(providerIds, (id) => ({ method: 'PATCH', url: `/me/messages/${encodeURIComponent(id)}`, body: { isRead: seen } }));
  }

  async setFlagged(providerIds: string[], flagged: boolean): Promise<void> {
    await this.batchEach(providerIds, (id) => ({
      method: 'PATCH',
      url: `/me/messages/${encodeURIComponent(id)}`,
      body: { flag: { flagStatus: flagged ? 'flagged' : 'notFlagged' } },
    }));
  }

  private async batchEach(ids: string[], request: (id: string) => { method: string; url: string; body?: unknown }): Promise<void> {
    for (let start = 0; start < ids.length; start += graphBatchSize) {
      const responses = await this.batch(ids.slice(start, start + graphBatchSize).map(request));
      for (const response of responses) {
        const error = providerErrorFor(response.status, new Headers(response.headers ?? {}), JSON.stringify(response.body ?? ''), 'Microsoft Graph');
        if (error) throw error;
      }
    }
  }

  /** Sends up to 20 requests through `POST /$batch` (JSON batching) and returns the responses in request order. */
  private async batch(requests: { method: string; url: string; body?: unknown }[]): Promise<BatchResponse[]> {
    const result = await this.http.json<{ responses?: BatchResponse[] }>({
      method: 'POST',
      path: '/$batch',
      headers: this.preferHeaders,
      json: {
        requests: requests.map((request, index) => ({
          id: String(index + 1),
          method: request.method,
          url: request.url,
          headers: request.body === undefined ? { ...this.preferHeaders } : { ...this.preferHeaders, 'content-type': 'application/json' },
          body: request.body,
        })),
      },
    });
    const byId = new Map((result.responses ?? []).map((response) => [response.id, response]));
    return requests.map((_, index) => {
      const response = byId.get(String(index + 1));
      if (!response) throw new AppError('PROVIDER_UNAVAILABLE', 'Microsoft Graph returned an incomplete batch response; try again later.');
      return response;
    });
  }

  private toEmail(message: GraphMessage, mime: Awaited<ReturnType<typeof parseMime>> | null): EmailValue {
    // A listing carries one body in the format Graph stored; email(id) reads both from the MIME.
    const listedBody = message.body?.content ?? null;
    const listedHtml = message.body?.contentType === 'html' ? listedBody : null;
    const listedText = message.body?.contentType === 'html' ? null : listedBody;
    const attachments: AttachmentValue[] = (message.attachments ?? []).map((attachment) => ({
      key: `graph:${attachment.id}`,
      fileName: attachment.name ?? null,
      mimeType: attachment.contentType ?? 'application/octet-stream',
      size: attachment.size ?? 0,
      inline: attachment.isInline ?? false,
      contentId: attachment.contentId ?? null,
    }));
    return {
      providerId: message.id,
      threadId: message.conversationId ?? null,
      subject: normalizeHeaderText(message.subject) || mime?.subject || null,
      text: mime ? mime.text : listedText,
      html: mime ? mime.html : listedHtml,
      from: toAddress(message.from),
      to: toAddresses(message.toRecipients),
      cc: toAddresses(message.ccRecipients),
      bcc: toAddresses(message.bccRecipients),
      replyTo: toAddresses(message.replyTo),
      seen: message.isRead ?? false,
      flagged: message.flag?.flagStatus === 'flagged',
      draft: message.isDraft ?? false,
      labels: message.categories ?? [],
      mailboxIds: message.parentFolderId ? [message.parentFolderId] : [],
      receivedAt: dateOf(message.receivedDateTime),
      sentAt: dateOf(message.sentDateTime),
      messageId: message.internetMessageId ?? mime?.messageId ?? null,
      attachments,
      parseWarnings: mime?.parseWarnings ?? [],
    };
  }
}
