import 'reflect-metadata';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp(config);
  const log = app.server.log;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests');
    const forceExit = setTimeout(() => {
      log.error('shutdown took more than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    forceExit.unref();
    try {
      await app.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.server.listen({ port: config.port, host: config.host });
  log.info(
    { url: config.publicUrl, database: config.database.kind, dataDir: config.dataDir },
    `Work API listening on ${config.publicUrl}`,
  );
}

main().catch((error: unknown) => {
  console.error('Work API failed to start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
