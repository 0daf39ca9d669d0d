/**
 * Writes the schema the server builds to the repository's schema.graphql, or with `--check`
 * exits 1 when the committed file differs from it.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildWorkApiSchema } from '../src/graphql/schema';

const schemaFile = path.resolve(__dirname, '../../../schema.graphql');

async function main(): Promise<void> {
  const schema = await buildWorkApiSchema();
  const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(schemaFile) ? fs.readFileSync(schemaFile, 'utf8') : '';
    if (committed !== printed) {
      console.error('schema.graphql differs from the schema the server builds. Run `pnpm schema:emit` and commit it.');
      process.exitCode = 1;
      return;
    }
    console.log('schema.graphql matches the server');
    return;
  }
  fs.writeFileSync(schemaFile, printed);
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
