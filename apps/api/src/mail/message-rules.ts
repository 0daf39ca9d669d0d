import { badUserInput } from '../graphql/errors';
import type { EmailAddressInput, EmailMessageInput } from './inputs/mail.inputs';

/** Max recipients of one message, to, cc and bcc together. */
export const maxRecipients = 500;
/** Max Reply-To addresses of one message. */
export const maxReplyToAddresses = 20;
/** Max length of an address in UTF-8 bytes: a 256-byte SMTP path (RFC 5321 section 4.5.3.1.3) less its angle brackets. */
export const maxAddressBytes = 254;
/** Max length of the local part in UTF-8 bytes (RFC 5321 section 4.5.3.1.1). */
export const maxLocalPartBytes = 64;
/** Max length of a subject: a header line may be 998 characters (RFC 5322 section 2.1.1). */
export const maxSubjectLength = 998;
/** Max length of a display name. */
export const maxNameLength = 256;

// RFC 5322 atext, plus any non-ASCII character for internationalized addresses (RFC 6531).
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\u{10FFFF}]+";
const localPartPattern = new RegExp(`^${atom}(?:\\.${atom})*$`, 'u');
const domainLabelPattern = /^[A-Za-z0-9\u0080-\u{10FFFF}](?:[A-Za-z0-9\-\u0080-\u{10FFFF}]*[A-Za-z0-9\u0080-\u{10FFFF}])?$/u;
const controlCharacter = /\p{Cc}/u;
const whitespace = /\s/u;

type AddressListName = 'to' | 'cc' | 'bcc' | 'replyTo';

/**
 * Returns why an address is not one plain `local@domain` address, or null when it is.
 * Quoted local parts, comments and address literals (`user@[192.0.2.1]`) are not accepted.
 */
export function addressProblem(address: string): string | null {
  if (address.length === 0) return 'must not be empty';
  if (controlCharacter.test(address)) return 'must not contain control characters such as CR or LF';
  if (whitespace.test(address)) return 'must be a single address of the form local@domain, without whitespace';
  const bytes = Buffer.byteLength(address, 'utf8');
  if (bytes > maxAddressBytes) return `must be at most ${maxAddressBytes} bytes in UTF-8 (got ${bytes})`;

  const at = address.lastIndexOf('@');
  if (at < 0) return 'must be a single address of the form local@domain';
  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!localPartPattern.test(localPart)) {
    return 'must be a single address of the form local@domain, with a local part of letters, digits, dots and !#$%&\'*+/=?^_`{|}~- only';
  }
  if (Buffer.byteLength(localPart, 'utf8') > maxLocalPartBytes) return `must have a local part (before @) of at most ${maxLocalPartBytes} bytes`;
  const labels = domain.split('.');
  if (labels.some((label) => label.length > 63 || !domainLabelPattern.test(label))) {
    return 'must be a single address of the form local@domain, with a domain of dot-separated labels of letters, digits and hyphens';
  }
  return null;
}

function checkAddressList(entries: EmailAddressInput[], list: AddressListName): void {
  entries.forEach((entry, index) => {
    const field = `input.${list}[${index}]`;
    const problem = addressProblem(entry.address);
    if (problem) throw badUserInput(`${field}.address`, `${field}.address ${problem}.`);

    const name = entry.name;
    if (name === null || name === undefined) return;
    if (controlCharacter.test(name)) throw badUserInput(`${field}.name`, `${field}.name must not contain control characters such as CR or LF.`);
    if (name.length > maxNameLength) throw badUserInput(`${field}.name`, `${field}.name must be at most ${maxNameLength} characters (got ${name.length}).`);
  });
}

/**
 * Checks the headers of an outgoing message before any provider receives it, so that every
 * provider gets the same rules and no value can add a header line of its own.
 * `requireRecipient` is true for sending and false for drafts, which may have none yet.
 */
export function checkMessageHeaders(input: EmailMessageInput, options: { requireRecipient: boolean }): void {
  const recipientCount = input.to.length + input.cc.length + input.bcc.length;
  if (options.requireRecipient && recipientCount === 0) {
    throw badUserInput('input.to', 'A message to send needs at least one recipient in input.to, input.cc or input.bcc.');
  }
  if (recipientCount > maxRecipients) {
    throw badUserInput('input.to', `input.to, input.cc and input.bcc may hold at most ${maxRecipients} addresses together (got ${recipientCount}).`);
  }
  if (input.replyTo.length > maxReplyToAddresses) {
    throw badUserInput('input.replyTo', `input.replyTo may hold at most ${maxReplyToAddresses} addresses (got ${input.replyTo.length}).`);
  }
  for (const list of ['to', 'cc', 'bcc', 'replyTo'] as const) checkAddressList(input[list], list);

  if (controlCharacter.test(input.subject)) {
    throw badUserInput('input.subject', 'input.subject must not contain control characters such as CR or LF.');
  }
  if (input.subject.length > maxSubjectLength) {
    throw badUserInput('input.subject', `input.subject must be at most ${maxSubjectLength} characters (got ${input.subject.length}).`);
  }
}
