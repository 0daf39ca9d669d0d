/**
 * Measures environment key generation and environment token verification.
 *
 * Run from apps/api (see bench/README.md):
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register ../../bench/keys.ts [--mysql] [--runs 5]
 *
 * Each figure is the median, over the runs, of the mean time per operation within a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config/config';
import { createScratchMysqlDatabase } from '../apps/api/test/mysql';
import { importEnvironmentKey, signEnvironmentToken } from '../packages/sdk/src';

const generateKeyPairAsync = promisify(generateKeyPair);
const apiRequire = createRequire(path.join(__dirname, '../apps/api/package.json'));
const jose = apiRequire('jose') as typeof import('jose');

type Algorithm = 'ES256' | 'EdDSA' | 'RS256';

const keyGenerators: Record<Algorithm, () => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>> = {
  ES256: () => generateKeyPairAsync('ec', { namedCurve: 'P-256' }),
  EdDSA: () => generateKeyPairAsync('ed25519'),
  RS256: () => generateKeyPairAsync('rsa', { modulusLength: 2048 }),
};

const algorithms: Algorithm[] = ['ES256', 'EdDSA', 'RS256'];

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : (process.argv[index + 1] ?? '');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Timing {
  /** Median over the runs of the mean microseconds per call. */
  median: number;
  min: number;
  max: number;
}

interface Benchmark {
  name: string;
  iterations: number;
  /** One call; `index` counts the calls of this benchmark, warm-up calls included. */
  operation: (index: number) => Promise<unknown>;
}

/**
 * Times each benchmark `iterations` calls per run, after up to 20 warm-up calls. The benchmarks
 * take turns within every run, starting with a different one each run, so that a slow
 * stretch of the shared machine or a cold start does not fall on one of them only.
 */
async function measureInterleaved(runs: number, benchmarks: Benchmark[]): Promise<Map<string, Timing>> {
  const counters = new Map(benchmarks.map((benchmark) => [benchmark.name, 0]));
  const call = (benchmark: Benchmark) => {
    const index = counters.get(benchmark.name)!;
    counters.set(benchmark.name, index + 1);
    return benchmark.operation(index);
  };
  for (const benchmark of benchmarks) {
    for (let index = 0; index < Math.min(benchmark.iterations, 20); index++) await call(benchmark);
  }

  const perRun = new Map<string, number[]>(benchmarks.map((benchmark) => [benchmark.name, []]));
  for (let run = 0; run < runs; run++) {
    const order = [...benchmarks.slice(run % benchmarks.length), ...benchmarks.slice(0, run % benchmarks.length)];
    for (const benchmark of order) {
      const start = process.hrtime.bigint();
      for (let index = 0; index < benchmark.iterations; index++) await call(benchmark);
      perRun.get(benchmark.name)!.push(Number(process.hrtime.bigint() - start) / 1000 / benchmark.iterations);
    }
  }

  const timings = new Map<string, Timing>();
  for (const [name, values] of perRun) {
    timings.set(name, { median: median(values), min: Math.min(...values), max: Math.max(...values) });
  }
  return timings;
}

function formatDuration(microseconds: number): string {
  return microseconds >= 1000 ? `${(microseconds / 1000).toFixed(2)} ms` : `${microseconds.toFixed(0)} µs`;
}

function format(timing: Timing): string {
  return `${formatDuration(timing.median)} (runs ${formatDuration(timing.min)} to ${formatDuration(timing.max)})`;
}

async function main(): Promise<void> {
  const runs = Number(argument('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 3) throw new Error('--runs must be a whole number of at least 3.');
  const useMysql = process.argv.includes('--mysql');

  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load average ${load}, ${runs} runs`);
  console.log('\nKey generation (node:crypto generateKeyPair, as the server does for ES256):');
  const generation = await measureInterleaved(
    runs,
    algorithms.map((algorithm) => ({
      name: algorithm,
      iterations: algorithm === 'RS256' ? 10 : 200,
      operation: () => keyGenerators[algorithm](),
    })),
  );
  for (const algorithm of algorithms) {
    const iterations = algorithm === 'RS256' ? 10 : 200;
    console.log(`  ${algorithm.padEnd(6)} ${format(generation.get(algorithm)!)} per key pair (${iterations} per run)`);
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-bench-'));
  const scratch = useMysql ? await createScratchMysqlDatabase('bench') : undefined;
  const config = loadConfig({
    WORKAPI_DATA_DIR: dataDir,
    WORKAPI_LOG_LEVEL: 'silent',
    // A throwaway key, because the server requires one whenever DATABASE_URL is set.
    WORKAPI_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  });
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await buildApp(config, { logDestination: discard, synchronizeSchema: true });
  const verifier = app.services.bearerVerifiers.find((candidate) => candidate.accepts('a.b.c'))!;

  try {
    console.log(`\nToken verification (${scratch ? 'MariaDB/MySQL' : 'SQLite'} for the full check):`);
    const iterations = 300;
    const benchmarks: Benchmark[] = [];
    for (const algorithm of algorithms) {
      const pair = await keyGenerators[algorithm]();
      const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const { environment } = await app.services.environments.create(randomUUID(), { name: `bench-${algorithm}`, publicKey: publicKeyPem });
      const signingKey = await importEnvironmentKey(pair.privateKey);
      const sign = () => signEnvironmentToken({ environmentId: environment.id, privateKey: pair.privateKey, ttlSeconds: 300 }, signingKey);

      // Each token is accepted once, so the full verification needs a fresh one per call.
      const tokens: string[] = [];
      for (let index = 0; index < runs * iterations + 20; index++) tokens.push(await sign());

      benchmarks.push(
        { name: `${algorithm} sign`, iterations, operation: sign },
        {
          name: `${algorithm} signature`,
          iterations,
          operation: (index) => jose.compactVerify(tokens[index % tokens.length], pair.publicKey, { algorithms: [algorithm] }),
        },
        { name: `${algorithm} full`, iterations, operation: (index) => verifier.verify(tokens[index]) },
      );
    }

    const timings = await measureInterleaved(runs, benchmarks);
    for (const algorithm of algorithms) {
      console.log(`  ${algorithm.padEnd(6)} sign ${format(timings.get(`${algorithm} sign`)!)}`);
      console.log(`         signature check ${format(timings.get(`${algorithm} signature`)!)}`);
      console.log(`         full verification ${format(timings.get(`${algorithm} full`)!)}`);
    }
  } finally {
    await app.close();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
