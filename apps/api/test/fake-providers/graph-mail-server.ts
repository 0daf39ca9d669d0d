import iconv from 'iconv-lite';
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import { FakeHttpServer, json, notFoundResponse, type FakeRequest, type FakeResponse } from './http-server';
import type { FakeMailStore, StoredMessage } from './mail-store';
import { headerValue, leavesOf, parseMimeTree, type MimeNode } from './mime-tree';

/**
 * Serves a FakeMailStore in the Microsoft Graph v1.0 mail format (mailFolders, messages
 * with $select/$expand/$filter/$search/$top and @odata.nextLink, /$value MIME, attachments,
 * draft creation from MIME, send, move, PATCH and JSON batching), as documented at
 * learn.microsoft.com/graph/api/resources/message. Folder ids are opaque strings; the
 * well-known names (inbox, sentitems, ...) resolve to them.
 */
export function createGraphMailServer(store: FakeMailStore, accessToken: string): FakeHttpServer {
  const server: FakeHttpServer = new FakeHttpServer(accessToken, (request) => route(store, request, server.url));
  return server;
}

const folders = [
  { name: 'inbox', displayName: 'Inbox' },
  { name: 'sentitems', displayName: 'Sent Items' },
  { name: 'drafts', displayName: 'Drafts' },
  { name: 'deleteditems', displayName: 'Deleted Items' },
  { name: 'junkemail', displayName: 'Junk Email' },
  { name: 'archive', displayName: 'Archive' },
];

const folderId = (name: string) => `AQMkFolder-${name}`;

function resolveFolder(idOrName: string): string | null {
  const byName = folders.find((folder) => folder.name === idOrName.toLowerCase());
  if (byName) return byName.name;
  const byId = folders.find((folder) => folderId(folder.name) === idOrName);
  return byId ? byId.name : null;
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

function recipients(value: string): { emailAddress: { name: string; address: string } }[] {
  const result: { emailAddress: { name: string; address: string } }[] = [];
  const visit = (entries: ReturnType<typeof addressparser>) => {
    for (const entry of entries) {
      if ('group' in entry && entry.group) visit(entry.group);
      else if ('address' in entry && (entry.address || entry.name)) result.push({ emailAddress: { name: decodeWords(entry.name ?? ''), address: entry.address ?? '' } });
    }
  };
  if (value) visit(addressparser(value));
  return result;
}

function isBodyLeaf(node: MimeNode): boolean {
  return (node.mimeType === 'text/plain' || node.mimeType === 'text/html') && !node.filename && !/attachment/i.test(headerValue(node.headers, 'content-disposition'));
}

function decodeText(node: MimeNode): string {
  const charset = libmime.normalizeCharset((/charset="?([^";\s]+)"?/i.exec(headerValue(node.headers, 'content-type'))?.[1] ?? 'utf-8').trim());
  return iconv.encodingExists(charset) ? iconv.decode(node.body, charset) : node.body.toString('utf8');
}

/** Reads a Date header as a mail server does, ignoring comments and spaces around the time's colons. */
function parseObsoleteDate(value: string): number {
  const text = value.replace(/\([^()]*\)/g, ' ').replace(/\s*:\s*/g, ':').replace(/\s+/g, ' ').trim();
  return Date.parse(text);
}

function attachmentsOf(message: StoredMessage) {
  return leavesOf(parseMimeTree(message.raw))
    .filter((node) => !isBodyLeaf(node) && !node.mimeType.startsWith('multipart/'))
    .map((node) => {
      const contentId = headerValue(node.headers, 'content-id').replace(/^<|>$/g, '') || null;
      const itemAttachment = node.mimeType === 'message/rfc822';
      return {
        node,
        resource: {
          '@odata.type': itemAttachment ? '#microsoft.graph.itemAttachment' : '#microsoft.graph.fileAttachment',
          id: `AAMkAtt-${message.id}-${node.partId}`,
          name: node.filename || (itemAttachment ? 'Attached message' : null),
          contentType: node.mimeType,
          size: node.body.length,
          isInline: /^inline/i.test(headerValue(node.headers, 'content-disposition')) || (!node.filename && contentId !== null),
          contentId,
        },
      };
    });
}

function toResource(message: StoredMessage, select: string | null, expandAttachments: boolean): Record<string, unknown> {
  const tree = parseMimeTree(message.raw);
  const leaves = leavesOf(tree);
  const html = leaves.find((node) => node.mimeType === 'text/html' && isBodyLeaf(node));
  const text = leaves.find((node) => node.mimeType === 'text/plain' && isBodyLeaf(node));
  const date = parseObsoleteDate(headerValue(tree.headers, 'date'));
  const from = recipients(headerValue(tree.headers, 'from'));
  const attachments = attachmentsOf(message);
  const resource: Record<string, unknown> = {
    id: message.id,
    conversationId: `conv-${message.threadId}`,
    subject: decodeWords(headerValue(tree.headers, 'subject')),
    body: html ? { contentType: 'html', content: decodeText(html) } : { contentType: 'text', content: text ? decodeText(text) : '' },
    from: from[0] ?? null,
    toRecipients: recipients(headerValue(tree.headers, 'to')),
    ccRecipients: recipients(headerValue(tree.headers, 'cc')),
    bccRecipients: recipients(headerValue(tree.headers, 'bcc')),
    replyTo: recipients(headerValue(tree.headers, 'reply-to')),
    isRead: !message.labelIds.includes('UNREAD'),
    isDraft: message.folderId === 'drafts',
    flag: { flagStatus: message.labelIds.includes('STARRED') ? 'flagged' : 'notFlagged' },
    categories: message.labelIds.filter((id) => id.startsWith('Label_')).map((id) => id.slice(6)),
    parentFolderId: folderId(message.folderId),
    receivedDateTime: new Date(message.internalDate).toISOString(),
    sentDateTime: Number.isNaN(date) ? null : new Date(date).toISOString(),
    internetMessageId: headerValue(tree.headers, 'message-id') || null,
    hasAttachments: attachments.length > 0,
  };
  if (expandAttachments) resource.attachments = attachments.map((attachment) => attachment.resource);
  if (!select) return resource;
  const fields = new Set(select.split(','));
  return Object.fromEntries(Object.entries(resource).filter(([name]) => fields.has(name) || name === 'id' || (name === 'attachments' && expandAttachments)));
}

/** Applies the $filter forms the adapter sends: receivedDateTime ge/lt and isRead eq. */
function matchesFilter(message: StoredMessage, filter: string): boolean {
  return filter.split(' and ').every((condition) => {
    const [field, operator, value] = condition.trim().split(/\s+/);
    if (field === 'receivedDateTime' && operator === 'ge') return message.internalDate >= Date.parse(value);
    if (field === 'receivedDateTime' && operator === 'lt') return message.internalDate < Date.parse(value);
    if (field === 'isRead' && operator === 'eq') return !message.labelIds.includes('UNREAD') === (value === 'true');
    return false;
  });
}

/** Applies a KQL `$search` of `from:x`, `to:x` and free words, all of which must match. */
function matchesSearch(message: StoredMessage, search: string): boolean {
  const tree = parseMimeTree(message.raw);
  const whole = message.raw.toString('latin1').toLowerCase();
  return search
    .replace(/^"|"$/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => {
      const [operator, ...rest] = term.split(':');
      const value = rest.join(':').toLowerCase();
      if (operator === 'from' && rest.length > 0) return headerValue(tree.headers, 'from').toLowerCase().includes(value);
      if (operator === 'to' && rest.length > 0) return headerValue(tree.headers, 'to').toLowerCase().includes(value);
      return whole.includes(term.toLowerCase());
    });
}

function listMessages(store: FakeMailStore, request: FakeRequest, baseUrl: string, folder: string | null): FakeResponse {
  const params = request.url.searchParams;
  const filter = params.get('$filter');
  const search = params.get('$search');
  if (search && (filter || params.get('$orderby'))) {
    return json({ error: { code: 'BadRequest', message: 'The query parameter $search cannot be combined with $filter or $orderby.' } }, 400);
  }
  const matching = store
    .sorted()
    .filter((message) => (folder ? message.folderId === folder : true))
    .filter((message) => (filter ? matchesFilter(message, filter) : true))
    .filter((message) => (search ? matchesSearch(message, search) : true));
  const top = Math.min(Number(params.get('$top') ?? 10), 1000);
  const skip = Number(params.get('$skip') ?? 0);
  const page = matching.slice(skip, skip + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${baseUrl}/v1.0/$metadata#users('me')/messages`,
    value: page.map((message) => toResource(message, params.get('$select'), (params.get('$expand') ?? '').startsWith('attachments'))),
  };
  if (params.get('$count') === 'true') body['@odata.count'] = matching.length;
  if (skip + top < matching.length) {
    const next = new URL(request.url.pathname, baseUrl);
    params.forEach((value, name) => next.searchParams.set(name, value));
    next.searchParams.set('$skip', String(skip + top));
    body['@odata.nextLink'] = next.toString();
  }
  return json(body);
}

function route(store: FakeMailStore, request: FakeRequest, baseUrl: string): FakeResponse | Promise<FakeResponse> {
  const path = request.url.pathname.replace(/^\/v1\.0/, '');
  if (request.method === 'POST' && path === '/$batch') return batch(store, request, baseUrl);

  if (request.method === 'GET' && path === '/me/mailFolders') {
    return json({
      value: folders.map((folder) => ({
        id: folderId(folder.name),
        displayName: folder.displayName,
        parentFolderId: 'AQMkRoot',
        childFolderCount: 0,
        totalItemCount: store.messages.filter((message) => message.folderId === folder.name).length,
        unreadItemCount: store.messages.filter((message) => message.folderId === folder.name && message.labelIds.includes('UNREAD')).length,
      })),
    });
  }
  const folderMatch = /^\/me\/mailFolders\/([^/]+)(\/messages)?$/.exec(path);
  if (folderMatch && request.method === 'GET') {
    const folder = resolveFolder(decodeURIComponent(folderMatch[1]));
    if (!folder) return json({ error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } }, 404);
    if (folderMatch[2]) return listMessages(store, request, baseUrl, folder);
    return json({ id: folderId(folder), displayName: folders.find((entry) => entry.name === folder)?.displayName });
  }
  if (request.method === 'GET' && path === '/me/messages') return listMessages(store, request, baseUrl, null);

  if (request.method === 'POST' && path === '/me/messages') {
    if (!String(request.headers['content-type']).startsWith('text/plain')) return json({ error: { code: 'BadRequest' } }, 400);
    // Graph sets the signed-in user as sender of a message created without a From header.
    const raw = store.withSender(Buffer.from(request.body.toString('latin1').replace(/\s+/g, ''), 'base64'));
    const created = store.add(raw, { labelIds: [], folderId: 'drafts', internalDate: Date.now() });
    return json(toResource(created, null, false), 201);
  }

  const attachment = /^\/me\/messages\/([^/]+)\/attachments\/([^/]+?)(\/\$value)?$/.exec(path);
  if (attachment && request.method === 'GET') {
    const message = store.find(decodeURIComponent(attachment[1]));
    const found = message ? attachmentsOf(message).find((entry) => entry.resource.id === decodeURIComponent(attachment[2])) : undefined;
    if (!found) return notFoundResponse();
    if (attachment[3]) return { status: 200, headers: { 'content-type': found.node.mimeType }, body: found.node.body };
    const isItem = found.resource['@odata.type'] === '#microsoft.graph.itemAttachment';
    return json(isItem ? found.resource : { ...found.resource, contentBytes: found.node.body.toString('base64') });
  }

  const action = /^\/me\/messages\/([^/]+)\/(send|move|\$value)$/.exec(path);
  if (action) {
    const message = store.find(decodeURIComponent(action[1]));
    if (!message) return json({ error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } }, 404);
    if (action[2] === '$value' && request.method === 'GET') return { status: 200, headers: { 'content-type': 'text/plain' }, body: message.raw };
    if (action[2] === 'send' && request.method === 'POST') {
      if (message.folderId !== 'drafts') return json({ error: { code: 'ErrorInvalidOperation' } }, 400);
      message.folderId = 'sentitems';
      return { status: 202 };
    }
    if (action[2] === 'move' && request.method === 'POST') {
      const destination = resolveFolder(String((JSON.parse(request.body.toString('utf8')) as { destinationId: string }).destinationId));
      if (!destination) return json({ error: { code: 'ErrorInvalidIdMalformed' } }, 400);
      message.folderId = destination;
      return json(toResource(message, null, false), 201);
    }
  }

  const single = /^\/me\/messages\/([^/]+)$/.exec(path);
  if (single) {
    const message = store.find(decodeURIComponent(single[1]));
    if (!message) return json({ error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } }, 404);
    if (request.method === 'GET') {
      const params = request.url.searchParams;
      return json(toResource(message, params.get('$select'), (params.get('$expand') ?? '').startsWith('attachments')));
    }
    if (request.method === 'DELETE') {
      store.messages.splice(store.messages.indexOf(message), 1);
      return { status: 204 };
    }
    if (request.method === 'PATCH') {
      const change = JSON.parse(request.body.toString('utf8')) as { isRead?: boolean; flag?: { flagStatus: string } };
      const labels = new Set(message.labelIds);
      if (change.isRead === true) labels.delete('UNREAD');
      if (change.isRead === false) labels.add('UNREAD');
      if (change.flag?.flagStatus === 'flagged') labels.add('STARRED');
      if (change.flag?.flagStatus === 'notFlagged') labels.delete('STARRED');
      message.labelIds = [...labels];
      return json(toResource(message, null, false));
    }
  }
  return notFoundResponse();
}

/** JSON batching: runs each request of `{requests: [...]}` (at most 20) and returns `{responses: [...]}`. */
async function batch(store: FakeMailStore, request: FakeRequest, baseUrl: string): Promise<FakeResponse> {
  const body = JSON.parse(request.body.toString('utf8')) as { requests: { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }[] };
  if (body.requests.length > 20) return json({ error: { code: 'BadRequest', message: 'Number of batch requests exceeds 20.' } }, 400);
  const responses = [];
  for (const inner of body.requests) {
    const url = new URL(inner.url.startsWith('/') ? `/v1.0${inner.url}` : `/v1.0/${inner.url}`, baseUrl);
    const result = await route(store, {
      method: inner.method,
      url,
      headers: inner.headers ?? {},
      body: Buffer.from(inner.body === undefined ? '' : JSON.stringify(inner.body)),
    }, baseUrl);
    const text = result.body === undefined ? '' : result.body.toString();
    responses.push({ id: inner.id, status: result.status, headers: { 'content-type': 'application/json' }, body: text ? JSON.parse(text) : undefined });
  }
  return json({ responses });
}
