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

  /** RFC 5322 message. A MySQL BLOB stores at most 65,535 bytes, and sandboxMaxMessageBytes enforces that. */
  @Column({ type: 'blob' })
  raw: Buffer;
}

/** Marks a sandbox integration whose mailbox has been seeded, so seeding runs once. */
@Entity('sandbox_mail_seed')
export class SandboxMailSeed {
  @PrimaryColumn({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  @TimestampColumn({ name: 'seeded_at' })
  seededAt: Date;
}
