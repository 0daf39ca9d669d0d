import type { MeteringConfig } from '../config/config';
import { Plan } from './plan';
import { daysOf, monthStart, nextMonthStart, recentMonths, utcDay } from './periods';
import { formatCents, monthlyChargeCents } from './pricing';
import type { UsageIncrement, UsageRow } from './usage-store';
import { UsageScope, type Usage, type UsageMonth } from './inputs/usage.types';

export interface UsageReportRequest {
  accountId: string;
  environmentId: string | null;
  months: number;
  plan: Plan;
  now: Date;
}

/** Returns the first and last day that a report of `months` months ending at `now` reads. */
export function reportDayRange(now: Date, months: number): [string, string] {
  const oldest = recentMonths(now, months).at(-1) as string;
  return [utcDay(monthStart(oldest)), utcDay(now)];
}

/**
 * Builds a usage report from the account's rows (every environment) and the usage this
 * process counted but has not written yet, so that the report is exact within the process.
 */
export function buildUsageReport(
  request: UsageReportRequest,
  rows: UsageRow[],
  pending: UsageIncrement[],
  settings: Pick<MeteringConfig, 'freeRequestsPerMonth' | 'priceTiers' | 'currency'>,
): Usage {
  const [fromDay, toDay] = reportDayRange(request.now, request.months);
  const scoped = new Map<string, { requests: number; cost: number }>();
  const accountByMonth = new Map<string, number>();
  const add = (environmentId: string, day: string, requests: number, cost: number) => {
    if (day < fromDay || day > toDay) return;
    const month = day.slice(0, 7);
    accountByMonth.set(month, (accountByMonth.get(month) ?? 0) + requests);
    if (request.environmentId !== null && environmentId !== request.environmentId) return;
    const total = scoped.get(day) ?? { requests: 0, cost: 0 };
    total.requests += requests;
    total.cost += cost;
    scoped.set(day, total);
  };
  for (const row of rows) add(row.environmentId, row.day, row.requests, row.cost);
  for (const increment of pending) {
    if (increment.accountId === request.accountId) add(increment.environmentId, increment.day, increment.requests, increment.cost);
  }

  const free = settings.freeRequestsPerMonth;
  const months: UsageMonth[] = recentMonths(request.now, request.months).map((month) => {
    const days = daysOf(month, request.now).map((date) => ({
      date,
      requests: scoped.get(date)?.requests ?? 0,
      queryCost: scoped.get(date)?.cost ?? 0,
    }));
    const accountRequests = accountByMonth.get(month) ?? 0;
    const payAsYouGo = request.plan === Plan.PAY_AS_YOU_GO;
    const cents = payAsYouGo ? monthlyChargeCents(accountRequests, settings.priceTiers) : 0;
    return {
      month,
      startsAt: monthStart(month),
      resetsAt: nextMonthStart(month),
      requests: days.reduce((sum, day) => sum + day.requests, 0),
      queryCost: days.reduce((sum, day) => sum + day.queryCost, 0),
      accountRequests,
      freeRequestsLeft: Math.max(0, free - accountRequests),
      billableRequests: payAsYouGo ? Math.max(0, accountRequests - free) : 0,
      estimatedCharge: { amount: formatCents(cents), currency: settings.currency },
      days,
    };
  });

  return {
    scope: request.environmentId === null ? UsageScope.ACCOUNT : UsageScope.ENVIRONMENT,
    environmentId: request.environmentId,
    plan: request.plan,
    freeRequestsPerMonth: free,
    months,
  };
}
