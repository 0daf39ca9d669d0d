import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, uuidColumn } from '../db/columns';

/** An authorization code, access token or refresh token issued by the sandbox, stored only as its SHA-256. */
@Entity('sandbox_grant')
export class SandboxGrant {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  type: 'code' | 'access' | 'refresh';

  /** The sandbox account the grant belongs to; one per completed consent. */
  @Column({ ...uuidColumn, name: 'subject_id' })
  subjectId: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  scope: string;

  @Column({ type: 'varchar', length: 2048, name: 'redirect_uri', default: '' })
  redirectUri: string;

  @Column({ type: 'varchar', length: 128, name: 'code_challenge', default: '' })
  codeChallenge: string;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  @TimestampColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;
}
