import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, uuidColumn } from '../db/columns';

/** The billing unit: owns environments and usage. Each developer belongs to one account. */
@Entity('accounts')
export class Account {
  @PrimaryColumn(uuidColumn)
  id: string;

  /** Billing plan, `FREE` or `PAY_AS_YOU_GO`. */
  @Column({ type: 'varchar', length: 32, default: 'FREE' })
  plan: string;

  @CreatedAtColumn()
  createdAt: Date;
}
