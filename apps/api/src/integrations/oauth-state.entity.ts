import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';

/**
 * One authorization request in flight: the `state` sent to the provider, stored only as its
 * SHA-256, bound to one integration, usable once and only until `expiresAt`.
 */
@Entity('oauth_states')
@Index('idx_oauth_states_integration', ['integrationId'])
export class OAuthState {
  @PrimaryColumn(uuidColumn)
  id: string;

  @Index('uq_oauth_states_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'state_hash' })
  stateHash: string;

  @Column({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  /** The PKCE code verifier, encrypted with SecretBox and bound to this row's id. */
  @Column({ type: 'text', name: 'code_verifier_ciphertext' })
  codeVerifierCiphertext: string;

  /** The scopes sent in the authorization request, recorded when the token response omits `scope`. */
  @Column({ type: 'simple-json', name: 'requested_scopes' })
  requestedScopes: string[];

  /** One of the environment's allowed return URLs, or null to end on Work API's own page. */
  @Column({ type: 'varchar', length: 2048, name: 'return_to', nullable: true })
  returnTo: string | null;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** Set by the one callback that consumed the state; a second callback finds it set. */
  @TimestampColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
