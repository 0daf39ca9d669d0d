import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';
import { ProviderKind } from './provider-kind';

/** The developer's OAuth client at one provider, configured for one environment. */
@ObjectType({
  description:
    "The developer's OAuth client at a provider, configured for one environment, so that the environment's users can connect accounts of that kind. The client secret is write-only.",
})
@Entity('providers')
@Index('uq_providers_environment_kind', ['environmentId', 'kind'], { unique: true })
export class Provider {
  @Field(() => ID, { description: 'Unique id of the provider configuration.' })
  @PrimaryColumn(uuidColumn)
  id: string;

  @Field(() => ID, { description: 'Id of the environment the provider belongs to.' })
  @Column({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  @Field(() => ProviderKind, { description: 'Which kind of provider this client is for; one per kind and environment.' })
  @Column({ type: 'varchar', length: 32 })
  kind: ProviderKind;

  @Field({ description: 'OAuth client id issued by the provider.' })
  @Column({ type: 'varchar', length: 255, name: 'client_id' })
  clientId: string;

  /** SecretBox ciphertext of the client secret, bound to this row's id; never exposed. */
  @Column({ type: 'text', name: 'client_secret_ciphertext' })
  clientSecretCiphertext: string;

  @Field({ description: 'The last four characters of the client secret, to tell secrets apart; the secret itself is never returned.' })
  @Column({ type: 'varchar', length: 4, name: 'client_secret_hint' })
  clientSecretHint: string;

  @Field(() => [String], { description: 'Scopes requested when a user connects an account, in order.' })
  @Column({ type: 'simple-json' })
  scopes: string[];

  @Field({ description: 'When the provider was added (UTC).' })
  @CreatedAtColumn()
  createdAt: Date;

  @Field({ description: 'When the client id, secret or scopes last changed (UTC).' })
  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
