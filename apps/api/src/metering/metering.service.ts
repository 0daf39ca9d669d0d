import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Auth } from '../auth/auth';
import type { Config, MeteringConfig } from '../config/config';
import { AppError, type ErrorCode } from '../graphql/errors';
import { MemoryBuckets, RedisBuckets, type ThrottleBuckets } from './bucket';
import type { OperationScope } from './cost';
import { checkLimits, type QueryMeasure } from './limits';
import { nextMonthStart, utcDay, utcMonth } from './periods';
import { Plan, PlanCache } from './plan';
import type { Usage } from './inputs/usage.types';
import { buildUsageReport, reportDayRange } from './usage-report';
import { UsageStore, type UsageIncrement } from './usage-store';

export type MeteredAuth = Extract<Auth, { kind: 'environment' } | { kind: 'user' }>;

/** `extensions.cost` of a metered response, in the shape the API documents. */
export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  maximumQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
  usage: { period: string; requestsUsed: number; requestsLimit: number | null; resetAt: string } | null;
}

/**
 * THROTTLED or MONTHLY_QUOTA_EXCEEDED. `cost` is what the response's `extensions.cost`
 * reports for the refused request; it is not part of the error itself.
 */
export class MeteringRefusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    extensions: Record<string, unknown>,
    readonly cost: CostExtension,
  ) {
    super(code, message, extensions);
  }
}

/** A metered request that passed the throttle and the quota, waiting to be settled. */
export interface Admission {
  auth: MeteredAuth;
  plan: Plan;
  month: string;
  requestedCost: number;
  /** Points left in the bucket right after the request's points were taken. */
  availableAfterTake: number;
}

interface MonthCounter {
  month: string;
  /** Requests of the month in the database when last read. */
  recorded: number;
  /** Requests this process accepted that are not yet in `recorded`. */
  unrecorded: number;
}

interface QuotaState {
  month: string;
  /** Claimed FREE-plan requests this process has not used yet. */
  available: number;
  claimRowReady: boolean;
  claiming: Promise<number> | null;
}

/**
 * Costs, throttles and counts metered requests: environment tokens and user access tokens.
 * Usage is added up in memory and written every `usageFlushMs` and at close(), so a
 * request adds no SQL statement of its own. FREE-plan requests are taken from blocks that
 * the process claims in the database, which keeps the cutoff exact within one process and
 * never over the limit across several.
 */
export class MeteringService {
  readonly settings: MeteringConfig;
  readonly store: UsageStore;
  readonly plans: PlanCache;
  readonly buckets: ThrottleBuckets;
  /** The clock in epoch milliseconds; tests replace it to move through months. */
  clock: () => number = Date.now;

  /** Counted usage not yet written, by day, account and environment. */
  private pending = new Map<string, Map<string, Map<string, UsageIncrement>>>();
  private readonly counters = new Map<string, MonthCounter>();
  private readonly counterLoads = new Map<string, Promise<MonthCounter>>();
  private readonly quotas = new Map<string, QuotaState>();
  private flushChain: Promise<void> = Promise.resolve();
  /** Today's UTC day and month, kept until the day ends, so a request formats no dates. */
  private calendar = { fromMs: 0, untilMs: 0, day: '', month: '', resetAt: '' };
  private readonly timer: NodeJS.Timeout;

  constructor(
    config: Config,
    dataSource: DataSource,
    private readonly log: Logger,
  ) {
    this.settings = config.metering;
    this.store = new UsageStore(dataSource);
    this.plans = new PlanCache(dataSource, this.settings.planCacheSeconds);
    const bucketSettings = { capacity: this.settings.throttleCapacity, restoreRate: this.settings.throttleRestoreRate };
    this.buckets = this.settings.redisUrl ? new RedisBuckets(this.settings.redisUrl, bucketSettings, log) : new MemoryBuckets(bucketSettings);
    this.timer = setInterval(() => void this.flush(), this.settings.usageFlushMs);
    this.timer.unref();
  }

  private now(): Date {
    return new Date(this.clock());
  }

  private today(): { day: string; month: string; resetAt: string } {
    const ms = this.clock();
    if (ms < this.calendar.fromMs || ms >= this.calendar.untilMs) {
      const now = new Date(ms);
      const fromMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      const month = utcMonth(now);
      this.calendar = { fromMs, untilMs: fromMs + 24 * 3600 * 1000, day: utcDay(now), month, resetAt: nextMonthStart(month).toISOString() };
    }
    return this.calendar;
  }

  /** Checks depth, aliases, page sizes and cost; raises the limit's error code when one is broken. */
  measure(scope: OperationScope): QueryMeasure {
    return checkLimits(scope, {
      maxCost: this.settings.maxQueryCost,
      maxDepth: this.settings.maxQueryDepth,
      maxAliases: this.settings.maxAliases,
    });
  }

  /**
   * Takes one request of the FREE allowance (if the plan has one) and the requested points
   * of the environment's bucket. Raises a MeteringRefusal (MONTHLY_QUOTA_EXCEEDED or
   * THROTTLED) that carries the cost extension, and then counts nothing.
   */
  async admit(auth: MeteredAuth, requestedCost: number): Promise<Admission> {
    const { month } = this.today();
    const plan = await this.plans.planOf(auth.accountId);
    const counter = await this.counterOf(auth.accountId, month);

    if (plan === Plan.FREE && !(await this.takeFreeRequest(auth.accountId, month))) {
      const resetAt = nextMonthStart(month);
      const limit = this.settings.freeRequestsPerMonth;
      throw new MeteringRefusal(
        'MONTHLY_QUOTA_EXCEEDED',
        `The FREE plan's ${limit} requests for ${month} are used up. Requests resume at ${resetAt.toISOString()}; to continue now, change the account's plan to PAY_AS_YOU_GO in the console.`,
        { resetAt: resetAt.toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - this.clock()) / 1000)) },
        await this.describe(auth, requestedCost),
      );
    }

    const taken = await this.buckets.take(auth.environmentId, requestedCost);
    if (!taken.allowed) {
      if (plan === Plan.FREE) this.returnFreeRequest(auth.accountId, month);
      throw new MeteringRefusal(
        'THROTTLED',
        `The environment's throttle bucket has ${Math.floor(taken.available)} of the ${requestedCost} points this query needs; retry in ${taken.retryAfterSeconds} s.`,
        { retryAfterSeconds: taken.retryAfterSeconds },
        await this.describe(auth, requestedCost),
      );
    }

    counter.unrecorded += 1;
    return { auth, plan, month, requestedCost, availableAfterTake: taken.available };
  }

  /** Refunds the points the response did not use, counts the request and reports its cost. */
  async settle(admission: Admission, actualCost: number): Promise<CostExtension> {
    const { auth } = admission;
    const unused = admission.requestedCost - actualCost;
    const available = unused > 0 ? await this.buckets.refund(auth.environmentId, unused) : admission.availableAfterTake;
    this.record({ accountId: auth.accountId, environmentId: auth.environmentId, day: this.today().day, requests: 1, cost: actualCost });
    return {
      requestedQueryCost: admission.requestedCost,
      actualQueryCost: actualCost,
      maximumQueryCost: this.settings.maxQueryCost,
      throttleStatus: this.throttleStatus(available),
      usage: this.usageStatus(admission.auth.accountId, admission.month, admission.plan),
    };
  }

  /** Builds the cost extension of a request that does not run: a dry run, or a refused request. */
  async describe(auth: Auth, requestedCost: number): Promise<CostExtension> {
    const extension: CostExtension = {
      requestedQueryCost: requestedCost,
      actualQueryCost: 0,
      maximumQueryCost: this.settings.maxQueryCost,
      throttleStatus: null,
      usage: null,
    };
    if (!this.settings.enabled || (auth.kind !== 'environment' && auth.kind !== 'user')) return extension;
    const { month } = this.today();
    const plan = await this.plans.planOf(auth.accountId);
    await this.counterOf(auth.accountId, month);
    extension.throttleStatus = this.throttleStatus(await this.buckets.peek(auth.environmentId));
    extension.usage = this.usageStatus(auth.accountId, month, plan);
    return extension;
  }

  private throttleStatus(available: number): NonNullable<CostExtension['throttleStatus']> {
    return {
      maximumAvailable: this.settings.throttleCapacity,
      currentlyAvailable: Math.floor(available),
      restoreRate: this.settings.throttleRestoreRate,
    };
  }

  private usageStatus(accountId: string, month: string, plan: Plan): NonNullable<CostExtension['usage']> {
    const counter = this.counters.get(accountId);
    const used = counter && counter.month === month ? counter.recorded + counter.unrecorded : 0;
    return {
      period: month,
      requestsUsed: used,
      requestsLimit: plan === Plan.FREE ? this.settings.freeRequestsPerMonth : null,
      resetAt: month === this.calendar.month ? this.calendar.resetAt : nextMonthStart(month).toISOString(),
    };
  }

  /** Returns the account's month counter, which is read from the database once per month and process. */
  private async counterOf(accountId: string, month: string): Promise<MonthCounter> {
    const counter = this.counters.get(accountId);
    if (counter && counter.month === month) return counter;
    const key = `${accountId}|${month}`;
    let load = this.counterLoads.get(key);
    if (!load) {
      load = this.store
        .monthRequests([accountId], month)
        .then((totals) => {
          const loaded = { month, recorded: totals.get(accountId) ?? 0, unrecorded: 0 };
          this.counters.set(accountId, loaded);
          return loaded;
        })
        .finally(() => this.counterLoads.delete(key));
      this.counterLoads.set(key, load);
    }
    return load;
  }

  private async takeFreeRequest(accountId: string, month: string): Promise<boolean> {
    let quota = this.quotas.get(accountId);
    if (!quota || quota.month !== month) {
      quota = { month, available: 0, claimRowReady: false, claiming: null };
      this.quotas.set(accountId, quota);
    }
    while (quota.available <= 0) {
      if (!quota.claiming) {
        const state = quota;
        state.claiming = this.claimBlock(accountId, state).finally(() => {
          state.claiming = null;
        });
      }
      const granted = await quota.claiming;
      if (granted === 0 && quota.available <= 0) return false;
    }
    quota.available -= 1;
    return true;
  }

  private async claimBlock(accountId: string, quota: QuotaState): Promise<number> {
    if (!quota.claimRowReady) {
      await this.store.ensureClaimRow(accountId, quota.month);
      quota.claimRowReady = true;
    }
    const granted = await this.store.claim(accountId, quota.month, this.settings.quotaBlockSize, this.settings.freeRequestsPerMonth);
    quota.available += granted;
    return granted;
  }

  private returnFreeRequest(accountId: string, month: string): void {
    const quota = this.quotas.get(accountId);
    if (quota && quota.month === month) quota.available += 1;
  }

  /** Adds to the pending usage. Nested maps keyed by the ids avoid building a key string per request. */
  private record(increment: UsageIncrement): void {
    let byAccount = this.pending.get(increment.day);
    if (!byAccount) {
      byAccount = new Map();
      this.pending.set(increment.day, byAccount);
    }
    let byEnvironment = byAccount.get(increment.accountId);
    if (!byEnvironment) {
      byEnvironment = new Map();
      byAccount.set(increment.accountId, byEnvironment);
    }
    const existing = byEnvironment.get(increment.environmentId);
    if (existing) {
      existing.requests += increment.requests;
      existing.cost += increment.cost;
    } else {
      byEnvironment.set(increment.environmentId, { ...increment });
    }
  }

  /** Returns the usage counted by this process and not yet written to the database. */
  pendingIncrements(): UsageIncrement[] {
    const increments: UsageIncrement[] = [];
    for (const byAccount of this.pending.values()) {
      for (const byEnvironment of byAccount.values()) increments.push(...byEnvironment.values());
    }
    return increments;
  }

  /** Writes the counted usage; runs one at a time, and keeps the counts to retry when a write fails. */
  flush(): Promise<void> {
    // A rejected link would stop every later flush, so failures end here, logged.
    this.flushChain = this.flushChain
      .then(() => this.flushOnce())
      .catch((error: unknown) => this.log.error({ err: error }, 'flushing usage counters failed'));
    return this.flushChain;
  }

  private async flushOnce(): Promise<void> {
    if (this.pending.size === 0) return;
    const increments = this.pendingIncrements();
    this.pending = new Map();
    try {
      await this.store.add(increments);
    } catch (error) {
      for (const increment of increments) this.record(increment);
      this.log.error({ err: error, rows: increments.length }, 'writing usage counters failed; retrying at the next flush');
      return;
    }

    const month = utcMonth(this.now());
    const flushedByAccount = new Map<string, number>();
    for (const increment of increments) {
      if (increment.day.slice(0, 7) !== month) continue;
      flushedByAccount.set(increment.accountId, (flushedByAccount.get(increment.accountId) ?? 0) + increment.requests);
    }
    const accounts = [...flushedByAccount.keys()].filter((id) => this.counters.get(id)?.month === month);
    if (accounts.length === 0) return;
    try {
      const totals = await this.store.monthRequests(accounts, month);
      for (const accountId of accounts) {
        const counter = this.counters.get(accountId);
        if (!counter || counter.month !== month) continue;
        counter.recorded = totals.get(accountId) ?? counter.recorded;
        counter.unrecorded = Math.max(0, counter.unrecorded - (flushedByAccount.get(accountId) ?? 0));
      }
    } catch (error) {
      // The writes succeeded; only the totals shown in extensions.cost stay a second older.
      this.log.warn({ err: error }, 'reading monthly usage totals failed');
    }
  }

  /**
   * Reports the usage of the account, or of one of its environments, over the last `months` months.
   * The read runs between flushes and adds this process's unflushed counts, so each request
   * this process accepted is counted exactly once. Other processes' requests appear after
   * their next flush (WORKAPI_USAGE_FLUSH_MS).
   */
  async report(accountId: string, environmentId: string | null, months: number): Promise<Usage> {
    const now = this.now();
    const plan = await this.plans.planOf(accountId);
    const [fromDay, toDay] = reportDayRange(now, months);
    const read = this.flushChain.then(async () => {
      const rows = await this.store.rows(accountId, null, fromDay, toDay);
      return { rows, pending: this.pendingIncrements() };
    });
    this.flushChain = read.then(
      () => undefined,
      () => undefined,
    );
    const { rows, pending } = await read;
    return buildUsageReport({ accountId, environmentId, months, plan, now }, rows, pending, this.settings);
  }

  /** Changes the account's plan; returning to FREE restarts its claims from the recorded usage. */
  async changePlan(accountId: string, plan: Plan): Promise<Plan> {
    const previous = await this.plans.planOf(accountId);
    const changed = await this.plans.change(accountId, plan);
    if (plan === Plan.FREE && previous !== Plan.FREE) {
      await this.flush();
      const month = utcMonth(this.now());
      await this.store.resetClaims(accountId, month);
      this.quotas.delete(accountId);
    }
    this.log.info({ accountId, plan: changed, previousPlan: previous }, 'account plan changed');
    return changed;
  }

  /** Writes the remaining usage, gives back unused FREE-plan claims and disconnects. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (this.pending.size > 0) {
      this.log.error({ rows: this.pendingIncrements().length }, 'usage counters could not be written before shutdown');
    }
    for (const [accountId, quota] of this.quotas) {
      if (quota.available <= 0) continue;
      try {
        await this.store.release(accountId, quota.month, quota.available);
      } catch (error) {
        this.log.warn({ err: error, accountId }, 'returning unused free-plan claims failed');
      }
    }
    this.quotas.clear();
    await this.buckets.close();
  }
}
