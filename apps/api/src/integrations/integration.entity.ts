import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';
import { ProviderKind } from '../providers/provider-kind';

export enum IntegrationStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  NEEDS_REAUTHORIZATION = 'NEEDS_REAUTHORIZATION',
  FAILED = 'FAILED',
  DISCONNECTED = 'DISCONNECTED',
}

registerEnumType(IntegrationStatus, {
  name: 'IntegrationStatus',
  description: 'Where an integration stands in its OAuth lifecycle.',
  valuesConfig: {
    PENDING: { description: 'connectIntegration was called and the user has not finished the consent step yet.' },
    ACTIVE: { description: 'Connected: data requests use its tokens, which are refreshed as needed.' },
    NEEDS_REAUTHORIZATION: {
      description: 'The provider rejected the refresh token (for example after the user revoked access); call connectIntegration again.',
    },
    FAILED: { description: 'The consent flow ended in an error; `failureReason` says which. Call connectIntegration to try again.' },
    DISCONNECTED: { description: 'Disconnected by disconnectIntegration or by removing the provider; its tokens are deleted.' },
  },
});

/**
 * One end user's connection to one provider kind. Tokens are stored only as SecretBox
 * ciphertexts bound to this row's id, never in plain text, and no GraphQL field returns them.
 */
@ObjectType({ description: "An end user's connection to their account at a provider, such as their Gmail." })
@Entity('integrations')
@Index('uq_integrations_user_kind', ['userId', 'kind'], { unique: true })
@Index('idx_integrations_environment_kind', ['environmentId', 'kind', 'status'])
export class Integration {
  @Field(() => ID, { description: 'Unique id of the integration; it stays the same when the user connects again.' })
  @PrimaryColumn(uuidColumn)
  id: string;

  @Field(() => ID, { description: 'Id of the environment the user belongs to.' })
  @Column({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  @Field(() => ID, { description: 'Id of the end user who connected the account.' })
  @Column({ ...uuidColumn, name: 'user_id' })
  userId: string;

  @Field(() => ProviderKind, { description: 'The provider kind this integration connects to.' })
  @Column({ type: 'varchar', length: 32 })
  kind: ProviderKind;

  @Field(() => IntegrationStatus, { description: 'Where the integration stands: PENDING, ACTIVE, NEEDS_REAUTHORIZATION, FAILED or DISCONNECTED.' })
  @Column({ type: 'varchar', length: 32 })
  status: IntegrationStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last connection attempt or token refresh failed; null after a successful connection.',
  })
  @Column({ type: 'varchar', length: 500, name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Field(() => String, { nullable: true, description: "Email address of the user's account at the provider; null until connected or when the provider did not tell it." })
  @Column({ type: 'varchar', length: 320, name: 'account_email', nullable: true })
  accountEmail: string | null;

  @Field(() => [String], { description: 'Scopes the provider granted at the last connection; empty until connected.' })
  @Column({ type: 'simple-json', name: 'granted_scopes' })
  grantedScopes: string[];

  @Column({ type: 'text', name: 'access_token_ciphertext', nullable: true })
  accessTokenCiphertext: string | null;

  @Column({ type: 'text', name: 'refresh_token_ciphertext', nullable: true })
  refreshTokenCiphertext: string | null;

  @TimestampColumn({ name: 'access_token_expires_at', nullable: true })
  accessTokenExpiresAt: Date | null;

  /**
   * Incremented whenever the stored tokens change. A refresh claims the lease only while
   * the version is the one it read, so a process that waited sees someone else's refresh.
   */
  @Column({ type: 'int', name: 'credentials_version', default: 0 })
  credentialsVersion: number;

  /** Random id of the process refreshing the tokens, while it holds the refresh lease. */
  @Column({ type: 'varchar', length: 64, name: 'lease_owner', nullable: true })
  leaseOwner: string | null;

  @TimestampColumn({ name: 'lease_expires_at', nullable: true })
  leaseExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the user last completed the consent flow (UTC); null if never.' })
  @TimestampColumn({ name: 'connected_at', nullable: true })
  connectedAt: Date | null;

  @Field({ description: 'When the integration was first created (UTC).' })
  @CreatedAtColumn()
  createdAt: Date;

  @Field({ description: 'When the integration last changed (UTC).' })
  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
