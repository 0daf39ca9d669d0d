import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../graphql/connection';
import { Cost, ValueType } from '../metering/cost-annotations';

export enum MailboxType {
  INBOX = 'INBOX',
  SENT = 'SENT',
  DRAFTS = 'DRAFTS',
  OUTBOX = 'OUTBOX',
  TRASH = 'TRASH',
  SPAM = 'SPAM',
  ARCHIVE = 'ARCHIVE',
  OTHER = 'OTHER',
}

registerEnumType(MailboxType, {
  name: 'MailboxType',
  description: 'The role of a mailbox; user-made folders and labels are OTHER.',
});

@ObjectType({ description: 'A folder (Microsoft Graph, sandbox) or label (Gmail) that holds emails.' })
export class Mailbox {
  @Field(() => ID, { description: 'Opaque id; pass it in `EmailFilter.mailboxIds`.' })
  id: string;

  @Field({ description: 'Display name at the provider.' })
  name: string;

  @Field(() => MailboxType, { description: 'Role of the mailbox.' })
  type: MailboxType;

  @Field(() => Int, { nullable: true, description: 'Number of emails in the mailbox; null when the provider does not report it.' })
  totalCount: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of unread emails; null when the provider does not report it.' })
  unreadCount: number | null;
}

@ValueType()
@ObjectType({ description: 'A mailbox address with its optional display name.' })
export class EmailAddress {
  @Field(() => String, { nullable: true, description: 'Display name, decoded from MIME encoded-words; null when absent.' })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'The address (local@domain); null when the header held only a name.' })
  address: string | null;
}

@ValueType()
@ObjectType({ description: 'Flags of an email.' })
export class EmailFlags {
  @Field({ description: 'True when the email has been read.' })
  seen: boolean;

  @Field({ description: 'True when the email is flagged (Gmail: starred).' })
  flagged: boolean;
}

@ValueType()
@ObjectType({ description: 'Facts about an attachment; the content is fetched only when `content` is selected.' })
export class AttachmentMetadata {
  @Field(() => ID, { description: 'Opaque id; also accepted by the `attachment` query.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'File name, decoded; null for unnamed parts such as some inline images.' })
  fileName: string | null;

  @Field({ description: 'MIME type, for example application/pdf.' })
  mimeType: string;

  @Field(() => Int, { description: 'Size of the decoded content in bytes, as the provider reports it.' })
  size: number;

  @Field({ description: 'True when the part is shown inside the body (Content-Disposition inline or referenced by Content-ID).' })
  inline: boolean;

  @Field(() => String, { nullable: true, description: 'Content-ID without angle brackets, referenced from HTML as cid:...' })
  contentId: string | null;

  /** Set by the resolver to fetch `content`; not a GraphQL field. */
  emailProviderId: string;
  integrationId: string;
  key: string;
}

@ObjectType({ description: 'One email message.' })
export class Email {
  @Field(() => ID, { description: 'Opaque id carrying the integration and the provider id.' })
  id: string;

  @Field(() => String, { nullable: true, description: "The provider's thread (conversation) id; emails of one thread share it." })
  threadId: string | null;

  @Field(() => String, { nullable: true, description: 'Subject, decoded, with folding whitespace collapsed to single spaces; null when the message has none.' })
  subject: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Plain-text body; null when the message has only HTML. In `emails` listings of Microsoft Graph integrations only the body format Graph stored is filled; `email(id)` returns both.',
  })
  text: string | null;

  @Field(() => String, { nullable: true, description: 'HTML body; null when the message has only plain text (see `text` for Microsoft Graph listings).' })
  html: string | null;

  @Field(() => [EmailAddress], { description: 'Senders from the From header (usually one).' })
  from: EmailAddress[];

  @Field(() => [EmailAddress], { description: 'To recipients.' })
  to: EmailAddress[];

  @Field(() => [EmailAddress], { description: 'Cc recipients.' })
  cc: EmailAddress[];

  @Field(() => [EmailAddress], { description: 'Bcc recipients; known only for messages the user sent or drafted.' })
  bcc: EmailAddress[];

  @Field(() => [EmailAddress], { description: 'Reply-To addresses.' })
  replyTo: EmailAddress[];

  @Field(() => EmailFlags, { description: 'Read and flagged state.' })
  flags: EmailFlags;

  @Field(() => [String], { description: 'User labels or categories (Gmail user labels, Graph categories).' })
  labels: string[];

  @Field(() => [ID], { description: 'Ids of the mailboxes that hold the email.' })
  mailboxIds: string[];

  @Field(() => Date, { nullable: true, description: 'When the provider received the email (UTC).' })
  receivedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The Date header (UTC); null when missing or invalid (see parseWarnings).' })
  sentAt: Date | null;

  @Field({ description: 'True for an unsent draft.' })
  draft: boolean;

  @Field(() => [AttachmentMetadata], { description: 'Attachments and inline parts, without content.' })
  @Cost({ listSize: 10 })
  attachments: AttachmentMetadata[];

  @Field(() => [String], { description: 'What could not be decoded (an invalid date, an unknown charset, a broken MIME structure); empty when all was read.' })
  parseWarnings: string[];
}

@ObjectType({ description: 'An email in a connection.' })
export class EmailEdge {
  @Field({ description: 'Pass as `after` to read the emails after this one.' })
  cursor: string;

  @Field(() => Email, { description: 'The email.' })
  node: Email;
}

@ObjectType({ description: 'A page of emails, newest first.' })
export class EmailConnection {
  @Field(() => [EmailEdge], { description: 'The emails of this page.' })
  edges: EmailEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo: PageInfo;

  @Field(() => Int, { nullable: true, description: "Number of matching emails; the provider's estimate for Gmail, null when unknown." })
  totalCount: number | null;
}

@ObjectType({ description: 'An unsent draft.' })
export class Draft {
  @Field(() => ID, { description: 'Opaque draft id for updateDraft and sendDraft.' })
  id: string;

  @Field(() => Email, { description: 'The draft message.' })
  email: Email;
}

@ObjectType({ description: 'Result of sendEmail.' })
export class SendEmailPayload {
  @Field(() => Email, { description: 'The sent message as stored in the sender’s mailbox.' })
  email: Email;
}

@ObjectType({ description: 'Result of createDraft.' })
export class CreateDraftPayload {
  @Field(() => Draft, { description: 'The new draft.' })
  draft: Draft;
}

@ObjectType({ description: 'Result of updateDraft.' })
export class UpdateDraftPayload {
  @Field(() => Draft, { description: 'The draft after replacement; its id may change (Microsoft Graph).' })
  draft: Draft;
}

@ObjectType({ description: 'Result of sendDraft.' })
export class SendDraftPayload {
  @Field(() => Email, { description: 'The sent message.' })
  email: Email;
}

@ObjectType({ description: 'Result of trashEmails.' })
export class TrashEmailsPayload {
  @Field(() => [ID], { description: 'Ids of the emails moved to the trash.' })
  trashedIds: string[];
}

@ObjectType({ description: 'Result of updateEmailFlags.' })
export class UpdateEmailFlagsPayload {
  @Field(() => [ID], { description: 'Ids of the emails whose flags were changed.' })
  updatedIds: string[];
}

@ObjectType({ description: 'Content of one attachment.' })
export class AttachmentContent {
  @Field(() => AttachmentMetadata, { description: 'The attachment.' })
  metadata: AttachmentMetadata;

  @Field({ description: 'The decoded content, base64-encoded.' })
  content: string;
}
