import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../graphql/errors';
import { ProviderUnauthorizedError } from '../../integrations/integration-access';
import { ProviderHttp, parseRetryAfter } from '../provider-http';

/** Starts a local server whose status code comes from the request path, for example /status/429. */
function startStatusServer(): Promise<{ url: string; close: () => Promise<void>; seenAuthorization: string[] }> {
  const seenAuthorization: string[] = [];
  const server = http.createServer((request, response) => {
    seenAuthorization.push(String(request.headers.authorization));
    const [, , code] = (request.url ?? '').split('/');
    if (code === 'slow') {
      setTimeout(() => response.end('{}'), 500);
      return;
    }
    if (code === 'reset') {
      request.socket.destroy();
      return;
    }
    const status = Number(code);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (status === 429) headers['retry-after'] = '17';
    const body = status === 403 && request.url?.includes('quota') ? '{"error":{"errors":[{"reason":"userRateLimitExceeded"}]}}' : '{"ok":true}';
    response.writeHead(status, headers).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seenAuthorization,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

describe('ProviderHttp', () => {
  let server: Awaited<ReturnType<typeof startStatusServer>>;
  let client: ProviderHttp;

  beforeAll(async () => {
    server = await startStatusServer();
    client = new ProviderHttp({ accessToken: 'token-1', apiBaseUrl: server.url, providerName: 'Test', timeoutMs: 200 });
  });

  afterAll(() => server.close());

  async function codeOf(path: string): Promise<unknown> {
    const error = await client.json({ path }).catch((caught: unknown) => caught);
    return error instanceof AppError ? error.code : error;
  }

  it('sends the bearer token and parses JSON', async () => {
    await expect(client.json({ path: '/status/200' })).resolves.toEqual({ ok: true });
    expect(server.seenAuthorization).toContain('Bearer token-1');
  });

  it('maps 401 to ProviderUnauthorizedError', async () => {
    await expect(client.json({ path: '/status/401' })).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });

  it('maps 404 to NOT_FOUND', async () => {
    expect(await codeOf('/status/404')).toBe('NOT_FOUND');
  });

  it('maps 429 to PROVIDER_RATE_LIMITED with Retry-After', async () => {
    const error = (await client.json({ path: '/status/429' }).catch((caught: unknown) => caught)) as AppError;
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBe(17);
  });

  it('maps a Google rate-limit 403 to PROVIDER_RATE_LIMITED', async () => {
    expect(await codeOf('/status/403/quota')).toBe('PROVIDER_RATE_LIMITED');
  });

  it('maps 5xx to PROVIDER_UNAVAILABLE', async () => {
    expect(await codeOf('/status/502')).toBe('PROVIDER_UNAVAILABLE');
  });

  it('maps a timeout to PROVIDER_UNAVAILABLE', async () => {
    expect(await codeOf('/status/slow')).toBe('PROVIDER_UNAVAILABLE');
  });

  it('maps a dropped connection to PROVIDER_UNAVAILABLE', async () => {
    expect(await codeOf('/status/reset')).toBe('PROVIDER_UNAVAILABLE');
  });

  it('parses Retry-After as seconds and as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
