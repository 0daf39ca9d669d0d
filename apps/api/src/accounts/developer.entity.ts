import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, uuidColumn } from '../db/columns';

/** A person who signs in to the console. */
@ObjectType({ description: 'A developer account that signs in to the console.' })
@Entity('developers')
export class Developer {
  @Field(() => ID, { description: 'Unique id of the developer.' })
  @PrimaryColumn(uuidColumn)
  id: string;

  @Index('idx_developers_account')
  @Column({ ...uuidColumn, name: 'account_id' })
  accountId: string;

  /** Normalized address: trimmed and lower-cased. */
  @Field({ description: 'Sign-in email address, trimmed and lower-cased.' })
  @Index('uq_developers_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field({ description: 'Display name.' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** scrypt hash in the format of `password.ts`; never the password itself. */
  @Column({ type: 'varchar', length: 255, name: 'password_hash' })
  passwordHash: string;

  @Field({ description: 'When the developer signed up (UTC).' })
  @CreatedAtColumn()
  createdAt: Date;
}
