import { AppError } from '../graphql/errors';
import { ProviderHttp, mapWithConcurrency, type ProviderHttpOptions } from '../unified/provider-http';
import { gmailBatchGet, gmailBatchSize, throwIfFailed } from './gmail-batch';
import { decodeGmailPayload, findPart, type GmailMessagePart } from './gmail-payload';
import type { EmailFilterValue, EmailPage, EmailValue, MailAdapter, MailboxRole, MailboxValue, OutgoingMessage } from './mail-model';
import { parseMime } from './mime';

/** Gmail's users.messages resource as returned by messages.get. */
interface GmailMessage {
  id: string;
  threadId?: string;
  labelIds?: string[];
  internalDate?: string;
  payload?: GmailMessagePart;
  raw?: string;
}

interface GmailLabel {
  id: string;
  name: string;
  type?: 'system' | 'user';
  messagesTotal?: number;
  messagesUnread?: number;
}

export type GmailMessageFormat = 'full' | 'raw';

const rolesByLabel: Record<string, MailboxRole> = {
  INBOX: 'INBOX',
  SENT: 'SENT',
  DRAFT: 'DRAFTS',
  TRASH: 'TRASH',
  SPAM: 'SPAM',
};

/** System labels that are flags or categories, not places a message sits. */
const hiddenLabels = /^(UNREAD|STARRED|IMPORTANT|CHAT|CATEGORY_.*)$/;

/** Gmail search dates are day-granular in `after:YYYY/MM/DD`; epoch seconds are exact. */
function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function quoteTerm(value: string): string {
  return /^[^\s"()]+$/.test(value) ? value : `"${value.replace(/"/g, '')}"`;
}

/** Builds Gmail's `q` search string from the unified filter (mailboxes go in `labelIds`). */
export function gmailQuery(filter: EmailFilterValue): string {
  const terms: string[] = [];
  if (filter.from) terms.push(`from:${quoteTerm(filter.from)}`);
  if (filter.to) terms.push(`to:${quoteTerm(filter.to)}`);
  if (filter.receivedAfter) terms.push(`after:${epochSeconds(filter.receivedAfter)}`);
  if (filter.receivedBefore) terms.push(`before:${epochSeconds(filter.receivedBefore)}`);
  if (filter.unread === true) terms.push('is:unread');
  if (filter.unread === false) terms.push('-is:unread');
  if (filter.search) terms.push(filter.search);
  return terms.join(' ');
}

/**
 * Gmail REST API (v1) adapter. Listing costs one messages.list call plus one batch call per
 * 50 messages. `format` chooses whether messages are decoded from Gmail's parsed payload
 * (`full`) or from the original MIME (`raw`).
 */
export class GmailMailAdapter implements MailAdapter {
  private readonly http: ProviderHttp;
  private readonly base = '/gmail/v1/users/me';

  constructor(
    options: Omit<ProviderHttpOptions, 'providerName'>,
    private readonly format: GmailMessageFormat = 'full',
  ) {
    // The catalog may name the API root with or without the /gmail/v1 suffix.
    this.http = new ProviderHttp({ ...options, apiBaseUrl: options.apiBaseUrl.replace(/\/gmail\/v1\/?$/, ''), providerName: 'Gmail' });
  }

  /** Lists labels, then reads their counts (which labels.list omits) with labels.get through the batch endpoint. */
  async listMailboxes(): Promise<MailboxValue[]> {
    const response = await this.http.json<{ labels?: GmailLabel[] }>({ path: `${this.base}/labels` });
    const visible = (response.labels ?? []).filter((label) => !hiddenLabels.test(label.id));
    const detailed: GmailLabel[] = [];
    for (let start = 0; start < visible.length; start += gmailBatchSize) {
      const chunk = visible.slice(start, start + gmailBatchSize);
      const results = await gmailBatchGet(this.http, chunk.map((label) => `${this.base}/labels/${encodeURIComponent(label.id)}`));
      results.forEach((result, index) => {
        detailed.push(result.status === 200 ? { ...chunk[index], ...(JSON.parse(result.body) as GmailLabel) } : chunk[index]);
      });
    }
    return detailed.map((label) => ({
        providerId: label.id,
        name: label.type === 'system' ? label.name.charAt(0) + label.name.slice(1).toLowerCase() : label.name,
        role: rolesByLabel[label.id] ?? 'OTHER',
        totalCount: label.messagesTotal ?? null,
        unreadCount: label.messagesUnread ?? null,
      }));
  }

  async listEmails(filter: EmailFilterValue, pageSize: number, pageToken: string | null): Promise<EmailPage> {
    const list = await this.http.json<{ messages?: { id: string }[]; nextPageToken?: string; resultSizeEstimate?: number }>({
      path: `${this.base}/messages`,
      query: {
        maxResults: pageSize,
        pageToken: pageToken ?? undefined,
        q: gmailQuery(filter) || undefined,
        labelIds: filter.mailboxIds,
        includeSpamTrash: filter.mailboxIds?.some((id) => id === 'TRASH' || id === 'SPAM') ? true : undefined,
      },
    });
    const ids = (list.messages ?? []).map((message) => message.id);
    const chunks: string[][] = [];
    for (let start = 0; start < ids.length; start += gmailBatchSize) chunks.push(ids.slice(start, start + gmailBatchSize));
    const pages = await mapWithConcurrency(chunks, 2, (chunk) =>
      gmailBatchGet(this.http, chunk.map((id) => `${this.base}/messages/${encodeURIComponent(id)}?format=${this.format}`)),
    );
    const emails: EmailValue[] = [];
    for (const result of pages.flat()) {
      throwIfFailed(result, 'Gmail');
      emails.push(await this.toEmail(JSON.parse(result.body) as GmailMessage));
    }
    return { emails, nextPageToken: list.nextPageToken ?? null, totalCount: list.resultSizeEstimate ?? null };
  }

  async getEmail(providerId: string): Promise<EmailValue> {
    const message = await this.http.json<GmailMessage>({
      path: `${this.base}/messages/${encodeURIComponent(providerId)}`,
      query: { format: this.format },
    });
    return this.toEmail(message);
  }

  async getAttachmentContent(emailProviderId: string, key: string): Promise<Buffer> {
    const messagePath = `${this.base}/messages/${encodeURIComponent(emailProviderId)}`;
    if (key.startsWith('gmail:')) {
      const body = await this.http.json<{ data?: string }>({ path: `${messagePath}/attachments/${encodeURIComponent(key.slice(6))}` });
      return Buffer.from(body.data ?? '', 'base64url');
    }
    if (key.startsWith('part:')) {
      const message = await this.http.json<GmailMessage>({ path: messagePath, query: { format: 'full' } });
      const part = message.payload ? findPart(message.payload, key.slice(5)) : null;
      if (!part) throw new AppError('NOT_FOUND', 'Attachment not found.');
      if (part.body?.data !== undefined) return Buffer.from(part.body.data, 'base64url');
      if (part.body?.attachmentId) return this.getAttachmentContent(emailProviderId, `gmail:${part.body.attachmentId}`);
      return Buffer.alloc(0);
    }
    const message = await this.http.json<GmailMessage>({ path: messagePath, query: { format: 'raw' } });
    const parsed = await parseMime(Buffer.from(message.raw ?? '', 'base64url'));
    const index = Number(key.slice(5));
    const content = key.startsWith('mime:') ? parsed.attachmentContents[index] : undefined;
    if (!content) throw new AppError('NOT_FOUND', 'Attachment not found.');
    return content;
  }

  async send(message: OutgoingMessage): Promise<string> {
    const sent = await this.http.json<GmailMessage>({
      method: 'POST',
      path: `${this.base}/messages/send`,
      json: { raw: message.raw.toString('base64url'), threadId: message.threadId ?? undefined },
    });
    return sent.id;
  }

  async createDraft(message: OutgoingMessage): Promise<string> {
    const draft = await this.http.json<{ id: string }>({
      method: 'POST',
      path: `${this.base}/drafts`,
      json: { message: { raw: message.raw.toString('base64url'), threadId: message.threadId ?? undefined } },
    });
    return draft.id;
  }

  async updateDraft(draftId: string, message: OutgoingMessage): Promise<string> {
    const draft = await this.http.json<{ id: string }>({
      method: 'PUT',
      path: `${this.base}/drafts/${encodeURIComponent(draftId)}`,
      json: { id: draftId, message: { raw: message.raw.toString('base64url'), threadId: message.threadId ?? undefined } },
    });
    return draft.id;
  }

  async sendDraft(draftId: string): Promise<string> {
    const sent = await this.http.json<GmailMessage>({ method: 'POST', path: `${this.base}/drafts/send`, json: { id: draftId } });
    return sent.id;
  }

  /** Resolves a draft id to the id of its message, so drafts can be read as emails. */
  async draftMessageId(draftId: string): Promise<string> {
    const draft = await this.http.json<{ message?: { id: string } }>({
      path: `${this.base}/drafts/${encodeURIComponent(draftId)}`,
      query: { format: 'minimal' },
    });
    if (!draft.message) throw new AppError('NOT_FOUND', 'Draft not found.');
    return draft.message.id;
  }

  async trash(providerIds: string[]): Promise<void> {
    await mapWithConcurrency(providerIds, 4, (id) =>
      this.http.json({ method: 'POST', path: `${this.base}/messages/${encodeURIComponent(id)}/trash` }),
    );
  }

  async setSeen(providerIds: string[], seen: boolean): Promise<void> {
    await this.batchModify(providerIds, seen ? { removeLabelIds: ['UNREAD'] } : { addLabelIds: ['UNREAD'] });
  }

  async setFlagged(providerIds: string[], flagged: boolean): Promise<void> {
    await this.batchModify(providerIds, flagged ? { addLabelIds: ['STARRED'] } : { removeLabelIds: ['STARRED'] });
  }

  /** messages.batchModify accepts up to 1,000 ids per call. */
  private async batchModify(ids: string[], change: { addLabelIds?: string[]; removeLabelIds?: string[] }): Promise<void> {
    for (let start = 0; start < ids.length; start += 1000) {
      await this.http.request({
        method: 'POST',
        path: `${this.base}/messages/batchModify`,
        json: { ids: ids.slice(start, start + 1000), ...change },
      });
    }
  }

  private async toEmail(message: GmailMessage): Promise<EmailValue> {
    const labelIds = message.labelIds ?? [];
    const internalDate = message.internalDate ? new Date(Number(message.internalDate)) : null;
    const decoded =
      this.format === 'raw' || !message.payload
        ? await parseMime(Buffer.from(message.raw ?? '', 'base64url'))
        : decodeGmailPayload(message.payload);
    return {
      providerId: message.id,
      threadId: message.threadId ?? null,
      subject: decoded.subject,
      text: decoded.text,
      html: decoded.html,
      from: decoded.from,
      to: decoded.to,
      cc: decoded.cc,
      bcc: decoded.bcc,
      replyTo: decoded.replyTo,
      seen: !labelIds.includes('UNREAD'),
      flagged: labelIds.includes('STARRED'),
      draft: labelIds.includes('DRAFT'),
      labels: labelIds.filter((id) => !rolesByLabel[id] && id !== 'UNREAD' && id !== 'STARRED'),
      mailboxIds: labelIds.filter((id) => !hiddenLabels.test(id)),
      receivedAt: internalDate && !Number.isNaN(internalDate.getTime()) ? internalDate : null,
      sentAt: decoded.sentAt,
      messageId: decoded.messageId,
      attachments: decoded.attachments,
      parseWarnings: decoded.parseWarnings,
    };
  }
}
