import { FakeHttpServer, json, notFoundResponse, type FakeRequest, type FakeResponse } from './http-server';
import type { FakeMailStore, StoredMessage } from './mail-store';
import { headerValue, leavesOf, parseMimeTree, type MimeNode } from './mime-tree';

/**
 * Serves a FakeMailStore in the Gmail REST API v1 format (users.labels, users.messages,
 * users.drafts and the multipart/mixed batch endpoint), as documented at
 * developers.google.com/gmail/api/reference/rest.
 */
export function createGmailServer(store: FakeMailStore, accessToken: string): FakeHttpServer {
  return new FakeHttpServer(accessToken, (request) => route(store, request));
}

const systemLabels = ['INBOX', 'SENT', 'DRAFT', 'TRASH', 'SPAM', 'STARRED', 'UNREAD', 'IMPORTANT'];

function route(store: FakeMailStore, request: FakeRequest): FakeResponse {
  const path = request.url.pathname;
  if (request.method === 'POST' && path === '/batch/gmail/v1') return batch(store, request);
  const match = /^\/gmail\/v1\/users\/me\/(.*)$/.exec(path);
  if (!match) return notFoundResponse();
  const rest = match[1];
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};

  if (request.method === 'GET' && rest === 'labels') return listLabels(store);
  const label = /^labels\/([^/]+)$/.exec(rest);
  if (label && request.method === 'GET') return getLabel(store, decodeURIComponent(label[1]));
  if (request.method === 'GET' && rest === 'messages') return listMessages(store, request.url.searchParams);
  if (request.method === 'POST' && rest === 'messages/send') return json(toResource(insert(store, body.raw as string, ['SENT'], body.threadId as string), 'minimal'));
  if (request.method === 'POST' && rest === 'messages/batchModify') {
    for (const id of body.ids as string[]) modify(store.find(id), body);
    return { status: 204 };
  }
  if (request.method === 'POST' && rest === 'drafts') return createDraft(store, body);
  if (request.method === 'POST' && rest === 'drafts/send') {
    const messageId = store.drafts.get(body.id as string);
    const message = messageId ? store.find(messageId) : undefined;
    if (!message) return notFoundResponse();
    store.drafts.delete(body.id as string);
    message.labelIds = ['SENT'];
    return json(toResource(message, 'minimal'));
  }

  const draft = /^drafts\/([^/]+)$/.exec(rest);
  if (draft) {
    const messageId = store.drafts.get(draft[1]);
    const message = messageId ? store.find(messageId) : undefined;
    if (!message) return notFoundResponse();
    if (request.method === 'GET') return json({ id: draft[1], message: toResource(message, 'minimal') });
    if (request.method === 'PUT') {
      const update = body.message as { raw: string };
      message.raw = store.withSender(Buffer.from(update.raw, 'base64url'));
      return json({ id: draft[1], message: toResource(message, 'minimal') });
    }
  }

  const attachment = /^messages\/([^/]+)\/attachments\/([^/]+)$/.exec(rest);
  if (attachment && request.method === 'GET') {
    const message = store.find(attachment[1]);
    const leaf = message ? leavesOf(parseMimeTree(message.raw)).find((node) => attachmentIdOf(message, node) === attachment[2]) : undefined;
    if (!leaf) return notFoundResponse();
    return json({ size: leaf.body.length, data: leaf.body.toString('base64url') });
  }

  const trash = /^messages\/([^/]+)\/trash$/.exec(rest);
  if (trash && request.method === 'POST') {
    const message = store.find(trash[1]);
    if (!message) return notFoundResponse();
    message.labelIds = [...message.labelIds.filter((id) => id !== 'INBOX'), 'TRASH'];
    return json(toResource(message, 'minimal'));
  }

  const single = /^messages\/([^/]+)$/.exec(rest);
  if (single && request.method === 'GET') {
    const message = store.find(single[1]);
    if (!message) return notFoundResponse();
    return json(toResource(message, request.url.searchParams.get('format') ?? 'full'));
  }
  return notFoundResponse();
}

function listLabels(store: FakeMailStore): FakeResponse {
  const userLabels = new Set(store.messages.flatMap((message) => message.labelIds).filter((id) => id.startsWith('Label_')));
  return json({
    labels: [
      ...systemLabels.map((id) => ({ id, name: id, type: 'system' })),
      ...[...userLabels].map((id) => ({ id, name: id.slice('Label_'.length), type: 'user' })),
    ],
  });
}

/** users.labels.get: the label with its message counts, which labels.list leaves out. */
function getLabel(store: FakeMailStore, id: string): FakeResponse {
  const known = systemLabels.includes(id) || store.messages.some((message) => message.labelIds.includes(id));
  if (!known) return notFoundResponse();
  const holding = store.messages.filter((message) => message.labelIds.includes(id));
  return json({
    id,
    name: id.startsWith('Label_') ? id.slice('Label_'.length) : id,
    type: id.startsWith('Label_') ? 'user' : 'system',
    messagesTotal: holding.length,
    messagesUnread: holding.filter((message) => message.labelIds.includes('UNREAD')).length,
    threadsTotal: new Set(holding.map((message) => message.threadId)).size,
  });
}

/** Supports the search operators the adapter sends: from:, to:, after:, before:, is:unread, -is:unread and free text. */
function matchesQuery(message: StoredMessage, query: string): boolean {
  const tree = parseMimeTree(message.raw);
  const terms = query.match(/-?\w+:"[^"]*"|-?\w+:\S+|"[^"]*"|\S+/g) ?? [];
  return terms.every((term) => {
    const [operator, ...valueParts] = term.split(':');
    const value = valueParts.join(':').replace(/^"|"$/g, '').toLowerCase();
    if (operator === 'from') return headerValue(tree.headers, 'from').toLowerCase().includes(value);
    if (operator === 'to') return headerValue(tree.headers, 'to').toLowerCase().includes(value);
    if (operator === 'after') return message.internalDate >= Number(value) * 1000;
    if (operator === 'before') return message.internalDate < Number(value) * 1000;
    if (term === 'is:unread') return message.labelIds.includes('UNREAD');
    if (term === '-is:unread') return !message.labelIds.includes('UNREAD');
    return message.raw.toString('latin1').toLowerCase().includes(term.replace(/^"|"$/g, '').toLowerCase());
  });
}

function listMessages(store: FakeMailStore, params: URLSearchParams): FakeResponse {
  const labelIds = params.getAll('labelIds');
  const query = params.get('q') ?? '';
  const includeSpamTrash = params.get('includeSpamTrash') === 'true';
  const matching = store
    .sorted()
    .filter((message) => includeSpamTrash || !message.labelIds.some((id) => id === 'TRASH' || id === 'SPAM'))
    .filter((message) => labelIds.every((id) => message.labelIds.includes(id)))
    .filter((message) => matchesQuery(message, query));
  const maxResults = Math.min(Number(params.get('maxResults') ?? 100), 500);
  const start = Number(params.get('pageToken') ?? 0);
  const page = matching.slice(start, start + maxResults);
  const next = start + maxResults < matching.length ? String(start + maxResults) : undefined;
  return json({
    messages: page.map((message) => ({ id: message.id, threadId: message.threadId })),
    nextPageToken: next,
    resultSizeEstimate: matching.length,
  });
}

/** Stores a sent or drafted message; like Gmail, sets the user's own address as From when the message has none. */
function insert(store: FakeMailStore, raw: string, labelIds: string[], threadId?: string): StoredMessage {
  return store.add(store.withSender(Buffer.from(raw, 'base64url')), { labelIds, folderId: 'sentitems', threadId, internalDate: Date.now() });
}

function createDraft(store: FakeMailStore, body: Record<string, unknown>): FakeResponse {
  const message = body.message as { raw: string; threadId?: string };
  const stored = insert(store, message.raw, ['DRAFT'], message.threadId);
  stored.folderId = 'drafts';
  const draftId = store.nextId('r');
  store.drafts.set(draftId, stored.id);
  return json({ id: draftId, message: toResource(stored, 'minimal') });
}

function modify(message: StoredMessage | undefined, body: Record<string, unknown>): void {
  if (!message) return;
  const add = (body.addLabelIds as string[] | undefined) ?? [];
  const remove = (body.removeLabelIds as string[] | undefined) ?? [];
  message.labelIds = [...new Set([...message.labelIds.filter((id) => !remove.includes(id)), ...add])];
}

function attachmentIdOf(message: StoredMessage, node: MimeNode): string {
  return `ANGj${Buffer.from(`${message.id}/${node.partId}`).toString('base64url')}`;
}

/** Builds a MessagePart: a text leaf without a file name carries its data, other leaves an attachmentId, as in Gmail. */
function toPayload(message: StoredMessage, node: MimeNode): Record<string, unknown> {
  const part: Record<string, unknown> = { partId: node.partId, mimeType: node.mimeType, filename: node.filename, headers: node.headers };
  if (node.children.length > 0) {
    part.body = { size: 0 };
    part.parts = node.children.map((child) => toPayload(message, child));
  } else if (node.mimeType.startsWith('text/') && !node.filename && !/attachment/i.test(headerValue(node.headers, 'content-disposition'))) {
    part.body = { size: node.body.length, data: node.body.toString('base64url') };
  } else {
    part.body = { size: node.body.length, attachmentId: attachmentIdOf(message, node) };
  }
  return part;
}

function toResource(message: StoredMessage, format: string): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    internalDate: String(message.internalDate),
    sizeEstimate: message.raw.length,
  };
  if (format === 'raw') resource.raw = message.raw.toString('base64url');
  if (format === 'full') resource.payload = toPayload(message, parseMimeTree(message.raw));
  return resource;
}

/** Responds to each `application/http` part of a batch request with an inner HTTP response. */
function batch(store: FakeMailStore, request: FakeRequest): FakeResponse {
  const boundary = /boundary="?([^";]+)"?/.exec(String(request.headers['content-type']))?.[1];
  if (!boundary) return json({ error: { code: 400, message: 'Missing multipart boundary' } }, 400);
  const parts = request.body
    .toString('utf8')
    .split(`--${boundary}`)
    .filter((part) => part.trim() !== '' && !part.startsWith('--'));
  if (parts.length > 100) return json({ error: { code: 400, message: 'Too many requests in a batch' } }, 400);
  const responseBoundary = 'batch_response_boundary';
  const answers = parts.map((part) => {
    const contentId = /Content-ID:\s*<([^>]+)>/i.exec(part)?.[1] ?? '';
    const requestLine = /\r?\n\r?\n(GET|POST) (\S+)/.exec(part);
    const inner = requestLine
      ? route(store, { method: requestLine[1], url: new URL(requestLine[2], 'http://127.0.0.1'), headers: {}, body: Buffer.alloc(0) })
      : json({ error: { code: 400 } }, 400);
    return (
      `--${responseBoundary}\r\nContent-Type: application/http\r\nContent-ID: <response-${contentId}>\r\n\r\n` +
      `HTTP/1.1 ${inner.status} ${inner.status === 200 ? 'OK' : 'Error'}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${inner.body ?? ''}\r\n`
    );
  });
  return {
    status: 200,
    headers: { 'content-type': `multipart/mixed; boundary=${responseBoundary}` },
    body: answers.join('') + `--${responseBoundary}--\r\n`,
  };
}
