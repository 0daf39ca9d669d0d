import libmime from 'libmime';

/**
 * A structural MIME splitter for the format servers: it cuts a raw message into the part
 * tree that Gmail's `format=full` and Graph's attachment list describe, decoding only the
 * transfer encoding. It tolerates malformed input the way a mail store does: a part it
 * cannot split is kept as one opaque leaf.
 */
export interface MimeNode {
  partId: string;
  headers: { name: string; value: string }[];
  mimeType: string;
  filename: string;
  /** Body bytes after base64 or quoted-printable decoding; empty for multiparts. */
  body: Buffer;
  children: MimeNode[];
}

function splitHeaderBlock(raw: Buffer): { headerText: string; body: Buffer } {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { headerText: text, body: Buffer.alloc(0) };
  return { headerText: text.slice(0, match.index), body: raw.subarray(match.index + match[0].length) };
}

function parseHeaders(headerText: string): { name: string; value: string }[] {
  const headers: { name: string; value: string }[] = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  // Header bytes are kept as Latin-1 code units; re-read them as UTF-8 where they form valid UTF-8 (RFC 6532).
  return headers.map((header) => ({ name: header.name, value: utf8IfValid(header.value) }));
}

function utf8IfValid(latin1: string): string {
  const bytes = Buffer.from(latin1, 'latin1');
  const decoded = bytes.toString('utf8');
  return decoded.includes('\uFFFD') ? latin1 : decoded;
}

export function headerValue(headers: { name: string; value: string }[], name: string): string {
  return headers.find((header) => header.name.toLowerCase() === name)?.value ?? '';
}

function parameter(value: string, name: string): string {
  const match = new RegExp(`${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : '';
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const hex = text.slice(index + 1, index + 3);
    if (text[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeTransfer(body: Buffer, encoding: string): Buffer {
  const name = encoding.trim().toLowerCase();
  if (name === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (name === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Decodes the file name as providers do: RFC 2231 parameters, then RFC 2047 encoded-words. */
function fileNameOf(headers: { name: string; value: string }[]): string {
  const read = (value: string, name: string) => {
    if (!value) return '';
    try {
      return libmime.decodeWords(libmime.parseHeaderValue(value).params[name] ?? '');
    } catch {
      return parameter(value, name);
    }
  };
  return read(headerValue(headers, 'content-disposition'), 'filename') || read(headerValue(headers, 'content-type'), 'name');
}

/** Splits a raw message (or part) into a tree; `partId` follows Gmail's numbering ("", "0", "0.1", ...). */
export function parseMimeTree(raw: Buffer, partId = ''): MimeNode {
  const { headerText, body } = splitHeaderBlock(raw);
  const headers = parseHeaders(headerText);
  const contentType = headerValue(headers, 'content-type');
  const mimeType = (contentType.split(';')[0].trim() || 'text/plain').toLowerCase();
  const node: MimeNode = { partId, headers, mimeType, filename: fileNameOf(headers), body: Buffer.alloc(0), children: [] };

  const boundary = parameter(contentType, 'boundary');
  if (mimeType.startsWith('multipart/') && boundary) {
    const text = body.toString('latin1');
    const delimiter = escapeRegExp(`--${boundary}`);
    const closing = text.search(new RegExp(`(?:^|\\r?\\n)${delimiter}--`));
    const inner = closing >= 0 ? text.slice(0, closing) : text;
    const parts = inner.split(new RegExp(`(?:^|\\r?\\n)${delimiter}[ \\t]*(?:\\r?\\n|$)`)).slice(1);
    if (parts.length > 0) {
      node.children = parts.map((piece, index) =>
        parseMimeTree(Buffer.from(piece, 'latin1'), partId === '' ? String(index) : `${partId}.${index}`),
      );
      return node;
    }
  }
  node.body = decodeTransfer(body, headerValue(headers, 'content-transfer-encoding'));
  return node;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Leaves of the tree in document order. */
export function leavesOf(node: MimeNode): MimeNode[] {
  return node.children.length === 0 ? [node] : node.children.flatMap(leavesOf);
}
