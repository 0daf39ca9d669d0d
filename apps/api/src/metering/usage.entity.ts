import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidColumn } from '../db/columns';

/**
 * Metered requests and their actual cost per account, environment and UTC day. Rows are
 * only ever incremented by atomic upserts, so that several processes can add to one row.
 */
@Entity('usage_days')
@Index('idx_usage_days_environment', ['environmentId', 'day'])
export class UsageDay {
  @PrimaryColumn({ ...uuidColumn, name: 'account_id' })
  accountId: string;

  /** UTC date as YYYY-MM-DD, so that text order is date order on every dialect. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ ...uuidColumn, name: 'environment_id' })
  environmentId: string;

  @Column({ type: 'bigint', default: 0 })
  requests: string;

  @Column({ type: 'bigint', name: 'query_cost', default: 0 })
  queryCost: string;
}

/**
 * FREE-plan requests of an account's month that server processes have claimed so far.
 * A process claims blocks with one atomic update and never claims past the limit, so
 * the requests accepted across all processes never exceed it.
 */
@Entity('usage_quota_claims')
export class QuotaClaim {
  @PrimaryColumn({ ...uuidColumn, name: 'account_id' })
  accountId: string;

  /** UTC month as YYYY-MM. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'bigint', default: 0 })
  claimed: string;
}
