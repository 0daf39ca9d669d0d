import { TestClient, errorCode } from '../../../test/graphql-client';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';

describe('error model', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'errors');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('parse errors are GRAPHQL_PARSE_FAILED with HTTP 400', async () => {
    const response = await new TestClient(testApp.url).request('query {');
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('unknown fields are GRAPHQL_VALIDATION_FAILED with HTTP 400', async () => {
    const response = await new TestClient(testApp.url).request('query { nope }');
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('batched requests are refused as BAD_REQUEST', async () => {
    const response = await new TestClient(testApp.url).post([{ query: '{ viewer { id } }' }, { query: '{ viewer { id } }' }]);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('BAD_REQUEST');
  });

  it('CSRF prevention rejects simple requests', async () => {
    const response = await fetch(`${testApp.url}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('GraphQL responses are not cached', async () => {
    const response = await new TestClient(testApp.url).request('{ viewer { id } }');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('a malformed Authorization header is UNAUTHENTICATED with HTTP 401', async () => {
    const response = await new TestClient(testApp.url).withHeaders({ authorization: 'Basic abc' }).request('{ viewer { id } }');
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.body.errors?.[0].message).toContain('Bearer');
  });

  it('an unknown bearer token is UNAUTHENTICATED and never echoed', async () => {
    const token = 'not-a-known-token-shape-1234567890';
    const response = await new TestClient(testApp.url).withBearer(token).request('{ viewer { id } }');
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toContain(token);
    expect(testApp.logs()).not.toContain(token);
  });

  it('unexpected errors are masked and carry the logged request id', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const isSqlite = testApp.app.dataSource.options.type === 'better-sqlite3';
    await testApp.app.dataSource.query(isSqlite ? 'ALTER TABLE sessions RENAME TO sessions_gone' : 'RENAME TABLE sessions TO sessions_gone');
    try {
      const response = await client.request('{ viewer { id } }');
      expect(response.status).toBe(500);
      const error = response.body.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).not.toMatch(/sessions|SQL|table/i);
      const requestId = error?.extensions?.requestId;
      expect(typeof requestId).toBe('string');
      const logLines = testApp.logs().split('\n').filter((line) => line.includes(requestId));
      expect(logLines.some((line) => line.includes('"level":50'))).toBe(true);
      expect(logLines.some((line) => line.includes('"errorCode":"INTERNAL_SERVER_ERROR"') || line.includes('"statusCode":500'))).toBe(true);
    } finally {
      await testApp.app.dataSource.query(isSqlite ? 'ALTER TABLE sessions_gone RENAME TO sessions' : 'RENAME TABLE sessions_gone TO sessions');
    }
  });

  it('every request logs one line with id, operation, duration and code', async () => {
    await new TestClient(testApp.url).request('query ProbeLog { nope }');
    const line = testApp
      .logs()
      .split('\n')
      .find((entry) => entry.includes('"operationName":"ProbeLog"') || entry.includes('"errorCode":"GRAPHQL_VALIDATION_FAILED"'));
    expect(line).toBeDefined();
    const parsed = JSON.parse(line as string);
    expect(parsed.reqId).toEqual(expect.any(String));
    expect(parsed.durationMs).toEqual(expect.any(Number));
    expect(parsed.errorCode).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('health and console routes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'health');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('healthz and readyz report ok', async () => {
    expect((await fetch(`${testApp.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${testApp.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('opening /graphql in a browser leads to the Playground', async () => {
    const response = await fetch(`${testApp.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/playground');
  });
});
