/**
 * Generates and checks the versioned migrations of both dialects from the entities.
 *
 *   migrations.ts generate <Name>   writes a migration for each dialect that has changes
 *   migrations.ts check             exits 1 when the entities and the migrations disagree
 *
 * MySQL uses WORKAPI_TEST_MYSQL_URL (a server URL without a database, default
 * mysql://workapi:workapi@127.0.0.1:3306); a scratch database is created and dropped.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { Config } from '../src/config/config';
import { dataSourceOptions, type Dialect } from '../src/db/data-source';
import { createScratchMysqlDatabase } from '../test/mysql';

interface PendingChange {
  up: string[];
  down: string[];
}

async function diffEntitiesAgainstMigrations(dialect: Dialect): Promise<PendingChange> {
  let cleanup: () => Promise<void>;
  let database: Config['database'];
  if (dialect === 'mysql') {
    const scratch = await createScratchMysqlDatabase('migrations');
    database = { kind: 'mysql', url: scratch.url };
    cleanup = scratch.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-migrations-'));
    database = { kind: 'sqlite', file: path.join(dir, 'check.sqlite') };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const dataSource = new DataSource(await dataSourceOptions(database));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((query) => query.query),
      down: sql.downQueries.map((query) => query.query).reverse(),
    };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await cleanup();
  }
}

function renderMigration(className: string, change: PendingChange): string {
  const lines = (queries: string[]) =>
    queries.map((query) => `    await queryRunner.query(${JSON.stringify(query)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(change.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(change.down)}
  }
}
`;
}

function appendToIndex(dialect: Dialect, fileName: string, className: string): void {
  const indexPath = path.join(__dirname, '../src/db/migrations', dialect, 'index.ts');
  const source = fs.readFileSync(indexPath, 'utf8');
  const importLine = `import { ${className} } from './${fileName}';\n`;
  const listName = dialect === 'mysql' ? 'mysqlMigrations' : 'sqliteMigrations';
  const withImport = importLine + source;
  const updated = withImport.replace(
    new RegExp(`export const ${listName}: Function\\[\\] = \\[([^\\]]*)\\];`),
    (_match, items: string) => {
      const existing = items.trim() ? `${items.trim().replace(/,$/, '')}, ` : '';
      return `export const ${listName}: Function[] = [${existing}${className}];`;
    },
  );
  fs.writeFileSync(indexPath, updated);
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const dialects: Dialect[] = ['mysql', 'sqlite'];

  if (command === 'check') {
    let drift = false;
    for (const dialect of dialects) {
      const change = await diffEntitiesAgainstMigrations(dialect);
      if (change.up.length > 0) {
        drift = true;
        console.error(`The ${dialect} migrations do not match the entities. Missing statements:`);
        for (const query of change.up) console.error(`  ${query}`);
      } else {
        console.log(`${dialect}: migrations match the entities`);
      }
    }
    if (drift) {
      console.error('Run `pnpm --filter @workapi/api migration:generate <Name>` and commit the result.');
      process.exitCode = 1;
    }
    return;
  }

  if (command === 'generate' && name && /^[A-Z][A-Za-z0-9]+$/.test(name)) {
    const timestamp = Date.now();
    for (const dialect of dialects) {
      const change = await diffEntitiesAgainstMigrations(dialect);
      if (change.up.length === 0) {
        console.log(`${dialect}: no changes`);
        continue;
      }
      const className = `${name}${timestamp}`;
      const fileName = `${timestamp}-${name}`;
      const file = path.join(__dirname, '../src/db/migrations', dialect, `${fileName}.ts`);
      fs.writeFileSync(file, renderMigration(className, change));
      appendToIndex(dialect, fileName, className);
      console.log(`${dialect}: wrote ${path.relative(process.cwd(), file)}`);
    }
    return;
  }

  console.error('Usage: migrations.ts generate <PascalCaseName> | check');
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
