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

  type GraphqlErrorBody = { errors?: { message: string; extensions?: { code?: string } }[] };

  it('graphql invalid JSON is GraphQL-shaped', async () => {
    for (const body of ['{"query": ', '']) {
      const response = await fetch(`${testApp.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await response.json()) as GraphqlErrorBody;
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(json.errors).toHaveLength(1);
      expect(json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
      expect(json.errors?.[0].message).toMatch(/json/i);
    }
    expect(testApp.logs()).toContain('"errorCode":"BAD_REQUEST"');
  });

  it('graphql unsupported content type is GraphQL-shaped', async () => {
    const response = await fetch(`${testApp.url}/graphql?op=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<query>{ __typename }</query>',
    });
    const json = (await response.json()) as GraphqlErrorBody;
    expect(response.status).toBe(415);
    expect(json.errors).toHaveLength(1);
    expect(json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(json.errors?.[0].message).toContain('application/json');
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
