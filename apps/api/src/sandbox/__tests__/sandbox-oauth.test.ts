import { createHash } from 'node:crypto';
import { dumpDatabase } from '../../../test/dump';
import { startTestApp, type TestApp } from '../../../test/harness';

const verifier = 'a'.repeat(43) + 'verifier-for-the-sandbox-test';
const challenge = createHash('sha256').update(verifier).digest('base64url');

describe('sandbox OAuth server', () => {
  let testApp: TestApp;
  let callback: string;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'sandboxoauth');
    callback = `${testApp.config.publicUrl}/oauth/callback`;
  });

  afterAll(() => testApp.close());

  const authorizeParams = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      client_id: 'workapi-sandbox',
      redirect_uri: callback,
      response_type: 'code',
      state: 'state-1',
      scope: 'mail calendar',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...overrides,
    });

  async function decide(decision: string): Promise<URL> {
    const response = await fetch(`${testApp.url}/sandbox/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: authorizeParams({ decision }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    return new URL(response.headers.get('location') as string);
  }

  type TokenResponse = { error?: string; access_token?: string; refresh_token?: string; token_type?: string };

  const readToken = async (response: Response) => (await response.json()) as TokenResponse;

  const token = (fields: Record<string, string>): Promise<Response> =>
    fetch(`${testApp.url}/sandbox/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'workapi-sandbox', client_secret: 'workapi-sandbox-secret', ...fields }).toString(),
    });

  it('consent page shows Allow and Deny', async () => {
    const response = await fetch(`${testApp.url}/sandbox/authorize?${authorizeParams()}`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('value="allow"');
    expect(page).toContain('value="deny"');
  });

  it('consent page forbids framing', async () => {
    const response = await fetch(`${testApp.url}/sandbox/authorize?${authorizeParams()}`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain(`form-action 'self' ${new URL(callback).origin}`);
    expect(policy).not.toContain('script-src');
  });

  it('authorize rejects a wrong client_id', async () => {
    const response = await fetch(`${testApp.url}/sandbox/authorize?${authorizeParams({ client_id: 'other' })}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('client_id');
  });

  it('authorize rejects a foreign redirect_uri', async () => {
    const response = await fetch(`${testApp.url}/sandbox/authorize?${authorizeParams({ redirect_uri: 'http://evil.example/cb' })}`);
    expect(response.status).toBe(400);
  });

  it('deny returns access_denied with state', async () => {
    const location = await decide('deny');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-1');
  });

  it('code exchanges once with PKCE and refreshes', async () => {
    const location = await decide('allow');
    const code = location.searchParams.get('code') as string;
    expect(location.origin + location.pathname).toBe(callback);

    const wrongVerifier = await token({ grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: 'b'.repeat(43) });
    expect((await readToken(wrongVerifier)).error).toBe('invalid_grant');

    const second = await decide('allow');
    const goodCode = second.searchParams.get('code') as string;
    const exchanged = await token({ grant_type: 'authorization_code', code: goodCode, redirect_uri: callback, code_verifier: verifier });
    const tokens = await readToken(exchanged);
    expect(exchanged.status).toBe(200);
    expect(tokens.token_type).toBe('Bearer');
    expect(typeof tokens.refresh_token).toBe('string');

    const replay = await token({ grant_type: 'authorization_code', code: goodCode, redirect_uri: callback, code_verifier: verifier });
    expect((await readToken(replay)).error).toBe('invalid_grant');

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string });
    expect(refreshed.status).toBe(200);
    expect(typeof (await readToken(refreshed)).access_token).toBe('string');

    const dump = await dumpDatabase(testApp.app.dataSource);
    expect(dump).not.toContain(goodCode);
    expect(dump).not.toContain(tokens.refresh_token as string);
    expect(dump).not.toContain(tokens.access_token as string);

    await fetch(`${testApp.url}/sandbox/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token as string }).toString(),
    });
    const afterRevoke = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string });
    expect((await readToken(afterRevoke)).error).toBe('invalid_grant');
  });

  it('malformed parameters are client errors', async () => {
    const repeated = await fetch(`${testApp.url}/sandbox/authorize?${authorizeParams()}&scope=again&state=again`);
    expect(repeated.status).toBe(400);

    const objectState = await fetch(`${testApp.url}/sandbox/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...Object.fromEntries(authorizeParams()), state: { nested: true }, decision: 'allow' }),
      redirect: 'manual',
    });
    expect(objectState.status).toBe(400);

    const badBasic = await fetch(`${testApp.url}/sandbox/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('%E0%A4%A:secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x' }).toString(),
    });
    expect(badBasic.status).toBe(401);
    expect((await readToken(badBasic)).error).toBe('invalid_client');

    const objectToken = await fetch(`${testApp.url}/sandbox/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'workapi-sandbox', grant_type: 'refresh_token', refresh_token: { nested: true } }),
    });
    expect(objectToken.status).toBe(400);
    expect((await readToken(objectToken)).error).toBe('invalid_grant');
  });

  it('token rejects an unknown client', async () => {
    const response = await token({ client_id: 'nobody', grant_type: 'refresh_token', refresh_token: 'x' });
    expect(response.status).toBe(401);
  });
});
