import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. On SQLite, TypeORM shares one connection between all
 * callers and turns a transaction started while another is open into a savepoint inside
 * it, so concurrent transactions would commit or roll back each other's statements.
 * There, transactions run one at a time in call order; MySQL gives each its own connection.
 *
 * NOTE: on SQLite a statement issued outside this helper while a transaction is open still
 * runs on the shared connection, inside that transaction.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(dataSource) === 'mysql') return dataSource.transaction(work);

  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const result = previous.then(() => dataSource.transaction(work));
  sqliteQueues.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}
