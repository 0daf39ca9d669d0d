/**
 * Starts the API server for the metering benchmark from the TypeScript sources. It is the
 * normal server, plus tables of entities without a migration and a count of the SQL
 * statements it ran. GET /__bench/sql-statements returns the count, which the benchmark
 * divides by the requests it sent.
 */
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config/config';

async function main(): Promise<void> {
  const config = loadConfig();
  let statements = 0;
  const app = await buildApp(config, { synchronizeSchema: true, databaseHooks: { onQuery: () => (statements += 1) } });
  app.server.get('/__bench/sql-statements', async () => ({ statements }));
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
  await app.server.listen({ port: config.port, host: config.host });
  process.send?.('listening');
}

main().catch((error: unknown) => {
  console.error('benchmark server failed to start:', error);
  process.exit(1);
});
