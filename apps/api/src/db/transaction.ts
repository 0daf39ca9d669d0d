import type { DataSource, EntityManager } from 'typeorm';

/** Runs `work` in one transaction; on SQLite it waits for any other transaction to end first. */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(work);
}

/**
 * Makes SQLite transactions run one at a time in call order. TypeORM shares one SQLite
 * connection between all callers and turns a transaction started while another is open into
 * a savepoint inside it, so concurrent transactions would commit or roll back each other's
 * statements. MySQL gives each transaction its own connection and needs none of this.
 *
 * NOTE: on SQLite a statement issued outside a transaction while one is open (including a
 * repository `save` outside a transaction) still runs on the shared connection, inside it.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = (...args: unknown[]): Promise<unknown> => {
    const result = queue.then(() => original(...args));
    queue = result.catch(() => undefined);
    return result;
  };
  (manager as unknown as { transaction: typeof serialized }).transaction = serialized;
}
