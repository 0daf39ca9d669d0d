import { registerEnumType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { notFound } from '../graphql/errors';

export enum Plan {
  FREE = 'FREE',
  PAY_AS_YOU_GO = 'PAY_AS_YOU_GO',
}

registerEnumType(Plan, {
  name: 'Plan',
  description: 'Billing plan of an account.',
  valuesConfig: {
    FREE: { description: 'Requests stop with MONTHLY_QUOTA_EXCEEDED once the monthly free allowance is used.' },
    PAY_AS_YOU_GO: { description: 'Requests beyond the monthly free allowance continue and are priced by graduated tiers.' },
  },
});

function asPlan(value: string): Plan {
  return value === Plan.PAY_AS_YOU_GO ? Plan.PAY_AS_YOU_GO : Plan.FREE;
}

/**
 * Account plans, read from the accounts table and kept for `cacheSeconds`, so that a
 * metered request normally reads no plan from the database. A change made by this process
 * applies at once; one made by another process within `cacheSeconds`.
 */
export class PlanCache {
  private readonly entries = new Map<string, { plan: Plan; expiresMs: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cacheSeconds: number,
  ) {}

  async planOf(accountId: string): Promise<Plan> {
    const cached = this.entries.get(accountId);
    if (cached && cached.expiresMs > Date.now()) return cached.plan;
    const account = await this.dataSource.getRepository(Account).findOne({ select: { id: true, plan: true }, where: { id: accountId } });
    if (!account) throw notFound('Account');
    return this.remember(accountId, asPlan(account.plan));
  }

  async change(accountId: string, plan: Plan): Promise<Plan> {
    const result = await this.dataSource.getRepository(Account).update({ id: accountId }, { plan });
    if (result.affected === 0) throw notFound('Account');
    return this.remember(accountId, plan);
  }

  private remember(accountId: string, plan: Plan): Plan {
    if (this.cacheSeconds > 0) this.entries.set(accountId, { plan, expiresMs: Date.now() + this.cacheSeconds * 1000 });
    return plan;
  }
}
