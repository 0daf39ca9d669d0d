import { TestClient, errorCode } from '../../../test/graphql-client';
import { dumpDatabase } from '../../../test/dump';
import { signInMutation, signUpDeveloper, signUpMutation, testPassword, uniqueEmail } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';

const viewerQuery = `query Viewer { viewer { id email name createdAt } }`;
const signOutMutation = `mutation SignOut { signOut { signedOut } }`;

describe('developer accounts', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'accounts');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('signUp sets an httpOnly, SameSite=Lax session cookie', async () => {
    const client = new TestClient(testApp.url);
    const response = await client.request(signUpMutation, {
      input: { email: uniqueEmail(), password: testPassword, name: 'Ada' },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('workapi_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).toMatch(/Expires=/i);
  });

  it('viewer returns the signed-in developer', async () => {
    const { client, email } = await signUpDeveloper(testApp.url, { name: '  Grace Hopper ' });
    const data = await client.ok(viewerQuery);
    expect(data.viewer.email).toBe(email);
    expect(data.viewer.name).toBe('Grace Hopper');
  });

  it('viewer is null without a session', async () => {
    const data = await new TestClient(testApp.url).ok(viewerQuery);
    expect(data.viewer).toBeNull();
  });

  it('signUp normalizes emails and rejects duplicates', async () => {
    const email = uniqueEmail('Case');
    await signUpDeveloper(testApp.url, { email: `  ${email.toUpperCase()} ` });
    const response = await new TestClient(testApp.url).request(signUpMutation, {
      input: { email, password: testPassword, name: 'Copy' },
    });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.status).toBe(409);
  });

  it('signUp states the password rule', async () => {
    const response = await new TestClient(testApp.url).request(signUpMutation, {
      input: { email: uniqueEmail(), password: 'short', name: 'Ada' },
    });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('password');
    expect(response.body.errors?.[0].message).toContain('12 to 128 characters');
  });

  it('signUp rejects an invalid email', async () => {
    const response = await new TestClient(testApp.url).request(signUpMutation, {
      input: { email: 'not-an-email', password: testPassword, name: 'Ada' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].extensions?.field).toBe('email');
  });

  it('signIn accepts the right password and rejects a wrong one', async () => {
    const { email } = await signUpDeveloper(testApp.url);
    const client = new TestClient(testApp.url);
    const wrong = await client.request(signInMutation, { input: { email, password: 'wrong password!!' } });
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');

    const right = await client.request(signInMutation, { input: { email: email.toUpperCase(), password: testPassword } });
    expect(right.status).toBe(200);
    expect((await client.ok(viewerQuery)).viewer.email).toBe(email);
  });

  it('signOut revokes the session on the server', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const stolen = client.withHeaders({});
    const data = await client.ok(signOutMutation);
    expect(data.signOut.signedOut).toBe(true);
    expect((await client.ok(viewerQuery)).viewer).toBeNull();
    expect((await stolen.ok(viewerQuery)).viewer).toBeNull();
  });

  it('database dump holds no plaintext password', async () => {
    const password = 'a very particular passphrase 93';
    await signUpDeveloper(testApp.url, { password });
    const dump = await dumpDatabase(testApp.app.dataSource);
    expect(dump).toContain('scrypt$');
    expect(dump).not.toContain(password);
  });

  it('logs contain no password and no variables', async () => {
    const password = 'another secret passphrase 47';
    await signUpDeveloper(testApp.url, { password });
    const logs = testApp.logs();
    expect(logs).toContain('"operationName":"SignUp"');
    expect(logs).not.toContain(password);
  });
});

describe('sign-in throttling', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp(
      { WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_EMAIL: '5', WORKAPI_SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: '10' },
      'throttle',
    );
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('twenty wrong sign-ins from one address end in THROTTLED', async () => {
    const client = new TestClient(testApp.url);
    const codes: string[] = [];
    let throttled;
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await client.request(signInMutation, {
        input: { email: uniqueEmail('victim'), password: 'wrong password!!' },
      });
      codes.push(errorCode(response) ?? 'none');
      if (errorCode(response) === 'THROTTLED') throttled = response;
    }
    expect(codes.at(-1)).toBe('THROTTLED');
    expect(codes.slice(0, 10).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    expect(throttled?.status).toBe(429);
    expect(Number(throttled?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled?.body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('restart and cookies', () => {
  it('accounts survive a restart', async () => {
    let testApp = await startTestApp({}, 'restart');
    try {
      const { email, password } = await signUpDeveloper(testApp.url);
      testApp = await testApp.restart();
      const client = new TestClient(testApp.url);
      const response = await client.request(signInMutation, { input: { email, password } });
      expect(response.status).toBe(200);
      expect((await client.ok(viewerQuery)).viewer.email).toBe(email);
    } finally {
      await testApp.close();
    }
  });

  it('cookies are Secure behind an https public URL', async () => {
    const testApp = await startTestApp({ WORKAPI_PUBLIC_URL: 'https://workapi.example.com' }, 'secure');
    try {
      const response = await new TestClient(testApp.url).request(signUpMutation, {
        input: { email: uniqueEmail(), password: testPassword, name: 'Ada' },
      });
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('workapi_session='));
      expect(cookie).toMatch(/; Secure/i);
    } finally {
      await testApp.close();
    }
  });
});
