import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../src/app';
import { loadConfig, type Config } from '../src/config/config';
import { createScratchMysqlDatabase } from './mysql';

/** `mysql` or `sqlite` (default): the dialect every test of this run uses. */
export const testDialect = process.env.WORKAPI_TEST_DIALECT === 'mysql' ? 'mysql' : 'sqlite';

export interface TestApp {
  app: App;
  config: Config;
  url: string;
  /** Every log line written so far, as raw JSON text. */
  logs(): string;
  /** Returns every SQL statement run since the last call and clears the list. */
  takeQueries(): string[];
  /**
   * Reopens the server on the same database and data directory, as a restart would;
   * `env`, when given, replaces the variables passed to startTestApp.
   */
  restart(env?: Record<string, string>): Promise<TestApp>;
  /**
   * Starts a second server process on the same database and data directory, as a load
   * balancer would run it. Closing the peer leaves the storage to the first app.
   */
  startPeer(env?: Record<string, string>): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Resolver classes added to the schema, for probes of the request pipeline. */
  extraResolvers?: Function[];
  /**
   * Port to listen on instead of a random one, for tests whose WORKAPI_PUBLIC_URL must name
   * the server itself (the SANDBOX provider's token endpoint is called at the public URL).
   */
  port?: number;
}

interface Storage {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

async function createStorage(label: string): Promise<Storage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-test-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (testDialect === 'sqlite') return { env: { WORKAPI_DATA_DIR: dataDir }, cleanup: removeDir };
  const scratch = await createScratchMysqlDatabase(label);
  return {
    // With DATABASE_URL the server requires explicit encryption keys, so each database gets one, kept across restart().
    env: { WORKAPI_DATA_DIR: dataDir, DATABASE_URL: scratch.url, WORKAPI_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}` },
    cleanup: async () => {
      await scratch.drop();
      await removeDir();
    },
  };
}

async function startOn(storage: Storage, env: Record<string, string>, label: string, options: TestAppOptions = {}): Promise<TestApp> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let queries: string[] = [];
  const config = loadConfig({
    WORKAPI_LOG_LEVEL: 'info',
    WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_EMAIL: '1000',
    WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: '1000',
    WORKAPI_CONSOLE_DIR: path.join(storage.env.WORKAPI_DATA_DIR, 'no-console'),
    ...storage.env,
    ...env,
  });
  const app = await buildApp(config, {
    logDestination: destination,
    databaseHooks: { onQuery: (sql) => queries.push(sql) },
    // While a feature has no migration yet, WORKAPI_TEST_SYNCHRONIZE=1 creates its tables.
    synchronizeSchema: process.env.WORKAPI_TEST_SYNCHRONIZE === '1',
    extraResolvers: options.extraResolvers,
  });
  await app.server.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  let closed = false;
  const testApp: TestApp = {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    logs: () => lines.join(''),
    takeQueries: () => {
      const taken = queries;
      queries = [];
      return taken;
    },
    restart: async (nextEnv = env) => {
      await app.close();
      closed = true;
      return startOn(storage, nextEnv, label, options);
    },
    startPeer: (peerEnv = env) => startOn({ env: storage.env, cleanup: async () => undefined }, peerEnv, label, { ...options, port: undefined }),
    close: async () => {
      if (!closed) await app.close();
      closed = true;
      await storage.cleanup();
    },
  };
  return testApp;
}

/** Starts a server on a fresh database of the run's dialect, listening on 127.0.0.1. */
export async function startTestApp(env: Record<string, string> = {}, label = 'app', options: TestAppOptions = {}): Promise<TestApp> {
  const storage = await createStorage(label);
  return startOn(storage, env, label, options);
}
