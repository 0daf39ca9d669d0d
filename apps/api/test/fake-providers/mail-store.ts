import { headerValue, parseMimeTree } from './mime-tree';

/** One message held by a format server. */
export interface StoredMessage {
  id: string;
  threadId: string;
  /** Gmail label ids; the Graph server reads the folder from `folderId`. */
  labelIds: string[];
  folderId: string;
  raw: Buffer;
  /** Milliseconds since the epoch when the message arrived. */
  internalDate: number;
}

/** Messages and drafts shared by the Gmail-format and Graph-format servers of one test. */
export class FakeMailStore {
  /**
   * The mailbox owner, whom both servers set as sender of a message sent or drafted without
   * a From header, as Gmail and Microsoft Graph do with their signed-in user's address.
   */
  owner: { name: string; address: string } = { name: 'Mailbox Owner', address: 'owner@format-server.example' };
  readonly messages: StoredMessage[] = [];
  /** Draft id to message id. */
  readonly drafts = new Map<string, string>();
  private sequence = 0;

  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.sequence.toString(16).padStart(8, '0')}`;
  }

  add(raw: Buffer, options: { labelIds?: string[]; folderId?: string; threadId?: string; internalDate?: number } = {}): StoredMessage {
    const id = this.nextId('m');
    const date = Date.parse(headerValue(parseMimeTree(raw).headers, 'date'));
    const message: StoredMessage = {
      id,
      threadId: options.threadId ?? id,
      labelIds: options.labelIds ?? ['INBOX', 'UNREAD'],
      folderId: options.folderId ?? 'inbox',
      raw,
      internalDate: options.internalDate ?? (Number.isNaN(date) ? Date.UTC(2020, 0, 1) : date),
    };
    this.messages.push(message);
    return message;
  }

  /** Prepends `From: <owner>` to a submitted raw message whose header block has no From. */
  withSender(raw: Buffer): Buffer {
    const text = raw.toString('latin1');
    const headerEnd = text.search(/\r?\n\r?\n/);
    const headers = headerEnd < 0 ? text : text.slice(0, headerEnd);
    if (/^from\s*:/im.test(headers)) return raw;
    const lineEnd = headers.includes('\r\n') ? '\r\n' : '\n';
    return Buffer.concat([Buffer.from(`From: "${this.owner.name}" <${this.owner.address}>${lineEnd}`, 'latin1'), raw]);
  }

  find(id: string): StoredMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  /** Newest first, the order both providers list messages in. */
  sorted(): StoredMessage[] {
    return [...this.messages].sort((a, b) => b.internalDate - a.internalDate || b.id.localeCompare(a.id));
  }
}
