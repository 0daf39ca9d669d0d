import http from 'node:http';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createMeteredAccount, installTestVerifier, recordedUsage, setRecordedRequests } from './metering-fixtures';
import { ProbeResolver } from './probe.resolver';

const probe = '{ probeItem { id } }';

/**
 * Keeps at most 128 connections a server open, so that 2,000 requests started at once
 * queue in the client instead of overflowing the servers' listen backlog.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** Sends the probe query to the server at `url`; returns 200 or the error code. */
function send(url: string, token: string): Promise<number | string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: probe });
    const request = http.request(
      `${url}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode === 200) resolve(200);
          else resolve(JSON.parse(text).errors?.[0]?.extensions?.code ?? response.statusCode);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Two server processes on one database, as behind a load balancer. */
describe('usage across two server processes', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { WORKAPI_THROTTLE_CAPACITY: '1000000', WORKAPI_QUOTA_BLOCK_SIZE: '100', WORKAPI_USAGE_FLUSH_MS: '200' };
    first = await startTestApp(env, 'processes', { extraResolvers: [ProbeResolver] });
    second = await first.startPeer();
    installTestVerifier(first);
    installTestVerifier(second);
  });

  afterAll(async () => {
    agent.destroy();
    await second.close();
    await first.close();
  });

  it('2,000 concurrent requests leave the counters at exactly 2,000', async () => {
    const account = await createMeteredAccount(first);
    const statuses = await Promise.all(
      Array.from({ length: 2000 }, (_, index) => send(index % 2 === 0 ? first.url : second.url, account.userToken)),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(2000);
    await first.app.services.metering.flush();
    await second.app.services.metering.flush();
    expect(await recordedUsage(first, account.accountId)).toEqual({ requests: 2000, cost: 2000 });
  });

  it('free allowance never runs over across processes', async () => {
    const account = await createMeteredAccount(first);
    await setRecordedRequests(first, account.accountId, account.environmentId, 49_900);
    const statuses = await Promise.all(
      Array.from({ length: 400 }, (_, index) => send(index % 2 === 0 ? first.url : second.url, account.userToken)),
    );
    // The 100 requests left can be claimed by either process, never more in total.
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    expect(statuses.filter((status) => status === 'MONTHLY_QUOTA_EXCEEDED')).toHaveLength(300);
    await first.app.services.metering.flush();
    await second.app.services.metering.flush();
    expect((await recordedUsage(first, account.accountId)).requests).toBe(50_000);
  });
});
