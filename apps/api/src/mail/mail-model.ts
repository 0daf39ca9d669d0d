/** An address as found in a message header. */
export interface AddressValue {
  name: string | null;
  address: string | null;
}

/** Attachment facts; `key` locates the content at the provider (see MailAdapter.getAttachmentContent). */
export interface AttachmentValue {
  key: string;
  fileName: string | null;
  mimeType: string;
  size: number;
  inline: boolean;
  contentId: string | null;
}

/** One message in the unified model, with provider ids not yet encoded. */
export interface EmailValue {
  providerId: string;
  threadId: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  from: AddressValue[];
  to: AddressValue[];
  cc: AddressValue[];
  bcc: AddressValue[];
  replyTo: AddressValue[];
  seen: boolean;
  flagged: boolean;
  draft: boolean;
  labels: string[];
  mailboxIds: string[];
  receivedAt: Date | null;
  sentAt: Date | null;
  /** The Message-ID header, used to thread replies. */
  messageId: string | null;
  attachments: AttachmentValue[];
  /** What could not be decoded; empty for a well-formed message. */
  parseWarnings: string[];
}

export type MailboxRole = 'INBOX' | 'SENT' | 'DRAFTS' | 'OUTBOX' | 'TRASH' | 'SPAM' | 'ARCHIVE' | 'OTHER';

export interface MailboxValue {
  providerId: string;
  name: string;
  role: MailboxRole;
  totalCount: number | null;
  unreadCount: number | null;
}

export interface EmailFilterValue {
  mailboxIds?: string[];
  from?: string;
  to?: string;
  receivedAfter?: Date;
  receivedBefore?: Date;
  search?: string;
  unread?: boolean;
}

export interface EmailPage {
  emails: EmailValue[];
  /** Provider paging token for the next page; null on the last page. */
  nextPageToken: string | null;
  /** Total matches when the provider reports it (Gmail's estimate, Graph's @odata.count). */
  totalCount: number | null;
}

/** An outgoing message as built MIME plus the facts adapters need beside it. */
export interface OutgoingMessage {
  raw: Buffer;
  /** Provider thread id of the message replied to, so the provider keeps the thread together. */
  threadId: string | null;
}

/** One provider's mail API translated into the unified model. */
export interface MailAdapter {
  listMailboxes(): Promise<MailboxValue[]>;
  listEmails(filter: EmailFilterValue, pageSize: number, pageToken: string | null): Promise<EmailPage>;
  getEmail(providerId: string): Promise<EmailValue>;
  getAttachmentContent(emailProviderId: string, key: string): Promise<Buffer>;
  /** Sends a message and returns the provider id of the sent copy. */
  send(message: OutgoingMessage): Promise<string>;
  createDraft(message: OutgoingMessage): Promise<string>;
  /** Replaces a draft whole and returns its (possibly new) provider id. */
  updateDraft(draftId: string, message: OutgoingMessage): Promise<string>;
  sendDraft(draftId: string): Promise<string>;
  trash(providerIds: string[]): Promise<void>;
  setSeen(providerIds: string[], seen: boolean): Promise<void>;
  setFlagged(providerIds: string[], flagged: boolean): Promise<void>;
}
