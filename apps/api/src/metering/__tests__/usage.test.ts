import { errorCode, TestClient } from '../../../test/graphql-client';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';
import { nextMonthStart, utcDay, utcMonth } from '../periods';
import { createMeteredAccount, installTestVerifier, recordedUsage, setRecordedRequests } from './metering-fixtures';
import { ProbeResolver, probeCalls } from './probe.resolver';

const usageQuery = `query Usage($environmentId: ID, $months: Int) {
  usage(environmentId: $environmentId, months: $months) {
    scope environmentId plan freeRequestsPerMonth
    months {
      month startsAt resetsAt requests queryCost accountRequests freeRequestsLeft billableRequests
      estimatedCharge { amount currency }
      days { date requests queryCost }
    }
  }
}`;
const changePlanMutation = `mutation ChangePlan($input: ChangePlanInput!) {
  changePlan(input: $input) { plan usage { plan months { accountRequests freeRequestsLeft billableRequests estimatedCharge { amount currency } } } }
}`;
const probe = '{ probeItem { id } }';

describe('monthly usage and plans', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ WORKAPI_USAGE_FLUSH_MS: '60000' }, 'usage', { extraResolvers: [ProbeResolver] });
    installTestVerifier(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('FREE account: the 50,000th request passes and the 50,001st is refused', async () => {
    const account = await createMeteredAccount(testApp);
    await setRecordedRequests(testApp, account.accountId, account.environmentId, 49_999);

    const last = await account.user.request(probe);
    expect(last.status).toBe(200);
    expect(last.body.extensions?.cost.usage.requestsUsed).toBe(50_000);

    probeCalls.count = 0;
    const refused = await account.user.request(probe);
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe('MONTHLY_QUOTA_EXCEEDED');
    const resetAt = nextMonthStart(utcMonth(new Date()));
    expect(refused.body.errors?.[0].extensions?.resetAt).toBe(resetAt.toISOString());
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Math.abs(retryAfter - (resetAt.getTime() - Date.now()) / 1000)).toBeLessThan(5);
    expect(refused.body.errors?.[0].message).toContain('PAY_AS_YOU_GO');
    expect(refused.body.extensions?.cost.usage.requestsUsed).toBe(50_000);
    expect(probeCalls.count).toBe(0);

    await testApp.app.services.metering.flush();
    expect((await recordedUsage(testApp, account.accountId)).requests).toBe(50_000);
  });

  it('new month starts a fresh allowance', async () => {
    const account = await createMeteredAccount(testApp);
    await setRecordedRequests(testApp, account.accountId, account.environmentId, 50_000);
    expect(errorCode(await account.user.request(probe))).toBe('MONTHLY_QUOTA_EXCEEDED');

    const nextMonth = nextMonthStart(utcMonth(new Date()));
    const metering = testApp.app.services.metering;
    metering.clock = () => nextMonth.getTime() + 3600 * 1000;
    try {
      const response = await account.user.request(probe);
      expect(response.status).toBe(200);
      expect(response.body.extensions?.cost.usage.period).toBe(utcMonth(nextMonth));
      expect(response.body.extensions?.cost.usage.requestsUsed).toBe(1);
      await metering.flush();
    } finally {
      metering.clock = Date.now;
    }
    expect((await recordedUsage(testApp, account.accountId)).requests).toBe(50_001);
  });

  it('quota is exact under concurrent requests in one process', async () => {
    const account = await createMeteredAccount(testApp);
    await setRecordedRequests(testApp, account.accountId, account.environmentId, 49_950);
    const responses = await Promise.all(Array.from({ length: 120 }, () => account.user.request(probe)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(50);
    expect(responses.filter((response) => errorCode(response) === 'MONTHLY_QUOTA_EXCEEDED')).toHaveLength(70);
    await testApp.app.services.metering.flush();
    expect((await recordedUsage(testApp, account.accountId)).requests).toBe(50_000);
  });

  it('PAY_AS_YOU_GO continues past the allowance and prices the rest', async () => {
    const account = await createMeteredAccount(testApp);
    await setRecordedRequests(testApp, account.accountId, account.environmentId, 59_999);
    expect(errorCode(await account.user.request(probe))).toBe('MONTHLY_QUOTA_EXCEEDED');

    const changed = await account.console.ok(changePlanMutation, { input: { plan: 'PAY_AS_YOU_GO' } });
    expect(changed.changePlan.plan).toBe('PAY_AS_YOU_GO');

    const accepted = await account.user.request(probe);
    expect(accepted.status).toBe(200);
    expect(accepted.body.extensions?.cost.usage.requestsLimit).toBeNull();

    const data = await account.console.ok(usageQuery, { months: 1 });
    const month = data.usage.months[0];
    expect(month.accountRequests).toBe(60_000);
    expect(month.billableRequests).toBe(10_000);
    expect(month.freeRequestsLeft).toBe(0);
    expect(month.estimatedCharge).toEqual({ amount: '3.00', currency: 'EUR' });
  });

  it('returning to FREE stops requests over the allowance again', async () => {
    const account = await createMeteredAccount(testApp);
    await account.console.ok(changePlanMutation, { input: { plan: 'PAY_AS_YOU_GO' } });
    await setRecordedRequests(testApp, account.accountId, account.environmentId, 50_010);
    expect((await account.user.request(probe)).status).toBe(200);
    await account.console.ok(changePlanMutation, { input: { plan: 'FREE' } });
    expect(errorCode(await account.user.request(probe))).toBe('MONTHLY_QUOTA_EXCEEDED');
  });

  it('changePlan needs a console session', async () => {
    const account = await createMeteredAccount(testApp);
    const response = await account.environment.request(changePlanMutation, { input: { plan: 'PAY_AS_YOU_GO' } });
    expect(errorCode(response)).toBe('FORBIDDEN');
    const anonymous = await new TestClient(testApp.url).request(changePlanMutation, { input: { plan: 'PAY_AS_YOU_GO' } });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('usage by month and day for the account and one environment', async () => {
    const account = await createMeteredAccount(testApp);
    const otherEnvironment = '00000000-0000-4000-8000-0000000000aa';
    for (let request = 0; request < 3; request += 1) await account.user.request('{ probeItems(first: 4) { nodes { id } } }');
    await account.userOf(otherEnvironment).request(probe);

    const whole = (await account.console.ok(usageQuery, { months: 2 })).usage;
    expect(whole.scope).toBe('ACCOUNT');
    expect(whole.plan).toBe('FREE');
    expect(whole.freeRequestsPerMonth).toBe(50_000);
    expect(whole.months.map((month: { month: string }) => month.month)[0]).toBe(utcMonth(new Date()));
    expect(whole.months).toHaveLength(2);
    const current = whole.months[0];
    expect(current.requests).toBe(4);
    expect(current.queryCost).toBe(13);
    expect(current.freeRequestsLeft).toBe(49_996);
    expect(current.estimatedCharge).toEqual({ amount: '0.00', currency: 'EUR' });
    const today = current.days.find((day: { date: string }) => day.date === utcDay(new Date()));
    expect(today).toEqual({ date: utcDay(new Date()), requests: 4, queryCost: 13 });
    expect(current.days).toHaveLength(new Date().getUTCDate());

    const one = (await account.console.ok(usageQuery, { environmentId: account.environmentId, months: 1 })).usage;
    expect(one.scope).toBe('ENVIRONMENT');
    expect(one.months[0].requests).toBe(3);
    expect(one.months[0].queryCost).toBe(12);
    expect(one.months[0].accountRequests).toBe(4);
  });

  it('environment token reads its own environment only', async () => {
    const account = await createMeteredAccount(testApp);
    await account.environment.request(probe);
    const own = await account.environment.request(usageQuery, { months: 1 });
    expect(own.body.data?.usage.scope).toBe('ENVIRONMENT');
    expect(own.body.data?.usage.environmentId).toBe(account.environmentId);
    expect(own.body.data?.usage.months[0].requests).toBe(1);
    const foreign = await account.environment.request(usageQuery, { environmentId: '00000000-0000-4000-8000-0000000000bb' });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });

  it('usage of another account environment is NOT_FOUND; a user token is FORBIDDEN', async () => {
    const account = await createMeteredAccount(testApp);
    const stranger = await signUpDeveloper(testApp.url);
    const response = await stranger.client.request(usageQuery, { environmentId: account.environmentId });
    expect(errorCode(response)).toBe('NOT_FOUND');
    expect(errorCode(await account.user.request(usageQuery))).toBe('FORBIDDEN');
  });

  it('months outside 1 to 12 is BAD_USER_INPUT', async () => {
    const account = await createMeteredAccount(testApp);
    const response = await account.console.request(usageQuery, { months: 13 });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('months');
  });
});
