import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../db/columns';

export enum EnvironmentUserStatus {
  ACTIVE = 'ACTIVE',
  DEACTIVATED = 'DEACTIVATED',
}

registerEnumType(EnvironmentUserStatus, {
  name: 'EnvironmentUserStatus',
  description: 'Whether an end user may use its access tokens.',
  valuesConfig: {
    ACTIVE: { description: 'The user can act with its access tokens.' },
    DEACTIVATED: { description: 'Every access token of the user is rejected until reactivateUser.' },
  },
});

/**
 * An end user of a developer's application, created by the developer's backend with the
 * environment's private key. Deleted users keep their row (with `deletedAt` set) so that
 * usage keeps its owner.
 */
@ObjectType({ description: "An end user of the developer's application, in one environment." })
@Entity('environment_users')
@Index('uq_environment_users_external_id', ['environmentId', 'externalIdKey'], { unique: true })
@Index('idx_environment_users_created', ['environmentId', 'createdAt', 'id'])
export class EnvironmentUser {
  @Field(() => ID, { description: 'Unique id of the user, assigned by Work API.' })
  @PrimaryColumn(uuidColumn)
  id: string;

  @Field(() => ID, { description: 'Id of the environment the user belongs to.' })
  @Column({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  @Field({ description: "The developer's own id for the user: 1 to 255 characters, unique in the environment." })
  @Column({ type: 'varchar', length: 255, name: 'external_id' })
  externalId: string;

  /**
   * SHA-256 hex of `externalId` while the user is not deleted, NULL after. The unique
   * index sits on this column so that matching is exact on every database (MySQL's
   * default collation ignores case and trailing spaces) and a deleted user's id can be
   * used again.
   */
  @Column({ type: 'varchar', length: 64, name: 'external_id_key', nullable: true })
  externalIdKey: string | null;

  @Field(() => EnvironmentUserStatus, { description: 'ACTIVE, or DEACTIVATED by deactivateUser.' })
  @Column({ type: 'varchar', length: 16, default: EnvironmentUserStatus.ACTIVE })
  status: EnvironmentUserStatus;

  /** Incremented by reauthorizeUser; tokens issued under an older version are rejected. */
  @Column({ type: 'int', name: 'auth_version', default: 1 })
  authVersion: number;

  @Field({ description: 'When the user was created (UTC).' })
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the user was last deactivated (UTC); null while active.' })
  @TimestampColumn({ name: 'deactivated_at', nullable: true })
  deactivatedAt: Date | null;

  @TimestampColumn({ name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
