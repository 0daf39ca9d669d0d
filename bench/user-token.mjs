#!/usr/bin/env node
// Requests per second of `currentUser` sent with a user access token, against the same
// query sent without credentials, measured side by side in one run.
//
// Usage: pnpm bench:user-token [-- --rounds 3 --seconds 10 --connections 10]
//
// The server runs on core 0 and this load generator (autocannon) on core 1, both pinned
// with taskset, on 127.0.0.1. Rounds alternate which variant goes first; only 2xx
// responses are counted; the reported figure is the median over the rounds. Throttling
// and the monthly quota are moved out of the way (see serverEnv and preparePlan).
import { execFileSync, fork } from 'node:child_process';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiDir = path.join(repoRoot, 'apps/api');

// pnpm 10 passes the `--` of `pnpm bench:user-token -- --rounds 5` on to the script.
const argv = process.argv.slice(2);
const { values: options } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '3' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const warmupSeconds = Number(options['warmup-seconds']);
if (!(rounds >= 3)) throw new Error('--rounds must be at least 3, so that the median means something.');

const currentUserQuery = JSON.stringify({ query: 'query CurrentUser { currentUser { id externalId } }' });

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function pin(pid, core) {
  execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
}

async function startServer(port, dataDir) {
  const require = createRequire(path.join(apiDir, 'package.json'));
  const child = fork(path.join(repoRoot, 'bench/user-token-server.ts'), [], {
    cwd: apiDir,
    execArgv: ['-r', require.resolve('@swc-node/register')],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(apiDir, 'tsconfig.json'),
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKAPI_DATA_DIR: dataDir,
      WORKAPI_LOG_LEVEL: process.env.WORKAPI_LOG_LEVEL ?? 'info',
      // Throttling and the monthly quota would cut the measured variant off, not slow it.
      WORKAPI_THROTTLE_CAPACITY: '1000000000',
      WORKAPI_THROTTLE_RESTORE_RATE: '1000000000',
      WORKAPI_FREE_REQUESTS_PER_MONTH: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`benchmark server exited with code ${code} before listening`)));
  });
  pin(child.pid, 0);
  return child;
}

async function graphql(url, body, headers = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  return { response, json };
}

async function mustSucceed(url, body, headers) {
  const { json } = await graphql(url, body, headers);
  if (json.errors?.length) throw new Error(`setup request failed: ${JSON.stringify(json.errors)}`);
  return json.data;
}

function environmentToken(environmentId, privateKeyPem) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const signingInput = `${encode({ alg: 'ES256' })}.${encode({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID() })}`;
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: createPrivateKey(privateKeyPem),
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Signs up, creates an environment and a user, and returns the user's access token. */
async function prepareUser(url) {
  const signUp = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { developer { id } } }',
      variables: { input: { email: `bench-${randomUUID()}@example.com`, password: 'benchmark password 1', name: 'Bench' } },
    }),
  });
  const cookie = signUp.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const session = { cookie };

  const plan = await preparePlan(url, session);
  const created = await mustSucceed(
    url,
    {
      query: 'mutation CreateEnvironment($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { environment { id } privateKey } }',
      variables: { input: { name: 'bench' } },
    },
    session,
  );
  const { environment, privateKey } = created.createEnvironment;
  const user = await mustSucceed(
    url,
    {
      query: 'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } accessToken { token } } }',
      variables: { input: { externalId: 'bench-user' } },
    },
    { authorization: `Bearer ${environmentToken(environment.id, privateKey)}` },
  );
  return { token: user.createUser.accessToken.token, plan };
}

/** Moves the account to pay-as-you-go where the server has changePlan; reports what applied. */
async function preparePlan(url, session) {
  const { json } = await graphql(
    url,
    { query: 'mutation { changePlan(input: { plan: PAY_AS_YOU_GO }) { plan } }' },
    session,
  );
  if (json.data?.changePlan?.plan) return `account plan ${json.data.changePlan.plan}`;
  return 'changePlan not available; quota raised through WORKAPI_FREE_REQUESTS_PER_MONTH';
}

async function measure(url, headers, duration) {
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: currentUserQuery,
    connections,
    duration,
  });
  return {
    successPerSecond: result['2xx'] / (result.duration || duration),
    successes: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    p99LatencyMs: result.latency.p99,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  if (os.cpus().length < 2) throw new Error('This benchmark pins the server and the load generator to two different cores.');
  pin(process.pid, 1);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(port, dataDir);
  try {
    const { token, plan } = await prepareUser(url);
    const variants = [
      { name: 'user token', headers: { authorization: `Bearer ${token}` } },
      { name: 'no credential', headers: {} },
    ];
    const check = await mustSucceed(url, JSON.parse(currentUserQuery), variants[0].headers);
    if (!check.currentUser) throw new Error('currentUser returned null with the user token; the benchmark would measure the wrong path.');

    for (const variant of variants) await measure(url, variant.headers, warmupSeconds);

    const results = Object.fromEntries(variants.map((variant) => [variant.name, []]));
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        const result = await measure(url, variant.headers, seconds);
        results[variant.name].push(result);
        console.log(
          `round ${round + 1} ${variant.name.padEnd(13)} ${result.successPerSecond.toFixed(0).padStart(7)} req/s  ` +
            `(2xx ${result.successes}, other ${result.failures}, p99 ${result.p99LatencyMs} ms)`,
        );
      }
    }

    const withToken = median(results['user token'].map((result) => result.successPerSecond));
    const anonymous = median(results['no credential'].map((result) => result.successPerSecond));
    // Both variants of a round ran back to back, so their ratio is less exposed to drift in machine load.
    const pairedRatio = median(
      results['user token'].map((result, round) => result.successPerSecond / results['no credential'][round].successPerSecond),
    );
    const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
    console.log('');
    console.log(
      `node ${process.version}, ${os.cpus()[0].model}, ${rounds} rounds of ${seconds} s, ${connections} connections, ${plan}, load average ${load}`,
    );
    console.log('| Variant | Median req/s (2xx only) | Ratio of medians | Median of per-round ratios |');
    console.log('|---|---|---|---|');
    console.log(`| currentUser, user token | ${withToken.toFixed(0)} | ${(withToken / anonymous).toFixed(2)} | ${pairedRatio.toFixed(2)} |`);
    console.log(`| currentUser, no credential | ${anonymous.toFixed(0)} | 1.00 | 1.00 |`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
