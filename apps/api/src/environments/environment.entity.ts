import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';

export const EnvironmentStatus = {
  ACTIVE: 'ACTIVE',
  DEACTIVATED: 'DEACTIVATED',
} as const;

export type EnvironmentStatus = (typeof EnvironmentStatus)[keyof typeof EnvironmentStatus];

registerEnumType(EnvironmentStatus, {
  name: 'EnvironmentStatus',
  description: 'Whether an environment accepts its tokens.',
  valuesConfig: {
    ACTIVE: { description: 'Tokens signed with its active keys are accepted.' },
    DEACTIVATED: { description: 'Every token of the environment is rejected until it is reactivated.' },
  },
});

/** One application stage of an account (development, staging, production). */
@ObjectType({
  description:
    'One application stage of an account (for example development, staging or production), with its own keys, providers and users.',
})
@Entity('environments')
@Index('idx_environments_account', ['accountId'])
@Index('uq_environments_account_name', ['accountId', 'nameKey'], { unique: true })
export class Environment {
  @Field(() => ID, { description: 'Unique id of the environment; also the `iss` claim of its tokens.' })
  @PrimaryColumn(uuidColumn)
  id: string;

  @Column({ ...uuidColumn, name: 'account_id' })
  accountId: string;

  @Field({ description: 'Name of 1 to 64 characters, unique within the account (ignoring case).' })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  /**
   * The lower-cased name while the environment exists, and null once it is deleted, so
   * that the unique index enforces unique names without blocking the names of deleted
   * environments (both MySQL and SQLite allow repeated NULLs in a unique index).
   */
  @Column({ type: 'varchar', length: 64, name: 'name_key', nullable: true })
  nameKey: string | null;

  @Field(() => EnvironmentStatus, { description: 'Whether the environment accepts its tokens.' })
  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: EnvironmentStatus;

  /** Absolute http(s) URLs that integrations may return users to, as a JSON array. */
  @Field(() => [String], {
    description:
      'Absolute http or https URLs to which integrations may send users back after connecting an account; a returnTo must equal one of them exactly.',
  })
  @Column({ type: 'simple-json', name: 'allowed_return_urls' })
  allowedReturnUrls: string[];

  @Field({ description: 'When the environment was created (UTC).' })
  @CreatedAtColumn()
  createdAt: Date;

  /** Set when the environment is deleted; the row stays so that usage keeps its owner. */
  @TimestampColumn({ name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
