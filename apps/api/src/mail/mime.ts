import libmime from 'libmime';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { AddressValue, AttachmentValue } from './mail-model';

/** The decoded content of a raw RFC 5322 message; provider facts such as flags come from the adapter. */
export interface ParsedMessage {
  subject: string | null;
  text: string | null;
  html: string | null;
  from: AddressValue[];
  to: AddressValue[];
  cc: AddressValue[];
  bcc: AddressValue[];
  replyTo: AddressValue[];
  sentAt: Date | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Attachment keys are `mime:<index>`, the position in `parsedAttachments`. */
  attachments: AttachmentValue[];
  parseWarnings: string[];
}

/** Dates outside 1900 to 2200 come from broken Date headers, so they are reported instead of shown. */
export function isPlausibleDate(date: Date): boolean {
  const time = date.getTime();
  return !Number.isNaN(time) && time >= Date.UTC(1900, 0, 1) && time < Date.UTC(2200, 0, 1);
}

/**
 * Drops name-only entries (trailing comments, empty groups) when the header also has real
 * addresses. A header with nothing but a name keeps it, so callers still see what was there.
 */
export function withoutStrayNames(entries: AddressValue[]): AddressValue[] {
  const addressed = entries.filter((entry) => entry.address);
  return addressed.length > 0 ? addressed : entries;
}

/** Collapses the whitespace runs that header folding leaves in a display text such as a subject. */
export function normalizeHeaderText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Parses a Date header, also in the obsolete RFC 5322 forms: comments and whitespace around
 * the time's colons are removed first. Returns null for unreadable or implausible dates.
 */
export function parseDateHeader(value: string | null | undefined): Date | null {
  if (!value) return null;
  let text = value;
  for (let depth = 0; depth < 3; depth++) text = text.replace(/\([^()]*\)/g, ' ');
  text = text.replace(/\s*:\s*/g, ':').replace(/\s+/g, ' ').trim();
  const date = new Date(text);
  return isPlausibleDate(date) ? date : null;
}

/** Removes whitespace between a header name and its colon (obsolete syntax, RFC 5322 section 4.5). */
function normalizeHeaderNames(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end < 0 ? text : text.slice(0, end);
  if (!/^[!-9;-~]+[ \t]+:/m.test(head)) return raw;
  return Buffer.from(head.replace(/^([!-9;-~]+)[ \t]+:/gm, '$1:') + (end < 0 ? '' : text.slice(end)), 'latin1');
}

export function addressesOf(field: AddressObject | AddressObject[] | undefined): AddressValue[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const result: AddressValue[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address || entry.name) result.push({ name: entry.name || null, address: entry.address || null });
    }
  };
  for (const object of objects) visit(object.value);
  return withoutStrayNames(result);
}

/** Parses a raw message and returns its parts; throws only on bugs, never on bad input. */
async function parseWithWarnings(raw: Buffer): Promise<{ mail: ParsedMail | null; warnings: string[] }> {
  try {
    const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipHtmlToText: true });
    return { mail, warnings: [] };
  } catch (error) {
    return { mail: null, warnings: [`The MIME structure could not be parsed (${(error as Error).message}); the body is shown as raw text.`] };
  }
}

function headerText(mail: ParsedMail, name: string): string | null {
  const line = mail.headerLines.find((header) => header.key === name);
  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : null;
}

/**
 * Decodes a raw message: headers, bodies and attachment metadata, with a warning for
 * every header or part that could not be decoded, so callers get what could be read.
 */
export async function parseMime(raw: Buffer): Promise<ParsedMessage & { attachmentContents: Buffer[] }> {
  const { mail, warnings } = await parseWithWarnings(normalizeHeaderNames(raw));
  if (!mail) {
    return {
      subject: null,
      text: raw.toString('latin1'),
      html: null,
      from: [],
      to: [],
      cc: [],
      bcc: [],
      replyTo: [],
      sentAt: null,
      messageId: null,
      inReplyTo: null,
      references: [],
      attachments: [],
      attachmentContents: [],
      parseWarnings: warnings,
    };
  }

  const from = addressesOf(mail.from);
  const rawFrom = headerText(mail, 'from');
  if (rawFrom !== null && from.length === 0) warnings.push('The From header could not be parsed as an address.');
  if (rawFrom === null) warnings.push('The message has no From header.');

  // mailparser substitutes the current time for an unreadable Date header, so the header is parsed here too.
  const rawDate = headerText(mail, 'date');
  const sentAt = parseDateHeader(rawDate);
  if (rawDate !== null && !sentAt) warnings.push(`The Date header "${rawDate}" is not a valid date.`);

  const attachments: AttachmentValue[] = mail.attachments.map((attachment, index) => ({
    key: `mime:${index}`,
    fileName: attachment.filename ?? null,
    mimeType: attachment.contentType || 'application/octet-stream',
    size: attachment.size ?? attachment.content.length,
    inline: attachment.contentDisposition === 'inline' || (!attachment.filename && Boolean(attachment.cid)) || attachment.related === true,
    contentId: attachment.cid ?? null,
  }));

  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  return {
    subject: normalizeHeaderText(mail.subject),
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    from,
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    bcc: addressesOf(mail.bcc),
    replyTo: addressesOf(mail.replyTo),
    sentAt,
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references,
    attachments,
    attachmentContents: mail.attachments.map((attachment) => attachment.content),
    parseWarnings: warnings,
  };
}

export interface ComposeInput {
  from?: AddressValue | null;
  to: AddressValue[];
  cc: AddressValue[];
  bcc: AddressValue[];
  replyTo: AddressValue[];
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { fileName: string; mimeType: string; content: Buffer; contentId?: string | null; inline?: boolean }[];
  inReplyTo?: string | null;
  references?: string[];
  date?: Date;
  messageId?: string;
}

function formatAddresses(addresses: AddressValue[]): { name: string; address: string }[] {
  return addresses.filter((entry) => entry.address).map((entry) => ({ name: entry.name ?? '', address: entry.address as string }));
}

/** Builds an RFC 5322 message with nodemailer's MailComposer; Bcc is kept so providers can deliver it. */
export async function composeMime(input: ComposeInput): Promise<Buffer> {
  const composer = new MailComposer({
    from: input.from?.address ? { name: input.from.name ?? '', address: input.from.address } : undefined,
    to: formatAddresses(input.to),
    cc: formatAddresses(input.cc),
    bcc: formatAddresses(input.bcc),
    replyTo: formatAddresses(input.replyTo),
    subject: input.subject,
    text: input.text ?? undefined,
    html: input.html ?? undefined,
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references && input.references.length > 0 ? input.references : undefined,
    date: input.date,
    messageId: input.messageId,
    attachments: input.attachments.map((attachment) => ({
      filename: attachment.fileName,
      contentType: attachment.mimeType,
      content: attachment.content,
      cid: attachment.contentId ?? undefined,
      contentDisposition: attachment.inline ? ('inline' as const) : ('attachment' as const),
    })),
  });
  const node = composer.compile();
  node.keepBcc = true;
  return node.build();
}

/** Formats one address for a header: a quoted ASCII name, an RFC 2047 encoded-word otherwise. */
function formatMailbox(mailbox: { name: string | null; address: string }): string {
  const name = mailbox.name?.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return `<${mailbox.address}>`;
  const displayName = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : libmime.encodeWord(name, 'Q');
  return `${displayName} <${mailbox.address}>`;
}

/** Headers a mail server adds to a submitted message that lacks them. */
export interface SubmissionHeaders {
  from: { name: string | null; address: string };
  date: Date;
  messageId: string;
}

/**
 * Adds From, Date and Message-ID to a raw message's top-level header block where they are
 * missing, as Gmail and Microsoft Graph do with a message their user submits. Headers the
 * message has are kept. The new lines use the message's own line ending.
 */
export function addMissingSubmissionHeaders(raw: Buffer, headers: SubmissionHeaders): Buffer {
  const blankLines = [raw.indexOf('\n\n'), raw.indexOf('\n\r\n')].filter((index) => index >= 0);
  const headEnd = blankLines.length > 0 ? Math.min(...blankLines) : raw.length;
  const head = raw.subarray(0, headEnd).toString('latin1');
  const newline = head.endsWith('\r') || (blankLines.length === 0 && head.includes('\r\n')) ? '\r\n' : '\n';
  const has = (name: string) => new RegExp(`^${name}[ \\t]*:`, 'im').test(head);

  const added: string[] = [];
  if (!has('from')) added.push(`From: ${formatMailbox(headers.from)}`);
  if (!has('date')) added.push(`Date: ${headers.date.toUTCString().replace('GMT', '+0000')}`);
  if (!has('message-id')) added.push(`Message-ID: ${headers.messageId}`);
  if (added.length === 0) return raw;
  return Buffer.concat([Buffer.from(added.map((line) => line + newline).join(''), 'latin1'), raw]);
}
