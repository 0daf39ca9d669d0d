import type { DataSource } from 'typeorm';

/** Every row of every table as one JSON text, for tests that search the stored data for secrets. */
export async function dumpDatabase(dataSource: DataSource): Promise<string> {
  const isSqlite = dataSource.options.type === 'better-sqlite3';
  const tables: Array<{ name: string }> = isSqlite
    ? await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
    : await dataSource.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`);
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const quoted = isSqlite ? `"${name}"` : `\`${name}\``;
    dump[name] = await dataSource.query(`SELECT * FROM ${quoted}`);
  }
  return JSON.stringify(dump);
}
