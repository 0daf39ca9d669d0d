import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pino from 'pino';
import { startTestApp, type TestApp } from '../../../test/harness';
import { TestClient, errorCode } from '../../../test/graphql-client';
import { RedisBuckets } from '../bucket';
import { createMeteredAccount, installTestVerifier } from './metering-fixtures';
import { ProbeResolver } from './probe.resolver';

/** The Redis server that the test environment provides. */
const redisUrl = process.env.WORKAPI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const page = '{ probeItems(first: 100) { nodes { id } } }';

describe('throttle buckets in Redis', () => {
  it('concurrent takes never overdraw the bucket', async () => {
    const buckets = new RedisBuckets(redisUrl, { capacity: 1000, restoreRate: 1 }, pino({ level: 'silent' }));
    try {
      const key = `test-${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 50 }, () => buckets.take(key, 30)));
      expect(results.filter((result) => result.allowed)).toHaveLength(33);
      const refused = results.find((result) => !result.allowed);
      expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(20);
      expect(await buckets.refund(key, 500)).toBeGreaterThanOrEqual(510);
      expect(await buckets.refund(key, 5000)).toBe(1000);
      expect(await buckets.peek(key)).toBe(1000);
    } finally {
      await buckets.close();
    }
  });

  it('Redis outage lets requests through at once and logs it', async () => {
    // A TCP relay to Redis that the test can cut, as an outage would.
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const target = new URL(redisUrl);
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const { port } = relay.address() as net.AddressInfo;
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const buckets = new RedisBuckets(`redis://127.0.0.1:${port}`, { capacity: 10, restoreRate: 1 }, log);
    try {
      const key = `test-${randomUUID()}`;
      expect((await buckets.take(key, 10)).allowed).toBe(true);
      expect((await buckets.take(key, 10)).allowed).toBe(false);

      relay.close();
      for (const socket of sockets) socket.destroy();
      const start = Date.now();
      const during = await buckets.take(key, 10);
      expect(during.allowed).toBe(true);
      expect(Date.now() - start).toBeLessThan(500);
      expect(lines.join('')).toContain('throttle bucket store (Redis) failed');
    } finally {
      await buckets.close();
      relay.close();
    }
  });

  describe('two server processes', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      first = await startTestApp({ WORKAPI_REDIS_URL: redisUrl, WORKAPI_THROTTLE_RESTORE_RATE: '1' }, 'redisbucket', {
        extraResolvers: [ProbeResolver],
      });
      second = await first.startPeer();
      installTestVerifier(first);
      installTestVerifier(second);
    });

    afterAll(async () => {
      await second.close();
      await first.close();
    });

    it('share one bucket per environment', async () => {
      const account = await createMeteredAccount(first);
      for (let request = 0; request < 10; request += 1) {
        expect((await account.user.request(page)).status).toBe(200);
      }
      const secondClient = new TestClient(second.url).withBearer(account.userToken);
      const refused = await secondClient.request(page);
      expect(refused.status).toBe(429);
      expect(errorCode(refused)).toBe('THROTTLED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(80);
    });

    it('refunds the unused points to the shared bucket', async () => {
      const account = await createMeteredAccount(first);
      const response = await account.user.request('{ probeItems(first: 100, count: 10) { nodes { id } } }');
      expect(response.body.extensions?.cost.actualQueryCost).toBe(10);
      expect(response.body.extensions?.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(990);
      const dry = await new TestClient(second.url).withBearer(account.userToken).request(page, undefined, { headers: { 'x-workapi-dry-run': '1' } });
      expect(dry.body.extensions?.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(990);
      expect(dry.body.extensions?.cost.throttleStatus.currentlyAvailable).toBeLessThan(1000);
    });
  });
});
