import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';

/** A user access token (`wat_...`). Only the SHA-256 of the token is stored. */
@Entity('user_access_tokens')
export class UserAccessToken {
  @PrimaryColumn(uuidColumn)
  id: string;

  @Index('idx_user_access_tokens_user')
  @Column({ ...uuidColumn, name: 'user_id' })
  userId: string;

  @Column({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  @Index('uq_user_access_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  /** The user's `authVersion` when the token was issued. */
  @Column({ type: 'int', name: 'auth_version' })
  authVersion: number;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
