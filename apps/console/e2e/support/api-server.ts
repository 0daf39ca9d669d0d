import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { API_ENTRY, CONSOLE_DIST } from './paths';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ApiServer {
  baseUrl: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not read the port of the probe socket.'));
      });
    });
  });
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The API server exited with code ${child.exitCode} before it was ready. Its output:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  throw new Error(`GET ${baseUrl}/readyz did not return 200 within ${READY_TIMEOUT_MS} ms. Server output:\n${output()}`);
}

/**
 * Starts the built API server on a free loopback port with a fresh data
 * directory, serving the built console, and waits until GET /readyz is 200.
 */
export async function startApiServer(extraEnv: Record<string, string> = {}): Promise<ApiServer> {
  for (const [file, build] of [
    [API_ENTRY, 'pnpm --filter @workapi/api build'],
    [path.join(CONSOLE_DIST, 'index.html'), 'pnpm --filter @workapi/console build'],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`${build}\` (or \`pnpm build\`) first.`);
  }

  const port = await findFreePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';

  const child = spawn(process.execPath, [API_ENTRY], {
    env: {
      ...process.env,
      PORT: String(port),
      WORKAPI_DATA_DIR: dataDir,
      WORKAPI_PUBLIC_URL: baseUrl,
      WORKAPI_CONSOLE_DIR: CONSOLE_DIST,
      WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_EMAIL: '1000',
      WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: '1000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  return { baseUrl, output: () => output, stop };
}
