import type { DataSource } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { monthStart, nextMonthStart, utcDay } from './periods';
import { QuotaClaim } from './usage.entity';

/** Requests and cost to add to one usage row. */
export interface UsageIncrement {
  accountId: string;
  environmentId: string;
  day: string;
  requests: number;
  cost: number;
}

export interface UsageRow {
  environmentId: string;
  day: string;
  requests: number;
  cost: number;
}

/** Rows per upsert statement, well below the bound parameters both dialects accept. */
const rowsPerStatement = 500;

/** Days of `month` as an inclusive text range, for `day BETWEEN ? AND ?`. */
function dayRange(month: string): [string, string] {
  const last = new Date(nextMonthStart(month).getTime() - 1);
  return [utcDay(monthStart(month)), utcDay(last)];
}

/** SQL for usage counters and free-plan claims, on MySQL/MariaDB and SQLite. */
export class UsageStore {
  private readonly dialect: 'mysql' | 'sqlite';

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  /** Adds the increments with atomic upserts, so that concurrent writers never lose a count. */
  async add(increments: UsageIncrement[]): Promise<void> {
    // A fixed row order keeps two processes that upsert the same rows from deadlocking.
    const sorted = [...increments].sort((a, b) =>
      `${a.accountId}${a.day}${a.environmentId}`.localeCompare(`${b.accountId}${b.day}${b.environmentId}`),
    );
    for (let start = 0; start < sorted.length; start += rowsPerStatement) {
      const chunk = sorted.slice(start, start + rowsPerStatement);
      const placeholders = chunk.map(() => '(?, ?, ?, ?, ?)').join(', ');
      const parameters = chunk.flatMap((row) => [row.accountId, row.day, row.environmentId, row.requests, row.cost]);
      const insert = `INSERT INTO usage_days (account_id, day, environment_id, requests, query_cost) VALUES ${placeholders}`;
      const onConflict =
        this.dialect === 'mysql'
          ? ' ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests), query_cost = query_cost + VALUES(query_cost)'
          : ' ON CONFLICT (account_id, day, environment_id) DO UPDATE SET requests = requests + excluded.requests, query_cost = query_cost + excluded.query_cost';
      await this.dataSource.query(insert + onConflict, parameters);
    }
  }

  /** Requests recorded for each account in `month`, over all its environments. */
  async monthRequests(accountIds: string[], month: string): Promise<Map<string, number>> {
    const totals = new Map<string, number>(accountIds.map((id) => [id, 0]));
    if (accountIds.length === 0) return totals;
    const [from, to] = dayRange(month);
    const rows: Array<{ account_id: string; requests: string | number | null }> = await this.dataSource.query(
      `SELECT account_id, SUM(requests) AS requests FROM usage_days
       WHERE account_id IN (${accountIds.map(() => '?').join(', ')}) AND day BETWEEN ? AND ?
       GROUP BY account_id`,
      [...accountIds, from, to],
    );
    for (const row of rows) totals.set(row.account_id, Number(row.requests ?? 0));
    return totals;
  }

  /** Usage rows of an account (or of one of its environments) between two days, inclusive. */
  async rows(accountId: string, environmentId: string | null, fromDay: string, toDay: string): Promise<UsageRow[]> {
    const byEnvironment = environmentId === null ? '' : ' AND environment_id = ?';
    const rows: Array<{ environment_id: string; day: string; requests: string | number; query_cost: string | number }> =
      await this.dataSource.query(
        `SELECT environment_id, day, requests, query_cost FROM usage_days
         WHERE account_id = ? AND day BETWEEN ? AND ?${byEnvironment}`,
        environmentId === null ? [accountId, fromDay, toDay] : [accountId, fromDay, toDay, environmentId],
      );
    return rows.map((row) => ({
      environmentId: row.environment_id,
      day: row.day,
      requests: Number(row.requests),
      cost: Number(row.query_cost),
    }));
  }

  /**
   * Creates the account's claim row for the month, starting from the requests already
   * recorded, unless it exists. Returns nothing; claim() reads the row.
   */
  async ensureClaimRow(accountId: string, month: string): Promise<void> {
    const [from, to] = dayRange(month);
    const select = `SELECT ?, ?, COALESCE(SUM(requests), 0) FROM usage_days WHERE account_id = ? AND day BETWEEN ? AND ?`;
    const sql =
      this.dialect === 'mysql'
        ? `INSERT INTO usage_quota_claims (account_id, month, claimed) ${select} ON DUPLICATE KEY UPDATE claimed = claimed`
        : `INSERT INTO usage_quota_claims (account_id, month, claimed) ${select} ON CONFLICT (account_id, month) DO NOTHING`;
    await this.dataSource.query(sql, [accountId, month, accountId, from, to]);
  }

  /**
   * Claims up to `block` requests of the month's `limit` for this process and returns how
   * many it got (0 when the allowance is used up). A compare-and-set on the claimed count
   * makes concurrent claims from several processes add up exactly.
   */
  async claim(accountId: string, month: string, block: number, limit: number): Promise<number> {
    const repository = this.dataSource.getRepository(QuotaClaim);
    for (;;) {
      const row = await repository.findOneBy({ accountId, month });
      const claimed = Number(row?.claimed ?? 0);
      const granted = Math.max(0, Math.min(block, limit - claimed));
      if (granted === 0) return 0;
      const result = await repository
        .createQueryBuilder()
        .update(QuotaClaim)
        .set({ claimed: () => `claimed + ${granted}` })
        .where('account_id = :accountId AND month = :month AND claimed = :claimed', { accountId, month, claimed })
        .execute();
      if (result.affected === 1) return granted;
    }
  }

  /** Gives back claimed requests that this process will not use (at shutdown). */
  async release(accountId: string, month: string, requests: number): Promise<void> {
    if (requests <= 0) return;
    await this.dataSource
      .getRepository(QuotaClaim)
      .createQueryBuilder()
      .update(QuotaClaim)
      .set({ claimed: () => `claimed - ${Math.floor(requests)}` })
      .where('account_id = :accountId AND month = :month AND claimed >= :requests', { accountId, month, requests })
      .execute();
  }

  /** Restarts the month's claims from the recorded requests, when an account returns to FREE. */
  async resetClaims(accountId: string, month: string): Promise<void> {
    await this.dataSource.getRepository(QuotaClaim).delete({ accountId, month });
    await this.ensureClaimRow(accountId, month);
  }
}
