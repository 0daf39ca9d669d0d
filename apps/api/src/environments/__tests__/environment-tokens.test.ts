import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { SignJWT, base64url, importPKCS8, type JWTPayload } from 'jose';
import { buildApp, type App } from '../../app';
import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { createTestEnvironment, environmentClient, signTestEnvironmentToken } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { startTestApp, type TestApp } from '../../../test/harness';

const currentEnvironmentQuery = `query { currentEnvironment { id name status } }`;
const environmentQuery = `query Environment($id: ID!) { environment(id: $id) { id name } }`;
const rotateMutation = `mutation Rotate($input: RotateEnvironmentKeyInput!) {
  rotateEnvironmentKey(input: $input) { key { kid status expiresAt } privateKey environment { keys { kid status } } }
}`;
const revokeMutation = `mutation Revoke($input: RevokeEnvironmentKeyInput!) { revokeEnvironmentKey(input: $input) { key { kid status revokedAt } } }`;
const environmentKeysQuery = `query Keys($id: ID!) { environment(id: $id) { keys { kid algorithm status } } }`;

interface TokenParts {
  header?: Record<string, unknown>;
  claims?: JWTPayload;
  /** Claims removed from the defaults. */
  omit?: string[];
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Signs a token with full control over header and claims; defaults are a valid ES256 token. */
async function signCustomToken(environmentId: string, privateKeyPem: string, parts: TokenParts = {}): Promise<string> {
  const header = { alg: 'ES256', ...parts.header } as { alg: string };
  const now = nowSeconds();
  const claims: JWTPayload = { iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID(), ...parts.claims };
  for (const name of parts.omit ?? []) delete claims[name];
  const key = await importPKCS8(privateKeyPem, header.alg);
  return new SignJWT(claims).setProtectedHeader(header).sign(key);
}

function unsignedToken(claims: JWTPayload): string {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${encode({ alg: 'none' })}.${encode(claims)}.`;
}

async function withToken(url: string, token: string, query = currentEnvironmentQuery, variables?: Record<string, unknown>) {
  return new TestClient(url).withBearer(token).request(query, variables);
}

function expectRejected(response: GraphQLResponse, reason: RegExp, token?: string): void {
  expect(response.status).toBe(401);
  expect(errorCode(response)).toBe('UNAUTHENTICATED');
  const message = response.body.errors?.[0]?.message ?? '';
  expect(message).toMatch(reason);
  if (token) {
    for (const segment of token.split('.').filter((part) => part.length > 8)) expect(message).not.toContain(segment);
  }
}

describe('environment tokens', () => {
  let testApp: TestApp;
  let developer: TestClient;
  let environmentId: string;
  let privateKey: string;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'envtokens');
    developer = (await signUpDeveloper(testApp.url)).client;
    const created = await createTestEnvironment(developer, 'production');
    environmentId = created.environment.id;
    privateKey = created.privateKey;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('currentEnvironment returns the signing environment', async () => {
    const envClient = environmentClient(testApp.url, environmentId, privateKey);
    const data = await envClient.ok(currentEnvironmentQuery);
    expect(data.currentEnvironment).toEqual({ id: environmentId, name: 'production', status: 'ACTIVE' });
    const again = await envClient.ok(currentEnvironmentQuery);
    expect(again.currentEnvironment.id).toBe(environmentId);
  });

  it('currentEnvironment is null for a console session', async () => {
    const data = await developer.ok(currentEnvironmentQuery);
    expect(data.currentEnvironment).toBeNull();
  });

  it('token with kid header is accepted', async () => {
    const keys = await developer.ok(environmentKeysQuery, { id: environmentId });
    const token = await signCustomToken(environmentId, privateKey, { header: { kid: keys.environment.keys[0].kid } });
    const response = await withToken(testApp.url, token);
    expect(response.body.data?.currentEnvironment?.id).toBe(environmentId);
  });

  it('token with aud array is accepted', async () => {
    const token = await signCustomToken(environmentId, privateKey, { claims: { aud: ['other', 'workapi'] } });
    expect((await withToken(testApp.url, token)).status).toBe(200);
  });

  it('clock skew of 30 seconds is allowed', async () => {
    const now = nowSeconds();
    const late = await signCustomToken(environmentId, privateKey, { claims: { iat: now - 100, exp: now - 10 } });
    expect((await withToken(testApp.url, late)).status).toBe(200);
    const early = await signCustomToken(environmentId, privateKey, { claims: { iat: now + 20, exp: now + 80 } });
    expect((await withToken(testApp.url, early)).status).toBe(200);
  });

  it('environment token reads its own environment only', async () => {
    const other = await createTestEnvironment(developer);
    const envClient = environmentClient(testApp.url, environmentId, privateKey);
    const own = await envClient.request(environmentQuery, { id: environmentId });
    expect(own.body.data?.environment.id).toBe(environmentId);
    const foreign = await envClient.request(environmentQuery, { id: other.environment.id });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });

  it('environment token cannot manage environments', async () => {
    const envClient = environmentClient(testApp.url, environmentId, privateKey);
    const response = await envClient.request(`mutation { createEnvironment(input: {name: "x"}) { privateKey } }`);
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  describe('rejects', () => {
    it('alg none', async () => {
      const now = nowSeconds();
      const token = unsignedToken({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID() });
      expectRejected(await withToken(testApp.url, token), /alg "none"/, token);
    });

    it('HS256 keyed with the public key', async () => {
      const keys = await developer.ok(`query($id: ID!) { environment(id: $id) { keys { publicKeyPem } } }`, { id: environmentId });
      const secret = new TextEncoder().encode(keys.environment.keys[0].publicKeyPem);
      const now = nowSeconds();
      const token = await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(environmentId)
        .setAudience('workapi')
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(secret);
      expectRejected(await withToken(testApp.url, token), /algorithm \(alg\) HS256 is not accepted/, token);
    });

    it('a different algorithm', async () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const token = await signCustomToken(environmentId, rsa, { header: { alg: 'RS256' } });
      expectRejected(await withToken(testApp.url, token), /algorithm \(alg\) RS256 is not accepted; the active keys use ES256/, token);
    });

    it('a bad signature', async () => {
      const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const token = await signCustomToken(environmentId, stranger);
      expectRejected(await withToken(testApp.url, token), /bad signature/, token);
    });

    it('an unknown crit header', async () => {
      const now = nowSeconds();
      const key = await importPKCS8(privateKey, 'ES256');
      // jose signs an unknown critical extension only when told that it is understood.
      const token = await new SignJWT({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID() })
        .setProtectedHeader({ alg: 'ES256', crit: ['x-custom'], 'x-custom': true })
        .sign(key, { crit: { 'x-custom': true } });
      const response = await withToken(testApp.url, token);
      expectRejected(response, /unsupported critical header \(crit\)/, token);
      expect(response.body.errors?.[0]?.message).not.toContain('bad signature');
    });

    it('a malformed crit header', async () => {
      // jose refuses to sign a crit that is not an array, so the token is signed with node:crypto.
      const now = nowSeconds();
      const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
      const signingInput = `${encode({ alg: 'ES256', crit: 'x-custom' })}.${encode({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID() })}`;
      const signature = sign('sha256', Buffer.from(signingInput), { key: createPrivateKey(privateKey), dsaEncoding: 'ieee-p1363' });
      const token = `${signingInput}.${base64url.encode(signature)}`;
      expectRejected(await withToken(testApp.url, token), /unsupported critical header \(crit\)/, token);
    });

    it('a tampered payload', async () => {
      const token = await signCustomToken(environmentId, privateKey);
      const [header, , signature] = token.split('.');
      const now = nowSeconds();
      const payload = base64url.encode(JSON.stringify({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 90, jti: 'x' }));
      const tampered = `${header}.${payload}.${signature}`;
      expectRejected(await withToken(testApp.url, tampered), /bad signature/, tampered);
    });

    it('an expired exp', async () => {
      const now = nowSeconds();
      const token = await signCustomToken(environmentId, privateKey, { claims: { iat: now - 200, exp: now - 100 } });
      expectRejected(await withToken(testApp.url, token), /expired \(exp\)/, token);
    });

    it('exp more than 300 seconds after iat', async () => {
      const now = nowSeconds();
      const token = await signCustomToken(environmentId, privateKey, { claims: { iat: now, exp: now + 301 } });
      expectRejected(await withToken(testApp.url, token), /exp is more than 300 seconds after iat/, token);
    });

    it('iat in the future', async () => {
      const now = nowSeconds();
      const token = await signCustomToken(environmentId, privateKey, { claims: { iat: now + 120, exp: now + 180 } });
      expectRejected(await withToken(testApp.url, token), /iat is in the future/, token);
    });

    it('missing iat or exp', async () => {
      const noIat = await signCustomToken(environmentId, privateKey, { omit: ['iat'] });
      expectRejected(await withToken(testApp.url, noIat), /iat claim is missing/, noIat);
      const noExp = await signCustomToken(environmentId, privateKey, { omit: ['exp'] });
      expectRejected(await withToken(testApp.url, noExp), /exp claim is missing/, noExp);
    });

    it('no jti', async () => {
      const token = await signCustomToken(environmentId, privateKey, { omit: ['jti'] });
      expectRejected(await withToken(testApp.url, token), /jti claim is missing/, token);
    });

    it('a jti longer than 128 characters', async () => {
      const token = await signCustomToken(environmentId, privateKey, { claims: { jti: 'j'.repeat(129) } });
      expectRejected(await withToken(testApp.url, token), /jti is longer than 128 characters/, token);
    });

    it('a replayed jti', async () => {
      const token = await signTestEnvironmentToken({ environmentId, privateKey });
      expect((await withToken(testApp.url, token)).status).toBe(200);
      expectRejected(await withToken(testApp.url, token), /replayed token/, token);
    });

    it('a wrong aud', async () => {
      const token = await signCustomToken(environmentId, privateKey, { claims: { aud: 'someone-else' } });
      expectRejected(await withToken(testApp.url, token), /wrong audience \(aud\)/, token);
    });

    it('an unknown iss', async () => {
      const token = await signCustomToken(randomUUID(), privateKey);
      expectRejected(await withToken(testApp.url, token), /unknown environment \(iss\)/, token);
    });

    it('a missing iss', async () => {
      const token = await signCustomToken(environmentId, privateKey, { omit: ['iss'] });
      expectRejected(await withToken(testApp.url, token), /iss claim .* is missing/, token);
    });

    it('an unknown kid', async () => {
      const token = await signCustomToken(environmentId, privateKey, { header: { kid: 'no-such-key' } });
      expectRejected(await withToken(testApp.url, token), /unknown key \(kid\)/, token);
    });

    it('an alg header that is not a string', async () => {
      const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
      const now = nowSeconds();
      const token = `${encode({ alg: 256 })}.${encode({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: 'x' })}.c2ln`;
      expectRejected(await withToken(testApp.url, token), /alg header is missing or not a string/, token);
    });

    it('a malformed token', async () => {
      const response = await withToken(testApp.url, 'abc.def.ghi');
      expectRejected(response, /not a well-formed JWT/);
    });

    it('a token that failed a check without using its jti', async () => {
      const jti = randomUUID();
      const now = nowSeconds();
      const bad = await signCustomToken(environmentId, privateKey, { claims: { jti, aud: 'wrong' } });
      expectRejected(await withToken(testApp.url, bad), /wrong audience/);
      const good = await signCustomToken(environmentId, privateKey, { claims: { jti, iat: now, exp: now + 60 } });
      expect((await withToken(testApp.url, good)).status).toBe(200);
    });
  });

  it('revoked key is rejected, with or without kid', async () => {
    const created = await createTestEnvironment(developer);
    const id = created.environment.id;
    const rotated = await developer.ok(rotateMutation, { input: { environmentId: id } });
    const oldKid = rotated.rotateEnvironmentKey.environment.keys.find((key: { kid: string }) => key.kid !== rotated.rotateEnvironmentKey.key.kid).kid;
    await developer.ok(revokeMutation, { input: { environmentId: id, kid: oldKid } });

    const withoutKid = await signCustomToken(id, created.privateKey);
    expectRejected(await withToken(testApp.url, withoutKid), /signing key is revoked/, withoutKid);
    const withKid = await signCustomToken(id, created.privateKey, { header: { kid: oldKid } });
    expectRejected(await withToken(testApp.url, withKid), /signing key is revoked/, withKid);

    const fresh = await signCustomToken(id, rotated.rotateEnvironmentKey.privateKey);
    expect((await withToken(testApp.url, fresh)).status).toBe(200);
  });

  it('only key revoked is named in the message', async () => {
    const created = await createTestEnvironment(developer);
    const id = created.environment.id;
    const keys = await developer.ok(environmentKeysQuery, { id });
    await developer.ok(revokeMutation, { input: { environmentId: id, kid: keys.environment.keys[0].kid } });
    const token = await signCustomToken(id, created.privateKey);
    expectRejected(await withToken(testApp.url, token), /signing key is revoked/, token);
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const unsigned = await signCustomToken(id, stranger);
    expectRejected(await withToken(testApp.url, unsigned), /the environment has no active key/, unsigned);
  });

  it('deactivated environment is rejected until reactivated', async () => {
    const created = await createTestEnvironment(developer);
    const envClient = environmentClient(testApp.url, created.environment.id, created.privateKey);
    await developer.ok(`mutation($input: DeactivateEnvironmentInput!) { deactivateEnvironment(input: $input) { environment { status } } }`, {
      input: { id: created.environment.id },
    });
    expectRejected(await envClient.request(currentEnvironmentQuery), /environment is deactivated/);
    await developer.ok(`mutation($input: ReactivateEnvironmentInput!) { reactivateEnvironment(input: $input) { environment { status } } }`, {
      input: { id: created.environment.id },
    });
    expect((await envClient.request(currentEnvironmentQuery)).status).toBe(200);
  });

  it('deleted environment is rejected', async () => {
    const created = await createTestEnvironment(developer, 'to-delete');
    const envClient = environmentClient(testApp.url, created.environment.id, created.privateKey);
    await developer.ok(`mutation($input: DeleteEnvironmentInput!) { deleteEnvironment(input: $input) { deletedEnvironmentId } }`, {
      input: { id: created.environment.id, confirmName: 'to-delete' },
    });
    expectRejected(await envClient.request(currentEnvironmentQuery), /unknown environment \(iss\)/);
  });

  it('EdDSA and RS256 keys sign accepted tokens', async () => {
    for (const [type, alg] of [['ed25519', 'EdDSA'], ['rsa', 'RS256']] as const) {
      const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const created = await developer.ok(`mutation($input: CreateEnvironmentInput!) { createEnvironment(input: $input) { environment { id } privateKey } }`, {
        input: { name: `signed-${alg}`, publicKey },
      });
      const id = created.createEnvironment.environment.id;
      const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const token = await signCustomToken(id, pem, { header: { alg } });
      const response = await withToken(testApp.url, token);
      expect(response.body.data?.currentEnvironment?.id).toBe(id);
      const es256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const wrongAlg = await signCustomToken(id, es256);
      expectRejected(await withToken(testApp.url, wrongAlg), new RegExp(`ES256 is not accepted; the active keys use ${alg}`));
    }
  });

  it('private key appears in no log line', async () => {
    const created = await createTestEnvironment(developer);
    await environmentClient(testApp.url, created.environment.id, created.privateKey).ok(currentEnvironmentQuery);
    const body = created.privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
    const scalar = createPrivateKey(created.privateKey).export({ format: 'jwk' }).d as string;
    const logs = testApp.logs();
    for (const line of body) expect(logs).not.toContain(line);
    expect(logs).not.toContain(scalar);
  });
});

describe('environment key grace period', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ WORKAPI_KEY_ROTATION_GRACE_SECONDS: '2' }, 'envgrace');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('old key works during the grace period and not after', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const created = await createTestEnvironment(client);
    const id = created.environment.id;
    const oldClient = environmentClient(testApp.url, id, created.privateKey);
    const rotated = await client.ok(rotateMutation, { input: { environmentId: id } });
    expect(rotated.rotateEnvironmentKey.key.status).toBe('ACTIVE');
    const statuses = rotated.rotateEnvironmentKey.environment.keys.map((key: { status: string }) => key.status);
    expect(statuses).toEqual(['ACTIVE', 'EXPIRING']);

    expect((await oldClient.request(currentEnvironmentQuery)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expectRejected(await oldClient.request(currentEnvironmentQuery), /signing key expired after a rotation/);

    const newClient = environmentClient(testApp.url, id, rotated.rotateEnvironmentKey.privateKey);
    expect((await newClient.request(currentEnvironmentQuery)).status).toBe(200);
    const keys = await client.ok(environmentKeysQuery, { id });
    expect(keys.environment.keys.map((key: { status: string }) => key.status)).toEqual(['ACTIVE', 'EXPIRED']);
  });
});

describe('environment token replay across processes', () => {
  let testApp: TestApp;
  let second: App;
  let secondUrl: string;

  beforeAll(async () => {
    testApp = await startTestApp({}, 'envreplay');
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    second = await buildApp(testApp.config, { logDestination: discard });
    await second.server.listen({ port: 0, host: '127.0.0.1' });
    secondUrl = `http://127.0.0.1:${(second.server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await second.close();
    await testApp.close();
  });

  it('expired jti rows are deleted', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const created = await createTestEnvironment(client);
    const id = created.environment.id;
    const dataSource = testApp.app.dataSource;
    const insert = 'INSERT INTO environment_token_uses (environment_id, jti_hash, expires_at) VALUES (?, ?, ?)';
    const expired = '2000-01-01 00:00:00.000';
    const future = new Date(Date.now() + 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
    await dataSource.query(insert, [id, 'e'.repeat(64), expired]);
    await dataSource.query(insert, [id, 'f'.repeat(64), future]);

    // The second server has verified no token yet, so its first verification starts a cleanup.
    const response = await environmentClient(secondUrl, id, created.privateKey).request(currentEnvironmentQuery);
    expect(response.status).toBe(200);
    const remaining = async () =>
      (await dataSource.query('SELECT jti_hash FROM environment_token_uses WHERE environment_id = ?', [id])).map(
        (row: { jti_hash: string }) => row.jti_hash,
      );
    for (let attempt = 0; attempt < 50 && (await remaining()).includes('e'.repeat(64)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const hashes = await remaining();
    expect(hashes).not.toContain('e'.repeat(64));
    expect(hashes).toContain('f'.repeat(64));
    expect(hashes).toHaveLength(2);
  });

  it('jti used on one server is rejected by another', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const created = await createTestEnvironment(client);
    const token = await signTestEnvironmentToken({ environmentId: created.environment.id, privateKey: created.privateKey });
    const first = await withToken(testApp.url, token);
    expect(first.body.data?.currentEnvironment?.id).toBe(created.environment.id);
    expectRejected(await withToken(secondUrl, token), /replayed token/, token);
  });

  it('concurrent use of one jti succeeds once', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const created = await createTestEnvironment(client);
    const token = await signTestEnvironmentToken({ environmentId: created.environment.id, privateKey: created.privateKey });
    const responses = await Promise.all([
      withToken(testApp.url, token),
      withToken(secondUrl, token),
      withToken(testApp.url, token),
      withToken(secondUrl, token),
    ]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401]);
  });
});
