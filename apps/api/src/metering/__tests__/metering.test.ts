import { getIntrospectionQuery } from 'graphql';
import { errorCode, TestClient } from '../../../test/graphql-client';
import { environmentClient } from '../../../test/environment-factory';
import { startTestApp, type TestApp } from '../../../test/harness';
import { utcMonth, nextMonthStart } from '../periods';
import { createMeteredAccount, installTestVerifier, recordedUsage, type MeteredAccount } from './metering-fixtures';
import { ProbeResolver, probeCalls } from './probe.resolver';

const page = (first: number, count = first) => `{ probeItems(first: ${first}, count: ${count}) { nodes { id } } }`;
const tooDeep = '{ probeItem { recent { recent { recent { recent { recent { id } } } } } } }';
const tooManyAliases = `{ probeItem { ${Array.from({ length: 16 }, (_, index) => `a${index}: id`).join(' ')} } }`;
const tooCostly = '{ probeItems(first: 100) { nodes { children(first: 100) { nodes { id } } } } }';
const badSlice = '{ probeItems(first: 101) { nodes { id } } }';
const tooManyTokens = `{ probeItem { ${Array.from({ length: 1000 }, () => 'id').join(' ')} } }`;

describe('metering over HTTP', () => {
  let testApp: TestApp;
  let account: MeteredAccount;

  beforeAll(async () => {
    testApp = await startTestApp(
      { WORKAPI_THROTTLE_RESTORE_RATE: '1', WORKAPI_USAGE_FLUSH_MS: '60000' },
      'metering',
      { extraResolvers: [ProbeResolver] },
    );
    installTestVerifier(testApp);
    account = await createMeteredAccount(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  beforeEach(() => {
    probeCalls.count = 0;
  });

  it('metered response carries extensions.cost in the documented shape', async () => {
    const response = await account.user.request(page(50, 3));
    expect(response.status).toBe(200);
    const cost = response.body.extensions?.cost;
    expect(Object.keys(cost).sort()).toEqual(['actualQueryCost', 'maximumQueryCost', 'requestedQueryCost', 'throttleStatus', 'usage']);
    expect(cost.requestedQueryCost).toBe(50);
    expect(cost.actualQueryCost).toBe(3);
    expect(cost.maximumQueryCost).toBe(1000);
    expect(Object.keys(cost.throttleStatus).sort()).toEqual(['currentlyAvailable', 'maximumAvailable', 'restoreRate']);
    expect(cost.throttleStatus.maximumAvailable).toBe(1000);
    expect(cost.throttleStatus.restoreRate).toBe(1);
    expect(cost.throttleStatus.currentlyAvailable).toBe(997);
    const month = utcMonth(new Date());
    expect(cost.usage).toEqual({ period: month, requestsUsed: 1, requestsLimit: 50_000, resetAt: nextMonthStart(month).toISOString() });
  });

  it('environment token requests are metered too', async () => {
    const response = await account.environment.request('{ probeItem { id } }');
    expect(response.body.extensions?.cost.actualQueryCost).toBe(1);
    expect(response.body.extensions?.cost.usage.requestsUsed).toBe(2);
  });

  it('real environment token is metered', async () => {
    const client = environmentClient(testApp.url, account.environmentId, account.privateKey);
    const response = await client.request('{ probeItem { id } }');
    expect(response.status).toBe(200);
    expect(response.body.extensions?.cost.requestedQueryCost).toBe(1);
  });

  it('real user access token is metered and counted', async () => {
    const environment = environmentClient(testApp.url, account.environmentId, account.privateKey);
    const created = await environment.ok<{ createUser: { accessToken: { token: string } } }>(
      'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } accessToken { token } } }',
      { input: { externalId: `metered-${Date.now()}` } },
    );
    const user = new TestClient(testApp.url).withBearer(created.createUser.accessToken.token);
    await testApp.app.services.metering.flush();
    const before = await recordedUsage(testApp, account.accountId, account.environmentId);
    const response = await user.request('{ currentUser { id externalId } }');
    expect(response.status).toBe(200);
    expect(response.body.data?.currentUser).not.toBeNull();
    expect(response.body.extensions?.cost.actualQueryCost).toBe(1);
    await testApp.app.services.metering.flush();
    const after = await recordedUsage(testApp, account.accountId, account.environmentId);
    expect(after.requests - before.requests).toBe(1);
  });

  it('GraphiQL introspection query passes the limits at cost 0', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const response = await account.user.request(query);
    expect(response.status).toBe(200);
    expect(response.body.data?.__schema.types.length).toBeGreaterThan(10);
    expect(response.body.extensions?.cost.requestedQueryCost).toBe(0);
    expect(response.body.extensions?.cost.actualQueryCost).toBe(0);
  });

  it('console requests carry no cost and are not counted', async () => {
    await testApp.app.services.metering.flush();
    const before = await recordedUsage(testApp, account.accountId);
    const response = await account.console.request(page(5));
    expect(response.status).toBe(200);
    expect(response.body.extensions?.cost).toBeUndefined();
    await testApp.app.services.metering.flush();
    expect(await recordedUsage(testApp, account.accountId)).toEqual(before);
  });

  it('accepted requests are recorded with their actual cost', async () => {
    const other = await createMeteredAccount(testApp);
    await other.user.request(page(20, 4));
    await other.user.request(page(10));
    await other.user.request('mutation { a: createProbeItem(input: { name: "a" }) { item { id } } b: createProbeItem(input: { name: "b" }) { item { id } } }');
    await testApp.app.services.metering.flush();
    expect(await recordedUsage(testApp, other.accountId)).toEqual({ requests: 3, cost: 4 + 10 + 22 });
  });

  describe.each([
    ['depth', tooDeep, 'MAX_DEPTH_EXCEEDED'],
    ['aliases', tooManyAliases, 'MAX_ALIASES_EXCEEDED'],
    ['cost', tooCostly, 'MAX_COST_EXCEEDED'],
    ['page size', badSlice, 'INVALID_SLICING_ARGUMENT'],
    ['tokens', tooManyTokens, 'GRAPHQL_PARSE_FAILED'],
  ])('over-limit %s', (_name, query, code) => {
    it.each(['console', 'user'] as const)('refused for %s before any resolver runs', async (who) => {
      const client = who === 'console' ? account.console : account.user;
      await testApp.app.services.metering.flush();
      const before = await recordedUsage(testApp, account.accountId);
      // Twice: the second time Apollo Server has the parsed and validated document cached.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await client.request(query);
        expect(response.status).toBe(400);
        expect(errorCode(response)).toBe(code);
        expect(response.body.data).toBeUndefined();
      }
      expect(probeCalls.count).toBe(0);
      await testApp.app.services.metering.flush();
      expect(await recordedUsage(testApp, account.accountId)).toEqual(before);
    });
  });

  it('token limit message names the limit', async () => {
    const response = await account.user.request(tooManyTokens);
    expect(response.body.errors?.[0].message).toContain('1000 tokens');
  });

  it('cached document is costed again with new variables', async () => {
    const query = 'query Page($n: Int) { probeItems(first: $n) { nodes { id } } }';
    expect((await account.user.request(query, { n: 2 })).status).toBe(200);
    const response = await account.user.request(query, { n: 500 });
    expect(errorCode(response)).toBe('INVALID_SLICING_ARGUMENT');
    const costly = await account.user.request('query Page($n: Int) { probeItems(first: $n) { nodes { children(first: $n) { nodes { id } } } } }', { n: 40 });
    expect(errorCode(costly)).toBe('MAX_COST_EXCEEDED');
    expect(costly.body.errors?.[0].extensions?.requestedQueryCost).toBe(40 * 41);
  });

  it('several operations with operationName: the selected one is costed', async () => {
    const document = `query Small { probeItem { id } } query Large ${page(30)}`;
    const small = await account.user.request(document, undefined, { operationName: 'Small' });
    expect(small.body.extensions?.cost.requestedQueryCost).toBe(1);
    const large = await account.user.request(document, undefined, { operationName: 'Large' });
    expect(large.body.extensions?.cost.requestedQueryCost).toBe(30);
  });

  it('batched HTTP request is BAD_REQUEST before any resolver runs', async () => {
    const response = await account.user.post([{ query: '{ probeItem { id } }' }, { query: '{ probeItem { id } }' }]);
    expect(response.status).toBe(400);
    expect(probeCalls.count).toBe(0);
  });

  it('dry run returns the cost without running or counting', async () => {
    const dry = await createMeteredAccount(testApp);
    const response = await dry.user.request(page(40), undefined, { headers: { 'x-workapi-dry-run': '1' } });
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.extensions?.dryRun).toBe(true);
    expect(response.body.extensions?.cost.requestedQueryCost).toBe(40);
    expect(response.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(1000);
    expect(response.body.extensions?.cost.usage.requestsUsed).toBe(0);
    expect(probeCalls.count).toBe(0);
    await testApp.app.services.metering.flush();
    expect(await recordedUsage(testApp, dry.accountId)).toEqual({ requests: 0, cost: 0 });
  });

  it('dry run from the console reports the cost only', async () => {
    const response = await account.console.request(page(40), undefined, { headers: { 'x-workapi-dry-run': 'true' } });
    expect(response.body.extensions?.cost).toEqual({
      requestedQueryCost: 40,
      actualQueryCost: 0,
      maximumQueryCost: 1000,
      throttleStatus: null,
      usage: null,
    });
  });

  it('empty bucket is THROTTLED with 429 and Retry-After, not counted', async () => {
    const throttledAccount = await createMeteredAccount(testApp);
    for (let request = 0; request < 10; request += 1) {
      expect((await throttledAccount.user.request(page(100))).status).toBe(200);
    }
    probeCalls.count = 0;
    const response = await throttledAccount.user.request(page(100));
    expect(response.status).toBe(429);
    expect(errorCode(response)).toBe('THROTTLED');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(80);
    expect(retryAfter).toBeLessThanOrEqual(100);
    expect(response.body.errors?.[0].extensions?.retryAfterSeconds).toBe(retryAfter);
    expect(response.body.extensions?.cost.requestedQueryCost).toBe(100);
    expect(response.body.extensions?.cost.throttleStatus.currentlyAvailable).toBeLessThan(100);
    expect(probeCalls.count).toBe(0);

    // After a second one point is restored, so a cheap query fits; another environment has its own bucket.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await throttledAccount.user.request('{ probeItem { id } }')).status).toBe(200);
    const secondEnvironment = throttledAccount.userOf('00000000-0000-4000-8000-000000000001');
    expect((await secondEnvironment.request(page(100))).status).toBe(200);

    await testApp.app.services.metering.flush();
    expect((await recordedUsage(testApp, throttledAccount.accountId)).requests).toBe(12);
  });

  it('SQL statements per metered request stay constant whatever the list sizes', async () => {
    const sqlAccount = await createMeteredAccount(testApp);
    await sqlAccount.user.request(page(1));
    const counts: number[] = [];
    for (const size of [1, 10, 100]) {
      testApp.takeQueries();
      await sqlAccount.user.request(`{ probeItems(first: ${size}) { nodes { id recent { id } } } }`);
      counts.push(testApp.takeQueries().length);
    }
    expect(counts).toEqual([0, 0, 0]);
  });

  it('usage survives a graceful restart', async () => {
    const restartAccount = await createMeteredAccount(testApp);
    for (let request = 0; request < 5; request += 1) await restartAccount.user.request(page(2));
    expect(await recordedUsage(testApp, restartAccount.accountId)).toEqual({ requests: 0, cost: 0 });
    testApp = await testApp.restart();
    installTestVerifier(testApp);
    expect(await recordedUsage(testApp, restartAccount.accountId)).toEqual({ requests: 5, cost: 10 });
  });
});
