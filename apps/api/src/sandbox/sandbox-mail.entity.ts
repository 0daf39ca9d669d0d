import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, uuidColumn } from '../db/columns';

/** One message of a sandbox mailbox; the raw MIME is the source of subject, bodies and attachments. */
@Entity('sandbox_message')
@Index('idx_sandbox_message_received', ['integrationId', 'receivedAt'])
export class SandboxMessage {
  @PrimaryColumn({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'message_id' })
  messageId: string;

  @Column({ type: 'varchar', length: 64, name: 'mailbox_id' })
  mailboxId: string;

  @Column({ type: 'varchar', length: 64, name: 'thread_id' })
  threadId: string;

  /** User labels, comma-separated. */
  @Column({ type: 'varchar', length: 512, default: '' })
  labels: string;

  @Column({ type: 'boolean', default: false })
  seen: boolean;

  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  @TimestampColumn({ name: 'received_at' })
  receivedAt: Date;

  /** Lower-cased subject, addresses and body start, for the `search`, `from` and `to` filters. */
  @Column({ type: 'text', name: 'search_text' })
  searchText: string;

  @Column({ type: 'varchar', length: 1000, name: 'from_text', default: '' })
  fromText: string;

  @Column({ type: 'varchar', length: 2000, name: 'to_text', default: '' })
  toText: string;

  /**
   * The RFC 5322 message, or its first `sandboxChunkBytes` bytes when it is longer: a MySQL
   * BLOB stores at most 65,535 bytes, so the rest goes to `chunkCount` rows of
   * SandboxMessageChunk. Read the whole message with SandboxMailAdapter, never from here alone.
   */
  @Column({ type: 'blob' })
  raw: Buffer;

  /** Number of SandboxMessageChunk rows that continue `raw`; 0 when `raw` is the whole message. */
  @Column({ type: 'int', name: 'chunk_count', default: 0 })
  chunkCount: number;
}

/**
 * A continuation of a sandbox message longer than one BLOB, so MariaDB and SQLite share one
 * schema. `position` counts from 1; position 0 is SandboxMessage.raw.
 */
@Entity('sandbox_message_chunk')
export class SandboxMessageChunk {
  @PrimaryColumn({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'message_id' })
  messageId: string;

  @PrimaryColumn({ type: 'int' })
  position: number;

  /** At most `sandboxChunkBytes` bytes. */
  @Column({ type: 'blob' })
  data: Buffer;
}

/** Marks a sandbox integration whose mailbox has been seeded, so seeding runs once. */
@Entity('sandbox_mail_seed')
export class SandboxMailSeed {
  @PrimaryColumn({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  @TimestampColumn({ name: 'seeded_at' })
  seededAt: Date;
}
