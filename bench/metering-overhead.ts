/**
 * Measures the CPU time that metering adds to one request, by step, in-process on the real
 * schema with `currentUser { id externalId }`. The steps are the limits (variables, depth,
 * aliases and requested cost), admission (plan, month counter, throttle bucket) and
 * settling (actual cost from the response, refund, usage record). It complements
 * bench/metering.mjs, whose throughput figures include HTTP, Apollo Server and the token check.
 *
 * Usage (from apps/api): SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register ../../bench/metering-overhead.ts [iterations]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// bench/ has no node_modules of its own, so graphql comes from the API package.
import { getOperationAST, getVariableValues, parse } from '../apps/api/node_modules/graphql';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config/config';
import { buildWorkApiSchema } from '../apps/api/src/graphql/schema';
import { actualCost, fragmentsOf, type OperationScope } from '../apps/api/src/metering/cost';
import { Plan } from '../apps/api/src/metering/plan';

const iterations = Number(process.argv[2] ?? 50_000);


async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workapi-bench-overhead-'));
  const config = loadConfig({ WORKAPI_DATA_DIR: dataDir, WORKAPI_LOG_LEVEL: 'silent', WORKAPI_THROTTLE_CAPACITY: '1000000000', WORKAPI_THROTTLE_RESTORE_RATE: '1000000000' });
  const app = await buildApp(config, { synchronizeSchema: true });
  try {
    const signedIn = await app.services.accounts.signUp({ email: `bench-${Date.now()}@example.com`, password: 'benchmark password 1', name: 'Bench' });
    const accountId = signedIn.developer.accountId;
    const metering = app.services.metering;
    await metering.changePlan(accountId, Plan.PAY_AS_YOU_GO);
    const auth = { kind: 'user' as const, userId: 'bench-user', environmentId: '00000000-0000-4000-8000-00000000b001', accountId, tokenId: 'bench' };
    const schema = await buildWorkApiSchema();
    const query = 'query CurrentUser { currentUser { id externalId } }';
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const data = { currentUser: { id: 'u', externalId: 'bench-user' } };

    const timings = { limits: 0n, admit: 0n, settle: 0n };
    for (let round = 0; round < 2; round += 1) {
      // The first round warms up the JIT and the caches; only the second is reported.
      timings.limits = 0n;
      timings.admit = 0n;
      timings.settle = 0n;
      for (let index = 0; index < iterations; index += 1) {
        const start = process.hrtime.bigint();
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], {});
        const scope: OperationScope = { schema, operation, fragments: fragmentsOf(document), variables: coerced.coerced ?? {} };
        const measure = metering.measure(scope);
        const measured = process.hrtime.bigint();
        const admission = await metering.admit(auth, measure.requestedCost);
        const admitted = process.hrtime.bigint();
        await metering.settle(admission, actualCost(scope, data));
        const settled = process.hrtime.bigint();
        timings.limits += measured - start;
        timings.admit += admitted - measured;
        timings.settle += settled - admitted;
      }
      await metering.flush();
    }
    const perRequest = (total: bigint) => (Number(total) / iterations / 1000).toFixed(2);
    const sum = timings.limits + timings.admit + timings.settle;
    console.log(`node ${process.version}, ${os.cpus()[0].model}, ${iterations} requests, load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
    console.log('| Step | µs per request |');
    console.log('|---|---|');
    console.log(`| limits: variables, depth, aliases, requested cost | ${perRequest(timings.limits)} |`);
    console.log(`| admit: plan, month counter, bucket (memory) | ${perRequest(timings.admit)} |`);
    console.log(`| settle: actual cost, refund, usage record | ${perRequest(timings.settle)} |`);
    console.log(`| total | ${perRequest(sum)} |`);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
