import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { AppError, badUserInput } from '../graphql/errors';
import type { EmailFilterValue, EmailPage, EmailValue, MailAdapter, MailboxValue, OutgoingMessage } from '../mail/mail-model';
import { addMissingSubmissionHeaders, parseMime } from '../mail/mime';
import { SandboxMailSeed, SandboxMessage, SandboxMessageChunk } from './sandbox-mail.entity';
import { buildCorpusMessages, buildSyntheticMessages, sandboxMailboxes, sandboxOwner, type SeedMessage } from './sandbox-mail-seed';

/** Maximum size of a raw sandbox message: 10 MiB, so a message with a few MB of attachments fits, as it does at Gmail and Microsoft Graph. */
export const sandboxMaxMessageBytes = 10 * 1024 * 1024;

/** Size of each stored piece of a message: the maximum a MySQL BLOB column stores. */
export const sandboxChunkBytes = 65_535;

/** Continuation chunks per INSERT, so one statement sends about 1 MiB, far below MariaDB's default max_allowed_packet (16 MiB since 10.2.4). */
const chunksPerInsert = 16;

async function toRow(integrationId: string, message: SeedMessage): Promise<SandboxMessage> {
  const parsed = await parseMime(message.raw);
  const addresses = (list: { name: string | null; address: string | null }[]) =>
    list.map((entry) => `${entry.name ?? ''} <${entry.address ?? ''}>`).join(', ').toLowerCase();
  const row = new SandboxMessage();
  row.integrationId = integrationId;
  row.messageId = message.messageId;
  row.mailboxId = message.mailboxId;
  row.threadId = message.threadId;
  row.labels = message.labels.join(',');
  row.seen = message.seen;
  row.flagged = message.flagged;
  row.receivedAt = message.receivedAt;
  row.fromText = addresses(parsed.from).slice(0, 1000);
  row.toText = addresses([...parsed.to, ...parsed.cc]).slice(0, 2000);
  row.searchText = `${parsed.subject ?? ''}\n${row.fromText}\n${row.toText}\n${(parsed.text ?? '').slice(0, 2000)}`.toLowerCase();
  row.raw = message.raw;
  row.chunkCount = 0;
  return row;
}

/** Keeps the first chunk of the message in the row and returns the continuation chunks to store beside it. */
function splitIntoChunks(row: SandboxMessage): SandboxMessageChunk[] {
  const raw = row.raw;
  const chunks: SandboxMessageChunk[] = [];
  for (let start = sandboxChunkBytes; start < raw.length; start += sandboxChunkBytes) {
    const chunk = new SandboxMessageChunk();
    chunk.integrationId = row.integrationId;
    chunk.messageId = row.messageId;
    chunk.position = chunks.length + 1;
    chunk.data = raw.subarray(start, start + sandboxChunkBytes);
    chunks.push(chunk);
  }
  row.raw = raw.subarray(0, sandboxChunkBytes);
  row.chunkCount = chunks.length;
  return chunks;
}

async function insertChunks(manager: EntityManager, chunks: SandboxMessageChunk[]): Promise<void> {
  for (let start = 0; start < chunks.length; start += chunksPerInsert) await manager.insert(SandboxMessageChunk, chunks.slice(start, start + chunksPerInsert));
}

/**
 * Mail of the built-in SANDBOX provider, stored in the database per integration and seeded
 * on first access with synthetic mail and the real-world corpus.
 */
export class SandboxMailAdapter implements MailAdapter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly integrationId: string,
  ) {}

  private get messages() {
    return this.dataSource.getRepository(SandboxMessage);
  }

  /** Seeds the mailbox once; a concurrent seeder loses the primary-key race on the marker row and skips. */
  async ensureSeeded(): Promise<void> {
    const seeded = await this.dataSource.getRepository(SandboxMailSeed).existsBy({ integrationId: this.integrationId });
    if (seeded) return;
    const rows = await Promise.all(
      [...(await buildSyntheticMessages()), ...buildCorpusMessages()].map((message) => toRow(this.integrationId, message)),
    );
    try {
      const chunks = rows.flatMap((row) => splitIntoChunks(row));
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(SandboxMailSeed, { integrationId: this.integrationId, seededAt: new Date() });
        for (let start = 0; start < rows.length; start += 50) await manager.insert(SandboxMessage, rows.slice(start, start + 50));
        await insertChunks(manager, chunks);
      });
    } catch (error) {
      const stillMissing = !(await this.dataSource.getRepository(SandboxMailSeed).existsBy({ integrationId: this.integrationId }));
      if (stillMissing) throw error;
    }
  }

  async listMailboxes(): Promise<MailboxValue[]> {
    await this.ensureSeeded();
    const counts: { mailboxId: string; total: string; unread: string }[] = await this.messages
      .createQueryBuilder('message')
      .select('message.mailboxId', 'mailboxId')
      .addSelect('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN message.seen THEN 0 ELSE 1 END)', 'unread')
      .where('message.integrationId = :integrationId', { integrationId: this.integrationId })
      .groupBy('message.mailboxId')
      .getRawMany();
    return sandboxMailboxes.map((mailbox) => {
      const count = counts.find((entry) => entry.mailboxId === mailbox.id);
      return {
        providerId: mailbox.id,
        name: mailbox.name,
        role: mailbox.role,
        totalCount: Number(count?.total ?? 0),
        unreadCount: Number(count?.unread ?? 0),
      };
    });
  }

  async listEmails(filter: EmailFilterValue, pageSize: number, pageToken: string | null): Promise<EmailPage> {
    await this.ensureSeeded();
    const offset = pageToken === null ? 0 : Number(pageToken);
    if (!Number.isInteger(offset) || offset < 0) throw badUserInput('after', 'after is not a cursor returned by this connection.');
    const query = this.messages
      .createQueryBuilder('message')
      .where('message.integrationId = :integrationId', { integrationId: this.integrationId });
    if (filter.mailboxIds && filter.mailboxIds.length > 0) query.andWhere('message.mailboxId IN (:...mailboxIds)', { mailboxIds: filter.mailboxIds });
    else query.andWhere('message.mailboxId <> :trash', { trash: 'TRASH' });
    if (filter.from) query.andWhere("message.fromText LIKE :from ESCAPE '!'", { from: `%${escapeLike(filter.from.toLowerCase())}%` });
    if (filter.to) query.andWhere("message.toText LIKE :to ESCAPE '!'", { to: `%${escapeLike(filter.to.toLowerCase())}%` });
    if (filter.receivedAfter) query.andWhere('message.receivedAt >= :after', { after: filter.receivedAfter });
    if (filter.receivedBefore) query.andWhere('message.receivedAt < :before', { before: filter.receivedBefore });
    if (filter.unread !== undefined) query.andWhere('message.seen = :seen', { seen: !filter.unread });
    if (filter.search) {
      const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
      query.andWhere(
        new Brackets((inner) => {
          words.forEach((word, index) => inner.andWhere(`message.searchText LIKE :word${index} ESCAPE '!'`, { [`word${index}`]: `%${escapeLike(word)}%` }));
        }),
      );
    }
    const [rows, total] = await query
      .orderBy('message.receivedAt', 'DESC')
      .addOrderBy('message.messageId', 'DESC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    // One message at a time, so a page of long messages holds one whole message in memory, not all of them.
    const emails: EmailValue[] = [];
    for (const row of rows) emails.push(await this.toEmail(row));
    const next = offset + rows.length < total ? String(offset + rows.length) : null;
    return { emails, nextPageToken: next, totalCount: total };
  }

  async getEmail(providerId: string): Promise<EmailValue> {
    await this.ensureSeeded();
    return this.toEmail(await this.require(providerId));
  }

  async getAttachmentContent(emailProviderId: string, key: string): Promise<Buffer> {
    const row = await this.require(emailProviderId);
    const parsed = await parseMime(await this.fullRaw(row));
    const content = key.startsWith('mime:') ? parsed.attachmentContents[Number(key.slice(5))] : undefined;
    if (!content) throw new AppError('NOT_FOUND', 'Attachment not found.');
    return content;
  }

  async send(message: OutgoingMessage): Promise<string> {
    return this.store(message, 'SENT', `sent-${randomUUID()}`);
  }

  async createDraft(message: OutgoingMessage): Promise<string> {
    return this.store(message, 'DRAFTS', `draft-${randomUUID()}`);
  }

  async updateDraft(draftId: string, message: OutgoingMessage): Promise<string> {
    const existing = await this.requireDraft(draftId);
    const row = await toRow(this.integrationId, { ...this.seedOf(existing), raw: this.submitted(message.raw), receivedAt: new Date() });
    const chunks = splitIntoChunks(row);
    await this.dataSource.transaction(async (manager) => {
      await manager.save(row);
      await manager.delete(SandboxMessageChunk, { integrationId: this.integrationId, messageId: row.messageId });
      await insertChunks(manager, chunks);
    });
    return draftId;
  }

  async sendDraft(draftId: string): Promise<string> {
    const existing = await this.requireDraft(draftId);
    await this.messages.update({ integrationId: this.integrationId, messageId: existing.messageId }, { mailboxId: 'SENT', receivedAt: new Date() });
    return draftId;
  }

  async trash(providerIds: string[]): Promise<void> {
    await this.requireAll(providerIds);
    await this.messages
      .createQueryBuilder()
      .update(SandboxMessage)
      .set({ mailboxId: 'TRASH' })
      .where('integrationId = :integrationId AND messageId IN (:...ids)', { integrationId: this.integrationId, ids: providerIds })
      .execute();
  }

  async setSeen(providerIds: string[], seen: boolean): Promise<void> {
    await this.requireAll(providerIds);
    await this.messages
      .createQueryBuilder()
      .update(SandboxMessage)
      .set({ seen })
      .where('integrationId = :integrationId AND messageId IN (:...ids)', { integrationId: this.integrationId, ids: providerIds })
      .execute();
  }

  async setFlagged(providerIds: string[], flagged: boolean): Promise<void> {
    await this.requireAll(providerIds);
    await this.messages
      .createQueryBuilder()
      .update(SandboxMessage)
      .set({ flagged })
      .where('integrationId = :integrationId AND messageId IN (:...ids)', { integrationId: this.integrationId, ids: providerIds })
      .execute();
  }

  /**
   * Returns the message as the sandbox mail server stores it, with From (the sandbox owner),
   * Date and Message-ID added where missing. Rejects a message over sandboxMaxMessageBytes.
   */
  private submitted(raw: Buffer): Buffer {
    const stamped = addMissingSubmissionHeaders(raw, { from: sandboxOwner, date: new Date(), messageId: `<${randomUUID()}@sandbox.workapi.test>` });
    if (stamped.length > sandboxMaxMessageBytes) {
      throw badUserInput(
        'input.attachments',
        `The sandbox stores messages of at most ${sandboxMaxMessageBytes} bytes (10 MiB), encoded attachments included; this one has ${stamped.length}. Attach less data.`,
      );
    }
    return stamped;
  }

  /** Reads a message whole: the row's first chunk followed by its continuation chunks in order. */
  private async fullRaw(row: SandboxMessage): Promise<Buffer> {
    if (row.chunkCount === 0) return row.raw;
    const chunks = await this.dataSource.getRepository(SandboxMessageChunk).find({
      where: { integrationId: this.integrationId, messageId: row.messageId },
      order: { position: 'ASC' },
    });
    if (chunks.length !== row.chunkCount) {
      throw new AppError('INTERNAL_SERVER_ERROR', `Sandbox message ${row.messageId} has ${chunks.length} of its ${row.chunkCount} stored chunks.`);
    }
    return Buffer.concat([row.raw, ...chunks.map((chunk) => chunk.data)]);
  }

  private async store(message: OutgoingMessage, mailboxId: string, messageId: string): Promise<string> {
    await this.ensureSeeded();
    const row = await toRow(this.integrationId, {
      messageId,
      mailboxId,
      threadId: message.threadId ?? messageId,
      labels: [],
      seen: true,
      flagged: false,
      receivedAt: new Date(),
      raw: this.submitted(message.raw),
    });
    const chunks = splitIntoChunks(row);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SandboxMessage, row);
      await insertChunks(manager, chunks);
    });
    return messageId;
  }

  private seedOf(row: SandboxMessage): SeedMessage {
    return {
      messageId: row.messageId,
      mailboxId: row.mailboxId,
      threadId: row.threadId,
      labels: row.labels ? row.labels.split(',') : [],
      seen: row.seen,
      flagged: row.flagged,
      receivedAt: row.receivedAt,
      raw: row.raw,
    };
  }

  private async require(messageId: string): Promise<SandboxMessage> {
    const row = await this.messages.findOneBy({ integrationId: this.integrationId, messageId });
    if (!row) throw new AppError('NOT_FOUND', 'Email not found.');
    return row;
  }

  private async requireDraft(draftId: string): Promise<SandboxMessage> {
    const row = await this.require(draftId);
    if (row.mailboxId !== 'DRAFTS') throw new AppError('NOT_FOUND', 'Draft not found.');
    return row;
  }

  private async requireAll(messageIds: string[]): Promise<void> {
    const found = await this.messages.countBy(messageIds.map((messageId) => ({ integrationId: this.integrationId, messageId })));
    if (found !== new Set(messageIds).size) throw new AppError('NOT_FOUND', 'Email not found.');
  }

  private async toEmail(row: SandboxMessage): Promise<EmailValue> {
    const parsed = await parseMime(await this.fullRaw(row));
    return {
      providerId: row.messageId,
      threadId: row.threadId,
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html,
      from: parsed.from,
      to: parsed.to,
      cc: parsed.cc,
      bcc: parsed.bcc,
      replyTo: parsed.replyTo,
      seen: row.seen,
      flagged: row.flagged,
      draft: row.mailboxId === 'DRAFTS',
      labels: row.labels ? row.labels.split(',') : [],
      mailboxIds: [row.mailboxId],
      receivedAt: row.receivedAt,
      sentAt: parsed.sentAt,
      messageId: parsed.messageId,
      attachments: parsed.attachments,
      parseWarnings: parsed.parseWarnings,
    };
  }
}

/** Escapes LIKE wildcards with `!`, an escape character MySQL and SQLite read alike (a backslash is not). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (character) => `!${character}`);
}
