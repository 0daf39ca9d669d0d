import { Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, uuidColumn } from '../db/columns';

/**
 * A `jti` that an environment token has used. Inserting the row is the replay check: a
 * second insert of the same pair fails on the primary key, in every process that shares
 * the database. Rows are deleted once the token could no longer be accepted anyway.
 */
@Entity('environment_token_uses')
export class EnvironmentTokenUse {
  @PrimaryColumn({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  /**
   * SHA-256 of the `jti` in hex. Hashing gives a fixed length and keeps MySQL's
   * case-insensitive collations from treating two different `jti`s as one.
   */
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'jti_hash' })
  jtiHash: string;

  /** When the token stops being acceptable (its `exp` plus the allowed clock skew). */
  @Index('idx_environment_token_uses_expires')
  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;
}
