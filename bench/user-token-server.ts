/**
 * Starts the API server for a benchmark from the TypeScript sources. It is the normal
 * server, except that it also creates tables of entities that have no migration yet.
 */
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config, { synchronizeSchema: true });
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
