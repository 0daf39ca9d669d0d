import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, pageSizeOf } from '../graphql/connection';
import { AppError, badUserInput } from '../graphql/errors';
import type { IntegrationAccess, ProviderCredentials } from '../integrations/integration-access';
import { ProviderKind } from '../providers/provider-kind';
import { SandboxMailAdapter } from '../sandbox/sandbox-mail.adapter';
import { decodeItemId, encodeItemId } from '../unified/item-id';
import { GmailMailAdapter } from './gmail-adapter';
import { GraphMailAdapter } from './graph-mail-adapter';
import type { EmailFilterValue, EmailValue, MailAdapter, MailboxValue } from './mail-model';
import { checkMessageHeaders } from './message-rules';
import { composeMime } from './mime';
import type { EmailMessageInput, EmailFilter } from './inputs/mail.inputs';
import { AttachmentMetadata, Email, type EmailConnection, Mailbox, MailboxType } from './mail.types';

export type MailUser = { userId: string; environmentId: string };

/** Most ids one trash or flag mutation accepts. */
export const maxIdsPerMutation = 100;
/** Largest total attachment size of an outgoing message, decoded. */
export const maxAttachmentBytes = 25 * 1024 * 1024;

/**
 * Unified mail: picks the adapter of an integration's provider kind, runs it under
 * IntegrationAccess (which refreshes tokens and checks ownership) and turns provider ids
 * into opaque ids.
 */
export class MailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: Logger,
    private readonly access: () => IntegrationAccess | undefined,
    private readonly providerTimeoutMs = 15_000,
  ) {}

  /** Builds the adapter for one set of credentials; exposed for adapter tests. */
  adapterFor(credentials: ProviderCredentials): MailAdapter {
    const http = {
      accessToken: credentials.accessToken,
      apiBaseUrl: credentials.apiBaseUrl,
      timeoutMs: this.providerTimeoutMs,
      onExchange: (exchange: { method: string; url: string; status: number; durationMs: number }) =>
        this.log.debug({ ...exchange, integrationId: credentials.integrationId }, 'provider request completed'),
    };
    switch (credentials.kind) {
      case ProviderKind.GMAIL:
        return new GmailMailAdapter(http);
      case ProviderKind.OUTLOOK_MAIL:
        return new GraphMailAdapter(http);
      case ProviderKind.SANDBOX:
        return new SandboxMailAdapter(this.dataSource, credentials.integrationId);
      default:
        throw badUserInput('integrationId', `Integrations of kind ${credentials.kind} do not provide mail.`);
    }
  }

  private run<T>(user: MailUser, integrationId: string, call: (adapter: MailAdapter, credentials: ProviderCredentials) => Promise<T>): Promise<T> {
    const access = this.access();
    if (!access) throw new AppError('INTERNAL_SERVER_ERROR', 'Integration access is not configured.');
    return access.withCredentials(user, integrationId, (credentials) => call(this.adapterFor(credentials), credentials));
  }

  async mailboxes(user: MailUser, integrationId: string): Promise<Mailbox[]> {
    const values = await this.run(user, integrationId, (adapter) => adapter.listMailboxes());
    return values.map((value) => toMailbox(integrationId, value));
  }

  async emails(user: MailUser, integrationId: string, first: number | null | undefined, after: string | null | undefined, filter: EmailFilter | null | undefined): Promise<EmailConnection> {
    const pageSize = pageSizeOf(first);
    const [pageToken, offsetText] = after ? decodeCursor(after, 2) : ['', '0'];
    const offset = Number(offsetText);
    if (!Number.isInteger(offset) || offset < 0 || offset > 100) throw badUserInput('after', 'after is not a cursor returned by this connection.');
    const filterValue = toFilterValue(integrationId, filter);
    const page = await this.run(user, integrationId, (adapter) => adapter.listEmails(filterValue, pageSize + offset, pageToken || null));
    const emails = page.emails.slice(offset);
    const edges = emails.map((value, index) => ({
      cursor: index === emails.length - 1 && page.nextPageToken ? encodeCursor([page.nextPageToken, '0']) : encodeCursor([pageToken, String(offset + index + 1)]),
      node: toEmail(integrationId, value),
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.nextPageToken !== null,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: page.totalCount,
    };
  }

  async email(user: MailUser, id: string): Promise<Email> {
    const ref = decodeItemId(id, 'email');
    const value = await this.run(user, ref.integrationId, (adapter) => adapter.getEmail(ref.providerId));
    return toEmail(ref.integrationId, value);
  }

  async attachmentContent(user: MailUser, attachment: Pick<AttachmentMetadata, 'integrationId' | 'emailProviderId' | 'key'>): Promise<string> {
    const content = await this.run(user, attachment.integrationId, (adapter) => adapter.getAttachmentContent(attachment.emailProviderId, attachment.key));
    return content.toString('base64');
  }

  async attachment(user: MailUser, id: string): Promise<AttachmentMetadata> {
    const ref = decodeItemId(id, 'attachment');
    const [emailProviderId, key] = JSON.parse(ref.providerId) as [string, string];
    const email = await this.run(user, ref.integrationId, (adapter) => adapter.getEmail(emailProviderId));
    const found = toEmail(ref.integrationId, email).attachments.find((attachment) => attachment.key === key);
    if (!found) throw new AppError('NOT_FOUND', 'Attachment not found.');
    return found;
  }

  async send(user: MailUser, integrationId: string, input: EmailMessageInput): Promise<Email> {
    checkMessageHeaders(input, { requireRecipient: true });
    return this.run(user, integrationId, async (adapter) => {
      const message = await this.compose(adapter, integrationId, input);
      const sentId = await adapter.send(message);
      return toEmail(integrationId, await adapter.getEmail(sentId));
    });
  }

  async createDraft(user: MailUser, integrationId: string, input: EmailMessageInput): Promise<{ id: string; email: Email }> {
    checkMessageHeaders(input, { requireRecipient: false });
    return this.run(user, integrationId, async (adapter) => {
      const draftId = await adapter.createDraft(await this.compose(adapter, integrationId, input));
      return this.draftOf(adapter, integrationId, draftId);
    });
  }

  async updateDraft(user: MailUser, draftId: string, input: EmailMessageInput): Promise<{ id: string; email: Email }> {
    const ref = decodeItemId(draftId, 'draft', 'input.draftId');
    checkMessageHeaders(input, { requireRecipient: false });
    return this.run(user, ref.integrationId, async (adapter) => {
      const newId = await adapter.updateDraft(ref.providerId, await this.compose(adapter, ref.integrationId, input));
      return this.draftOf(adapter, ref.integrationId, newId);
    });
  }

  async sendDraft(user: MailUser, draftId: string): Promise<Email> {
    const ref = decodeItemId(draftId, 'draft', 'input.draftId');
    return this.run(user, ref.integrationId, async (adapter) => toEmail(ref.integrationId, await adapter.getEmail(await adapter.sendDraft(ref.providerId))));
  }

  async trash(user: MailUser, ids: string[]): Promise<string[]> {
    for (const [integrationId, providerIds] of groupIds(ids)) await this.run(user, integrationId, (adapter) => adapter.trash(providerIds));
    return ids;
  }

  async updateFlags(user: MailUser, ids: string[], seen: boolean | null | undefined, flagged: boolean | null | undefined): Promise<string[]> {
    for (const [integrationId, providerIds] of groupIds(ids)) {
      await this.run(user, integrationId, async (adapter) => {
        if (seen !== null && seen !== undefined) await adapter.setSeen(providerIds, seen);
        if (flagged !== null && flagged !== undefined) await adapter.setFlagged(providerIds, flagged);
      });
    }
    return ids;
  }

  private async draftOf(adapter: MailAdapter, integrationId: string, draftId: string): Promise<{ id: string; email: Email }> {
    const messageId = adapter instanceof GmailMailAdapter ? await adapter.draftMessageId(draftId) : draftId;
    return { id: encodeItemId({ kind: 'draft', integrationId, providerId: draftId }), email: toEmail(integrationId, await adapter.getEmail(messageId)) };
  }

  /** Builds the MIME message; a reply takes the thread, In-Reply-To and References of the original. */
  private async compose(adapter: MailAdapter, integrationId: string, input: EmailMessageInput) {
    if (input.to.length + input.cc.length + input.bcc.length === 0 && input.text === undefined && input.html === undefined && input.subject === '') {
      throw badUserInput('input', 'input needs at least a recipient, a subject or a body.');
    }
    let replied: EmailValue | null = null;
    if (input.inReplyTo) {
      const ref = decodeItemId(input.inReplyTo, 'email', 'input.inReplyTo');
      if (ref.integrationId !== integrationId) throw badUserInput('input.inReplyTo', 'input.inReplyTo must be an email of the same integration.');
      replied = await adapter.getEmail(ref.providerId);
    }
    let total = 0;
    const attachments = input.attachments.map((attachment, index) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(attachment.contentBase64)) {
        throw badUserInput(`input.attachments.${index}.contentBase64`, `input.attachments.${index}.contentBase64 must be base64.`);
      }
      const content = Buffer.from(attachment.contentBase64, 'base64');
      total += content.length;
      return { fileName: attachment.fileName, mimeType: attachment.mimeType, content, inline: attachment.inline, contentId: attachment.contentId };
    });
    if (total > maxAttachmentBytes) throw badUserInput('input.attachments', `Attachments may total at most ${maxAttachmentBytes} bytes; these have ${total}.`);
    const raw = await composeMime({
      to: input.to.map(toAddress),
      cc: input.cc.map(toAddress),
      bcc: input.bcc.map(toAddress),
      replyTo: input.replyTo.map(toAddress),
      subject: input.subject,
      text: input.text ?? null,
      html: input.html ?? null,
      attachments,
      inReplyTo: replied?.messageId ?? null,
      references: replied?.messageId ? [replied.messageId] : [],
    });
    return { raw, threadId: replied?.threadId ?? null };
  }
}

function toAddress(input: { name?: string | null; address: string }) {
  return { name: input.name ?? null, address: input.address };
}

function groupIds(ids: string[]): Map<string, string[]> {
  if (ids.length === 0 || ids.length > maxIdsPerMutation) throw badUserInput('input.ids', `input.ids must hold 1 to ${maxIdsPerMutation} ids; got ${ids.length}.`);
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const ref = decodeItemId(id, 'email', 'input.ids');
    groups.set(ref.integrationId, [...(groups.get(ref.integrationId) ?? []), ref.providerId]);
  }
  return groups;
}

/** Longest text accepted in `from`, `to` and `search`; provider search syntaxes have their own, lower limits. */
export const maxFilterTextLength = 200;

function checkFilterText(name: 'from' | 'to' | 'search', value: string | null | undefined): void {
  if (value && value.length > maxFilterTextLength) {
    throw badUserInput(`filter.${name}`, `filter.${name} must be at most ${maxFilterTextLength} characters; got ${value.length}.`);
  }
}

function toFilterValue(integrationId: string, filter: EmailFilter | null | undefined): EmailFilterValue {
  if (!filter) return {};
  checkFilterText('from', filter.from);
  checkFilterText('to', filter.to);
  checkFilterText('search', filter.search);
  const mailboxIds = filter.mailboxIds?.map((id) => {
    const ref = decodeItemId(id, 'mailbox', 'filter.mailboxIds');
    if (ref.integrationId !== integrationId) throw badUserInput('filter.mailboxIds', 'filter.mailboxIds must name mailboxes of the same integration.');
    return ref.providerId;
  });
  if (filter.receivedAfter && filter.receivedBefore && filter.receivedAfter >= filter.receivedBefore) {
    throw badUserInput('filter.receivedBefore', 'filter.receivedBefore must be later than filter.receivedAfter.');
  }
  return {
    mailboxIds,
    from: filter.from ?? undefined,
    to: filter.to ?? undefined,
    receivedAfter: filter.receivedAfter ?? undefined,
    receivedBefore: filter.receivedBefore ?? undefined,
    search: filter.search ?? undefined,
    unread: filter.unread ?? undefined,
  };
}

function toMailbox(integrationId: string, value: MailboxValue): Mailbox {
  return {
    id: encodeItemId({ kind: 'mailbox', integrationId, providerId: value.providerId }),
    name: value.name,
    type: MailboxType[value.role],
    totalCount: value.totalCount,
    unreadCount: value.unreadCount,
  };
}

export function toEmail(integrationId: string, value: EmailValue): Email {
  const email = new Email();
  Object.assign(email, {
    id: encodeItemId({ kind: 'email', integrationId, providerId: value.providerId }),
    threadId: value.threadId,
    subject: value.subject,
    text: value.text,
    html: value.html,
    from: value.from,
    to: value.to,
    cc: value.cc,
    bcc: value.bcc,
    replyTo: value.replyTo,
    flags: { seen: value.seen, flagged: value.flagged },
    labels: value.labels,
    mailboxIds: value.mailboxIds.map((providerId) => encodeItemId({ kind: 'mailbox', integrationId, providerId })),
    receivedAt: value.receivedAt,
    sentAt: value.sentAt,
    draft: value.draft,
    parseWarnings: value.parseWarnings,
    attachments: value.attachments.map((attachment) =>
      Object.assign(new AttachmentMetadata(), {
        id: encodeItemId({ kind: 'attachment', integrationId, providerId: JSON.stringify([value.providerId, attachment.key]) }),
        fileName: attachment.fileName,
        mimeType: attachment.mimeType,
        size: attachment.size,
        inline: attachment.inline,
        contentId: attachment.contentId,
        emailProviderId: value.providerId,
        integrationId,
        key: attachment.key,
      }),
    ),
  });
  return email;
}
