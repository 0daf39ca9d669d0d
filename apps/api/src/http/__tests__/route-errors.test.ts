import { randomUUID } from 'node:crypto';
import { internalErrorMessage } from '../../graphql/format-error';
import { startTestApp, type TestApp } from '../../../test/harness';

describe('errors outside GraphQL', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'routeerrors');
  });

  afterAll(() => testApp.close());

  it('a client error keeps its message', async () => {
    const response = await fetch(`${testApp.url}/sandbox/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type": ',
    });
    const body = (await response.json()) as { code?: string; message?: string };
    expect(response.status).toBe(400);
    expect(body.code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
    expect(body.message).toContain('not valid JSON');
  });

  // Runs last: it closes the database under the running server.
  it('a server error is masked and logged', async () => {
    await testApp.app.dataSource.destroy();
    const response = await fetch(`${testApp.url}/environments/${randomUUID()}/jwks.json`);
    const body = (await response.json()) as { message?: string; requestId?: string };
    expect(response.status).toBe(500);
    expect(body.message).toBe(internalErrorMessage);
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(testApp.logs()).toContain(`"reqId":"${body.requestId}"`);
    expect(testApp.logs()).toContain('request failed');
  });
});
