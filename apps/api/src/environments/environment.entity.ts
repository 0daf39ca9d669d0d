import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';

export type EnvironmentStatus = 'ACTIVE' | 'DEACTIVATED';

/** One application stage of an account (development, staging, production). */
@Entity('environments')
@Index('idx_environments_account', ['accountId'])
export class Environment {
  @PrimaryColumn(uuidColumn)
  id: string;

  @Column({ ...uuidColumn, name: 'account_id' })
  accountId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: EnvironmentStatus;

  /** Absolute http(s) URLs that integrations may return users to, as a JSON array. */
  @Column({ type: 'simple-json', name: 'allowed_return_urls' })
  allowedReturnUrls: string[];

  @CreatedAtColumn()
  createdAt: Date;

  /** Set when the environment is deleted; the row stays so that usage keeps its owner. */
  @TimestampColumn({ name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
