import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import type { Config } from '../config/config';
import { entities } from './entities';
import { serializeSqliteTransactions } from './transaction';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';

export type Dialect = 'mysql' | 'sqlite';

export interface DataSourceHooks {
  /** Called with every SQL statement, for tests that count statements. */
  onQuery?: (sql: string) => void;
}

function queryLogger(hooks: DataSourceHooks): TypeOrmLogger | undefined {
  const onQuery = hooks.onQuery;
  if (!onQuery) return undefined;
  const ignore = () => undefined;
  return {
    logQuery: (sql) => onQuery(sql),
    logQueryError: ignore,
    logQuerySlow: ignore,
    logSchemaBuild: ignore,
    logMigration: ignore,
    log: ignore,
  };
}

/**
 * Asks the server for its version, because TypeORM's `mariadb` and `mysql` drivers read
 * column defaults differently and the wrong one reports schema drift that is not there.
 */
async function detectMysqlFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return version.toLowerCase().includes('mariadb') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

export async function dataSourceOptions(
  database: Config['database'],
  hooks: DataSourceHooks = {},
): Promise<DataSourceOptions> {
  const logger = queryLogger(hooks);
  const common = {
    entities,
    synchronize: false,
    migrationsRun: false,
    logging: logger ? ['query' as const] : false,
    logger,
  };
  if (database.kind === 'mysql') {
    return {
      ...common,
      type: await detectMysqlFlavor(database.url),
      url: database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      migrations: mysqlMigrations,
      extra: { connectionLimit: 20 },
    };
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    enableWAL: true,
    timeout: 10_000,
    migrations: sqliteMigrations,
  };
}

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

/**
 * Connects and applies every pending migration of the dialect. `synchronize` also creates
 * tables of entities that have no migration yet. Only tests use it while a feature is being
 * built, and the migration check catches anything it would hide.
 */
export async function openDatabase(
  database: Config['database'],
  hooks: DataSourceHooks = {},
  options: { synchronize?: boolean } = {},
): Promise<DataSource> {
  const dataSource = new DataSource(await dataSourceOptions(database, hooks));
  await dataSource.initialize();
  if (dialectOf(dataSource) === 'sqlite') serializeSqliteTransactions(dataSource);
  await dataSource.runMigrations({ transaction: 'each' });
  if (options.synchronize) await dataSource.synchronize();
  return dataSource;
}
