#!/usr/bin/env node
// Throughput and latency of a metered request (`currentUser` with a user access token)
// against the same request with metering switched off and against a bare Apollo Server 5
// on Fastify that serves a query of the same shape. All three are measured in one run.
//
// Usage: pnpm bench:metering [-- --rounds 3 --seconds 10 --connections 10 --profile DIR]
//
// The three servers run on core 0 and this load generator (autocannon) on core 1, pinned
// with taskset, over 127.0.0.1. Only one server is loaded at a time; each round measures
// all three, in an order that rotates between rounds. Only 2xx responses are counted, and
// figures are medians over the rounds. Throttling and the quota are out of the way: the
// account is on PAY_AS_YOU_GO and the bucket restores faster than it can be emptied.
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
const serverCore = 0;
const loadCore = 1;

// pnpm 10 passes the `--` of `pnpm bench:metering -- --rounds 5` on to the script.
const argv = process.argv.slice(2);
const { values: options } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '3' },
    // Writes a V8 CPU profile of each server into this folder when it stops (node --cpu-prof).
    profile: { type: 'string' },
  },
});
const rounds = Number(options.rounds);
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const warmupSeconds = Number(options['warmup-seconds']);
if (!(rounds >= 3)) throw new Error('--rounds must be at least 3, so that the median means something.');

const query = { query: 'query CurrentUser { currentUser { id externalId } }' };

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

async function startServer(script, env) {
  const port = await freePort();
  const require = createRequire(path.join(apiDir, 'package.json'));
  const child = fork(path.join(repoRoot, 'bench', script), [], {
    cwd: apiDir,
    execArgv: [
      ...(script.endsWith('.ts') ? ['-r', require.resolve('@swc-node/register')] : []),
      ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profile)}`] : []),
    ],
    env: { ...process.env, SWC_NODE_PROJECT: path.join(apiDir, 'tsconfig.json'), PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`benchmark server ${script} exited with code ${code} before listening`)));
  });
  pin(child.pid, serverCore);
  return { child, url: `http://127.0.0.1:${port}` };
}

async function graphql(url, body, headers = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, json: await response.json() };
}

async function mustSucceed(url, body, headers) {
  const { json } = await graphql(url, body, headers);
  if (json.errors?.length || !json.data) throw new Error(`setup request failed: ${JSON.stringify(json.errors)}`);
  return json;
}

function environmentToken(environmentId, privateKeyPem) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const signingInput = `${encode({ alg: 'ES256' })}.${encode({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID() })}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: createPrivateKey(privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Signs up, moves the account to PAY_AS_YOU_GO, creates an environment and a user; returns the user's token. */
async function prepareUser(url) {
  const signUp = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { developer { id } } }',
      variables: { input: { email: `bench-${randomUUID()}@example.com`, password: 'benchmark password 1', name: 'Bench' } },
    }),
  });
  const session = { cookie: signUp.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ') };
  await mustSucceed(url, { query: 'mutation { changePlan(input: { plan: PAY_AS_YOU_GO }) { plan } }' }, session);
  const created = await mustSucceed(
    url,
    {
      query: 'mutation CreateEnvironment($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { environment { id } privateKey } }',
      variables: { input: { name: 'bench' } },
    },
    session,
  );
  const { environment, privateKey } = created.data.createEnvironment;
  const user = await mustSucceed(
    url,
    {
      query: 'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } accessToken { token } } }',
      variables: { input: { externalId: 'bench-user' } },
    },
    { authorization: `Bearer ${environmentToken(environment.id, privateKey)}` },
  );
  return user.data.createUser.accessToken.token;
}

async function sqlStatements(url) {
  const response = await fetch(`${url}/__bench/sql-statements`);
  return (await response.json()).statements;
}

async function measure(variant, duration) {
  const before = variant.countsSql ? await sqlStatements(variant.url) : 0;
  const result = await autocannon({
    url: `${variant.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...variant.headers },
    body: JSON.stringify(query),
    connections,
    duration,
  });
  const after = variant.countsSql ? await sqlStatements(variant.url) : 0;
  return {
    successPerSecond: result['2xx'] / (result.duration || duration),
    successes: result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    sqlPerRequest: result['2xx'] > 0 ? (after - before) / result['2xx'] : 0,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  if (os.cpus().length < 2) throw new Error('This benchmark pins the servers and the load generator to two different cores.');
  pin(process.pid, loadCore);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-bench-metering-'));
  const apiEnv = {
    WORKAPI_DATA_DIR: dataDir,
    WORKAPI_LOG_LEVEL: process.env.WORKAPI_LOG_LEVEL ?? 'info',
    WORKAPI_THROTTLE_CAPACITY: '1000000000',
    WORKAPI_THROTTLE_RESTORE_RATE: '1000000000',
  };
  const servers = [];
  try {
    const metered = await startServer('metering-server.ts', { ...apiEnv, WORKAPI_METERING: 'true' });
    servers.push(metered);
    const token = await prepareUser(metered.url);
    // The second process shares the SQLite file (WAL), so the same token works there.
    const unmetered = await startServer('metering-server.ts', { ...apiEnv, WORKAPI_METERING: 'false' });
    servers.push(unmetered);
    const bare = await startServer('bare-apollo-server.mjs', {});
    servers.push(bare);

    const authorization = { authorization: `Bearer ${token}` };
    const variants = [
      { name: 'metered', url: metered.url, headers: authorization, countsSql: true },
      { name: 'metering off', url: unmetered.url, headers: authorization, countsSql: true },
      { name: 'bare Apollo', url: bare.url, headers: authorization, countsSql: false },
    ];
    const check = await mustSucceed(metered.url, query, authorization);
    if (!check.data.currentUser || !check.extensions?.cost) throw new Error('the metered variant did not return the user with extensions.cost');
    const offCheck = await mustSucceed(unmetered.url, query, authorization);
    if (!offCheck.data.currentUser || offCheck.extensions?.cost) throw new Error('the variant with metering off did not return the user without a cost');

    for (const variant of variants) await measure(variant, warmupSeconds);

    const results = Object.fromEntries(variants.map((variant) => [variant.name, []]));
    for (let round = 0; round < rounds; round += 1) {
      const order = variants.map((_, index) => variants[(index + round) % variants.length]);
      for (const variant of order) {
        const result = await measure(variant, seconds);
        results[variant.name].push(result);
        console.log(
          `round ${round + 1} ${variant.name.padEnd(12)} ${result.successPerSecond.toFixed(0).padStart(7)} req/s  ` +
            `(2xx ${result.successes}, other ${result.failures}, p50 ${result.p50} ms, p99 ${result.p99} ms` +
            `${variant.countsSql ? `, SQL/request ${result.sqlPerRequest.toFixed(4)}` : ''})`,
        );
      }
    }

    const summary = (name) => ({
      rps: median(results[name].map((result) => result.successPerSecond)),
      p50: median(results[name].map((result) => result.p50)),
      p99: median(results[name].map((result) => result.p99)),
      sql: median(results[name].map((result) => result.sqlPerRequest)),
      vsBare: median(results[name].map((result, round) => result.successPerSecond / results['bare Apollo'][round].successPerSecond)),
      vsOff: median(results[name].map((result, round) => result.successPerSecond / results['metering off'][round].successPerSecond)),
    });
    const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
    console.log('');
    console.log(`node ${process.version}, ${os.cpus()[0].model}, ${rounds} rounds of ${seconds} s, ${connections} connections, load average ${load}`);
    console.log('| Variant | Median req/s (2xx) | p50 ms | p99 ms | SQL statements/request | vs metering off (per-round median) | vs bare Apollo (per-round median) |');
    console.log('|---|---|---|---|---|---|---|');
    for (const variant of variants) {
      const row = summary(variant.name);
      const sql = variant.countsSql ? row.sql.toFixed(4) : '-';
      console.log(`| ${variant.name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${sql} | ${row.vsOff.toFixed(2)} | ${row.vsBare.toFixed(2)} |`);
    }
  } finally {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
