import iconv from 'iconv-lite';
import libmime from 'libmime';
import { decode as decodeCharset } from 'libmime/lib/charset';
import addressparser from 'nodemailer/lib/addressparser';
import type { AddressValue, AttachmentValue } from './mail-model';
import { normalizeHeaderText, parseDateHeader, withoutStrayNames } from './mime';

/** A MIME part as Gmail's `format=full` returns it (users.messages resource, MessagePart). */
export interface GmailMessagePart {
  partId?: string;
  mimeType?: string;
  filename?: string;
  headers?: { name: string; value: string }[];
  body?: { attachmentId?: string; size?: number; data?: string };
  parts?: GmailMessagePart[];
}

export interface DecodedPayload {
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
  attachments: AttachmentValue[];
  parseWarnings: string[];
}

function header(part: GmailMessagePart, name: string): string | null {
  const found = part.headers?.find((entry) => entry.name.toLowerCase() === name);
  return found ? found.value : null;
}

function decodeWordsSafely(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

export function parseAddressHeader(value: string | null): AddressValue[] {
  if (!value) return [];
  const result: AddressValue[] = [];
  const visit = (entries: ReturnType<typeof addressparser>) => {
    for (const entry of entries) {
      if ('group' in entry && entry.group) visit(entry.group);
      else if ('address' in entry && (entry.address || entry.name)) {
        result.push({ name: entry.name ? decodeWordsSafely(entry.name) : null, address: entry.address || null });
      }
    }
  };
  visit(addressparser(value));
  return withoutStrayNames(result);
}

/** Decodes a text part's bytes by its declared charset, reporting a charset iconv-lite does not know. */
function decodeText(data: Buffer, contentType: string | null, warnings: string[]): string {
  const parsed = contentType ? libmime.parseHeaderValue(contentType) : { params: {} as Record<string, string> };
  const declared = (parsed.params.charset ?? 'utf-8').trim().replace(/^"|"$/g, '');
  const charset = libmime.normalizeCharset(declared);
  const known = iconv.encodingExists(charset) || /^(ISO-2022-JP|SHIFT_JIS|EUC-JP)/i.test(charset);
  if (!known) warnings.push(`The charset "${declared}" of a text part is unknown; the part was decoded as UTF-8.`);
  return decodeCharset(data, charset);
}

/**
 * Turns a Gmail `format=full` payload into bodies, addresses and attachment metadata.
 * Attachment keys are `gmail:<attachmentId>` for content fetched with attachments.get and
 * `part:<partId>` for content Gmail returned inline in the payload.
 */
export function decodeGmailPayload(payload: GmailMessagePart): DecodedPayload {
  const warnings: string[] = [];
  const texts: string[] = [];
  const htmls: string[] = [];
  const attachments: AttachmentValue[] = [];

  const walk = (part: GmailMessagePart) => {
    const mimeType = (part.mimeType ?? 'text/plain').toLowerCase();
    if (part.parts && part.parts.length > 0) {
      for (const child of part.parts) walk(child);
      return;
    }
    const disposition = header(part, 'content-disposition')?.toLowerCase() ?? '';
    const isAttachment = Boolean(part.filename) || disposition.startsWith('attachment');
    if (!isAttachment && (mimeType === 'text/plain' || mimeType === 'text/html')) {
      const data = Buffer.from(part.body?.data ?? '', 'base64url');
      const text = decodeText(data, header(part, 'content-type'), warnings);
      (mimeType === 'text/html' ? htmls : texts).push(text);
      return;
    }
    if (mimeType.startsWith('multipart/')) return;
    const contentId = header(part, 'content-id')?.replace(/^<|>$/g, '') ?? null;
    const key = part.body?.attachmentId ? `gmail:${part.body.attachmentId}` : `part:${part.partId ?? ''}`;
    attachments.push({
      key,
      fileName: part.filename ? part.filename : null,
      mimeType,
      size: part.body?.size ?? 0,
      inline: disposition.startsWith('inline') || (!part.filename && contentId !== null),
      contentId,
    });
  };
  walk(payload);

  const rawSubject = header(payload, 'subject');
  const rawDate = header(payload, 'date');
  const sentAt = parseDateHeader(rawDate);
  if (rawDate && !sentAt) warnings.push(`The Date header "${rawDate}" is not a valid date.`);
  const from = parseAddressHeader(header(payload, 'from'));
  if (header(payload, 'from') === null) warnings.push('The message has no From header.');

  return {
    subject: rawSubject === null ? null : normalizeHeaderText(decodeWordsSafely(rawSubject)),
    text: texts.length > 0 ? texts.join('\n') : null,
    html: htmls.length > 0 ? htmls.join('\n') : null,
    from,
    to: parseAddressHeader(header(payload, 'to')),
    cc: parseAddressHeader(header(payload, 'cc')),
    bcc: parseAddressHeader(header(payload, 'bcc')),
    replyTo: parseAddressHeader(header(payload, 'reply-to')),
    sentAt,
    messageId: header(payload, 'message-id'),
    attachments,
    parseWarnings: warnings,
  };
}

/** Finds a leaf part by its partId. */
export function findPart(payload: GmailMessagePart, partId: string): GmailMessagePart | null {
  if (payload.partId === partId) return payload;
  for (const child of payload.parts ?? []) {
    const found = findPart(child, partId);
    if (found) return found;
  }
  return null;
}
