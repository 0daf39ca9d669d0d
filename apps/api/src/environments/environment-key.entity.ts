import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';

/** JOSE `alg` values of the keys an environment may hold. */
export const KeyAlgorithm = {
  ES256: 'ES256',
  EDDSA: 'EdDSA',
  RS256: 'RS256',
} as const;

export type KeyAlgorithm = (typeof KeyAlgorithm)[keyof typeof KeyAlgorithm];

registerEnumType(KeyAlgorithm, {
  name: 'KeyAlgorithm',
  description: 'Signature algorithm of an environment key; tokens must carry the matching JOSE `alg` header.',
  valuesConfig: {
    ES256: { description: 'ECDSA on P-256 with SHA-256 (JOSE `alg` "ES256").' },
    EDDSA: { description: 'Ed25519 (JOSE `alg` "EdDSA").' },
    RS256: { description: 'RSASSA-PKCS1-v1_5 with SHA-256 and a modulus of at least 2048 bits (JOSE `alg` "RS256").' },
  },
});

export const EnvironmentKeyStatus = {
  ACTIVE: 'ACTIVE',
  EXPIRING: 'EXPIRING',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
} as const;

export type EnvironmentKeyStatus = (typeof EnvironmentKeyStatus)[keyof typeof EnvironmentKeyStatus];

registerEnumType(EnvironmentKeyStatus, {
  name: 'EnvironmentKeyStatus',
  description: 'Whether tokens signed with a key are accepted.',
  valuesConfig: {
    ACTIVE: { description: 'Accepted, with no end date.' },
    EXPIRING: { description: 'Replaced by a newer key and accepted until `expiresAt` (the rotation grace period).' },
    EXPIRED: { description: 'The grace period after a rotation has ended; rejected.' },
    REVOKED: { description: 'Revoked by revokeEnvironmentKey or by deleting the environment; rejected.' },
  },
});

/** A public key of an environment. The private key is never stored. */
@ObjectType({ description: "A public key of an environment. Work API never keeps the matching private key." })
@Entity('environment_keys')
@Index('uq_environment_keys_kid', ['environmentId', 'kid'], { unique: true })
export class EnvironmentKey {
  @PrimaryColumn(uuidColumn)
  id: string;

  @Column({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  @Field({ description: 'Key id: the RFC 7638 JWK thumbprint (SHA-256, base64url). Tokens may name it in the `kid` header.' })
  @Column({ type: 'varchar', length: 64 })
  kid: string;

  @Field(() => KeyAlgorithm, { description: 'Signature algorithm; tokens signed with this key carry it as `alg`.' })
  @Column({ type: 'varchar', length: 16 })
  algorithm: KeyAlgorithm;

  @Field({ description: 'The public key as SPKI PEM.' })
  @Column({ type: 'text', name: 'public_key_pem' })
  publicKeyPem: string;

  /** The public JWK with `kid`, `alg` and `use`, as served in the JWKS. */
  @Column({ type: 'simple-json', name: 'public_jwk' })
  publicJwk: Record<string, string>;

  @Field({ description: 'When the key was added (UTC).' })
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'End of the grace period after a rotation replaced this key (UTC); null while the key is current.',
  })
  @TimestampColumn({ name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked (UTC); null unless revoked.' })
  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  /** Whether tokens signed with this key are accepted at `now`. */
  isActiveAt(now: Date): boolean {
    return this.revokedAt === null && (this.expiresAt === null || this.expiresAt.getTime() > now.getTime());
  }

  statusAt(now: Date): EnvironmentKeyStatus {
    if (this.revokedAt !== null) return EnvironmentKeyStatus.REVOKED;
    if (this.expiresAt === null) return EnvironmentKeyStatus.ACTIVE;
    return this.expiresAt.getTime() > now.getTime() ? EnvironmentKeyStatus.EXPIRING : EnvironmentKeyStatus.EXPIRED;
  }
}
