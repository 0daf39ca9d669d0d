import { createPrivateKey, generateKeyPairSync, randomUUID, webcrypto } from 'node:crypto';
import { SignJWT } from 'jose';
import { dumpDatabase } from '../../../test/dump';
import { createEnvironmentMutation, createTestEnvironment, environmentClient } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';

const environmentsQuery = `query { environments { id name status allowedReturnUrls keys { kid algorithm status } } }`;
const environmentQuery = `query Environment($id: ID!) {
  environment(id: $id) { id name status allowedReturnUrls createdAt keys { kid algorithm publicKeyPem publicJwk status createdAt expiresAt revokedAt } }
}`;
const renameMutation = `mutation($input: RenameEnvironmentInput!) { renameEnvironment(input: $input) { environment { id name } } }`;
const updateMutation = `mutation($input: UpdateEnvironmentInput!) { updateEnvironment(input: $input) { environment { id allowedReturnUrls } } }`;
const deactivateMutation = `mutation($input: DeactivateEnvironmentInput!) { deactivateEnvironment(input: $input) { environment { id status } } }`;
const reactivateMutation = `mutation($input: ReactivateEnvironmentInput!) { reactivateEnvironment(input: $input) { environment { id status } } }`;
const deleteMutation = `mutation($input: DeleteEnvironmentInput!) { deleteEnvironment(input: $input) { deletedEnvironmentId } }`;
const rotateMutation = `mutation($input: RotateEnvironmentKeyInput!) {
  rotateEnvironmentKey(input: $input) { key { kid algorithm status } privateKey environment { id keys { kid status expiresAt } } }
}`;
const revokeMutation = `mutation($input: RevokeEnvironmentKeyInput!) { revokeEnvironmentKey(input: $input) { key { kid status revokedAt } } }`;

function pemBodyLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line && !line.startsWith('-----'));
}

function toPem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}

function expectBadInput(response: GraphQLResponse, field: string, message: RegExp): void {
  expect(response.status).toBe(400);
  expect(errorCode(response)).toBe('BAD_USER_INPUT');
  expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
  expect(response.body.errors?.[0]?.message).toMatch(message);
}

describe('environments', () => {
  let testApp: TestApp;
  let developer: TestClient;

  beforeAll(async () => {
    testApp = await startTestApp({ WORKAPI_MAX_ENVIRONMENTS_PER_ACCOUNT: '3' }, 'environments');
    developer = (await signUpDeveloper(testApp.url)).client;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('createEnvironment returns a PKCS#8 ES256 private key once', async () => {
    const response = await developer.request(createEnvironmentMutation, {
      input: { name: '  staging ', allowedReturnUrls: ['https://app.example.com/connected'] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const payload = response.body.data!.createEnvironment;
    expect(payload.environment.name).toBe('staging');
    expect(payload.environment.status).toBe('ACTIVE');
    expect(payload.environment.allowedReturnUrls).toEqual(['https://app.example.com/connected']);
    expect(payload.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(createPrivateKey(payload.privateKey).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(payload.key.algorithm).toBe('ES256');
    expect(payload.key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(JSON.parse(payload.key.publicJwk)).toMatchObject({ kty: 'EC', crv: 'P-256', kid: payload.key.kid, alg: 'ES256', use: 'sig' });
    expect(JSON.parse(payload.key.publicJwk).d).toBeUndefined();

    const read = await developer.ok(environmentQuery, { id: payload.environment.id });
    expect(JSON.stringify(read)).not.toContain('PRIVATE KEY');
    await developer.ok(deleteMutation, { input: { id: payload.environment.id, confirmName: 'staging' } });
  });

  it('kid is the RFC 7638 thumbprint', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
    const expected = Buffer.from(await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))).toString('base64url');
    const data = await developer.ok(createEnvironmentMutation, { input: { name: 'thumbprint', publicKey } });
    expect(data.createEnvironment.key.kid).toBe(expected);
    await developer.ok(deleteMutation, { input: { id: data.createEnvironment.environment.id, confirmName: 'thumbprint' } });
  });

  it('private keys appear in no database row or log line', async () => {
    const created = await createTestEnvironment(developer, 'secret-check');
    const rotated = await developer.ok(rotateMutation, { input: { environmentId: created.environment.id } });
    await environmentClient(testApp.url, created.environment.id, rotated.rotateEnvironmentKey.privateKey).ok(`{ currentEnvironment { id } }`);
    const dump = await dumpDatabase(testApp.app.dataSource);
    const logs = testApp.logs();
    expect(dump).toContain(created.environment.id);
    for (const privateKey of [created.privateKey, rotated.rotateEnvironmentKey.privateKey]) {
      const scalar = createPrivateKey(privateKey).export({ format: 'jwk' }).d as string;
      for (const line of pemBodyLines(privateKey)) {
        expect(dump).not.toContain(line);
        expect(logs).not.toContain(line);
      }
      expect(dump).not.toContain(scalar);
      expect(logs).not.toContain(scalar);
    }
    expect(dump).not.toContain('PRIVATE KEY');
    expect(logs).not.toContain('PRIVATE KEY');
    await developer.ok(deleteMutation, { input: { id: created.environment.id, confirmName: 'secret-check' } });
  });

  describe('publicKey input', () => {
    it('accepts a WebCrypto ES256 key exported as SPKI PEM', async () => {
      const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const publicKey = toPem('PUBLIC KEY', await webcrypto.subtle.exportKey('spki', pair.publicKey));
      const data = await developer.ok(createEnvironmentMutation, { input: { name: 'browser-pem', publicKey } });
      expect(data.createEnvironment.privateKey).toBeNull();
      expect(data.createEnvironment.key.algorithm).toBe('ES256');
      const id = data.createEnvironment.environment.id;

      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(id)
        .setAudience('workapi')
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(pair.privateKey);
      const current = await new TestClient(testApp.url).withBearer(token).ok(`{ currentEnvironment { id } }`);
      expect(current.currentEnvironment.id).toBe(id);
      await developer.ok(deleteMutation, { input: { id, confirmName: 'browser-pem' } });
    });

    it('accepts a WebCrypto ES256 key exported as JWK', async () => {
      const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
      expect(jwk.key_ops).toBeDefined();
      const data = await developer.ok(createEnvironmentMutation, { input: { name: 'browser-jwk', publicKey: JSON.stringify(jwk) } });
      expect(data.createEnvironment.privateKey).toBeNull();
      expect(JSON.parse(data.createEnvironment.key.publicJwk)).toMatchObject({ x: jwk.x, y: jwk.y });
      await developer.ok(deleteMutation, { input: { id: data.createEnvironment.environment.id, confirmName: 'browser-jwk' } });
    });

    it('accepts Ed25519 and RSA 2048 keys', async () => {
      const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const rsaJwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
      const edData = await developer.ok(createEnvironmentMutation, { input: { name: 'ed', publicKey: ed } });
      expect(edData.createEnvironment.key.algorithm).toBe('EDDSA');
      expect(JSON.parse(edData.createEnvironment.key.publicJwk).alg).toBe('EdDSA');
      const rsaData = await developer.ok(createEnvironmentMutation, { input: { name: 'rsa', publicKey: JSON.stringify({ ...rsaJwk, alg: 'RS256' }) } });
      expect(rsaData.createEnvironment.key.algorithm).toBe('RS256');
      await developer.ok(deleteMutation, { input: { id: edData.createEnvironment.environment.id, confirmName: 'ed' } });
      await developer.ok(deleteMutation, { input: { id: rsaData.createEnvironment.environment.id, confirmName: 'rsa' } });
    });

    it('rejects malformed, private, unsupported and weak keys', async () => {
      const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const privatePem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const privateJwk = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
      const edJwkClaimingEs256 = JSON.stringify({ ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), alg: 'ES256' });
      const cases: Array<[string, RegExp]> = [
        ['not a key', /must be an SPKI PEM .* or a JWK/],
        ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /not a valid SPKI PEM/],
        ['{"kty": "EC"', /not valid JSON/],
        ['{"kty": "EC", "crv": "P-256"}', /not a valid public JWK/],
        ['{"kty": "oct", "k": "c2VjcmV0"}', /private or secret JWK/],
        [rsa1024, /1024-bit RSA key; RS256 keys need at least 2048 bits/],
        [p384, /only P-256 \(ES256\) is supported/],
        [privatePem, /is a private key; send only the public key/],
        [privateJwk, /private or secret JWK/],
        [edJwkClaimingEs256, /declares an "alg" that does not match the key, which is a EdDSA key/],
        ['   ', /publicKey is empty/],
        [`-----BEGIN PUBLIC KEY-----\n${'A'.repeat(10_000)}\n-----END PUBLIC KEY-----`, /longer than 10000 characters/],
      ];
      for (const [publicKey, message] of cases) {
        const response = await developer.request(createEnvironmentMutation, { input: { name: 'bad-key', publicKey } });
        expectBadInput(response, 'publicKey', message);
        const errorText = JSON.stringify(response.body.errors);
        for (const line of pemBodyLines(publicKey)) expect(errorText).not.toContain(line);
      }
      expect(testApp.logs()).not.toContain(pemBodyLines(privatePem)[1]);
      const list = await developer.ok(environmentsQuery);
      expect(list.environments.map((environment: { name: string }) => environment.name)).not.toContain('bad-key');
    });
  });

  it('names are 1 to 64 characters and unique ignoring case', async () => {
    expectBadInput(await developer.request(createEnvironmentMutation, { input: { name: '  ' } }), 'name', /1 to 64 characters/);
    expectBadInput(await developer.request(createEnvironmentMutation, { input: { name: 'n'.repeat(65) } }), 'name', /1 to 64/);
    expectBadInput(await developer.request(createEnvironmentMutation, { input: { name: 'two\nlines' } }), 'name', /control characters/);
    const created = await createTestEnvironment(developer, 'n'.repeat(64));
    const duplicate = await developer.request(createEnvironmentMutation, { input: { name: 'N'.repeat(64) } });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors?.[0]?.message).toMatch(/already exists/);

    const other = await createTestEnvironment(developer, 'other');
    const renamed = await developer.request(renameMutation, { input: { id: other.environment.id, name: 'n'.repeat(64) } });
    expect(errorCode(renamed)).toBe('CONFLICT');
    await developer.ok(deleteMutation, { input: { id: created.environment.id, confirmName: 'n'.repeat(64) } });
    await developer.ok(deleteMutation, { input: { id: other.environment.id, confirmName: 'other' } });
  });

  it('another account may use the same name', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const mine = await createTestEnvironment(developer, 'shared-name');
    const theirs = await createTestEnvironment(client, 'shared-name');
    expect(theirs.environment.name).toBe('shared-name');
    await developer.ok(deleteMutation, { input: { id: mine.environment.id, confirmName: 'shared-name' } });
  });

  it('limit per account is LIMIT_REACHED', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const created = [];
    for (const name of ['one', 'two', 'three']) created.push(await createTestEnvironment(client, name));
    const response = await client.request(createEnvironmentMutation, { input: { name: 'four' } });
    expect(errorCode(response)).toBe('LIMIT_REACHED');
    expect(response.status).toBe(409);
    expect(response.body.errors?.[0]?.extensions?.limit).toBe(3);

    await client.ok(deleteMutation, { input: { id: created[0].environment.id, confirmName: 'one' } });
    const again = await createTestEnvironment(client, 'one');
    expect(again.environment.name).toBe('one');
  });

  it('concurrent creates respect the limit', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const responses = await Promise.all(
      ['c1', 'c2', 'c3', 'c4', 'c5'].map((name) => client.request(createEnvironmentMutation, { input: { name } })),
    );
    const codes = responses.map((response) => errorCode(response) ?? 'OK').sort();
    expect(codes).toEqual(['LIMIT_REACHED', 'LIMIT_REACHED', 'OK', 'OK', 'OK']);
    const list = await client.ok(environmentsQuery);
    expect(list.environments).toHaveLength(3);
  });

  it('concurrent creates of one name succeed once', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const responses = await Promise.all(
      ['twin', 'TWIN', 'Twin'].map((name) => client.request(createEnvironmentMutation, { input: { name } })),
    );
    const codes = responses.map((response) => errorCode(response) ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
  });

  it('environments lists the account environments with keys', async () => {
    const { client } = await signUpDeveloper(testApp.url);
    const first = await createTestEnvironment(client, 'development');
    const second = await createTestEnvironment(client, 'production');
    testApp.takeQueries();
    const data = await client.ok(environmentsQuery);
    const keyQueries = testApp.takeQueries().filter((sql) => sql.includes('environment_keys'));
    expect(data.environments.map((environment: { id: string }) => environment.id)).toEqual([first.environment.id, second.environment.id]);
    expect(data.environments[0].keys).toHaveLength(1);
    expect(keyQueries).toHaveLength(1);
  });

  it('renameEnvironment trims and stores the new name', async () => {
    const created = await createTestEnvironment(developer, 'old-name');
    const data = await developer.ok(renameMutation, { input: { id: created.environment.id, name: ' new-name ' } });
    expect(data.renameEnvironment.environment.name).toBe('new-name');
    const read = await developer.ok(environmentQuery, { id: created.environment.id });
    expect(read.environment.name).toBe('new-name');
    await developer.ok(deleteMutation, { input: { id: created.environment.id, confirmName: 'new-name' } });
  });

  it('updateEnvironment replaces allowed return URLs', async () => {
    const created = await createTestEnvironment(developer, 'urls');
    const id = created.environment.id;
    const data = await developer.ok(updateMutation, {
      input: {
        id,
        allowedReturnUrls: [' https://app.example.com/done', 'http://localhost:3000', 'https://app.example.com/done'],
      },
    });
    expect(data.updateEnvironment.environment.allowedReturnUrls).toEqual(['https://app.example.com/done', 'http://localhost:3000']);
    const cases: Array<[string[], RegExp]> = [
      [['/relative'], /allowedReturnUrls\[0\] must be an absolute URL/],
      [['https://ok.example.com', 'ftp://files.example.com'], /allowedReturnUrls\[1\] must use http or https/],
      [['https://app.example.com/#done'], /must not contain a fragment/],
      [['https://ok.example.com', 'https://user:pass@app.example.com/done'], /allowedReturnUrls\[1\] must not contain a user name or password/],
      [['https://user@app.example.com/done'], /allowedReturnUrls\[0\] must not contain a user name or password/],
      [['https://@app.example.com/done'], /allowedReturnUrls\[0\] must not contain a user name or password/],
      [Array.from({ length: 21 }, (_, index) => `https://app.example.com/${index}`), /at most 20 URLs/],
    ];
    for (const [allowedReturnUrls, message] of cases) {
      expectBadInput(await developer.request(updateMutation, { input: { id, allowedReturnUrls } }), 'allowedReturnUrls', message);
    }
    expectBadInput(
      await developer.request(createEnvironmentMutation, { input: { name: 'bad-urls', allowedReturnUrls: ['javascript:alert(1)'] } }),
      'allowedReturnUrls',
      /must use http or https/,
    );
    const read = await developer.ok(environmentQuery, { id });
    expect(read.environment.allowedReturnUrls).toEqual(['https://app.example.com/done', 'http://localhost:3000']);
    await developer.ok(deleteMutation, { input: { id, confirmName: 'urls' } });
  });

  it('deactivate and reactivate change the status', async () => {
    const created = await createTestEnvironment(developer, 'toggle');
    const id = created.environment.id;
    expect((await developer.ok(deactivateMutation, { input: { id } })).deactivateEnvironment.environment.status).toBe('DEACTIVATED');
    expect((await developer.ok(environmentQuery, { id })).environment.status).toBe('DEACTIVATED');
    expect((await developer.ok(reactivateMutation, { input: { id } })).reactivateEnvironment.environment.status).toBe('ACTIVE');
    await developer.ok(deleteMutation, { input: { id, confirmName: 'toggle' } });
  });

  it('deleteEnvironment needs the name and revokes every key', async () => {
    const created = await createTestEnvironment(developer, 'doomed');
    const id = created.environment.id;
    await developer.ok(rotateMutation, { input: { environmentId: id } });
    const wrong = await developer.request(deleteMutation, { input: { id, confirmName: 'Doomed' } });
    expectBadInput(wrong, 'confirmName', /must equal the environment name/);

    const data = await developer.ok(deleteMutation, { input: { id, confirmName: 'doomed' } });
    expect(data.deleteEnvironment.deletedEnvironmentId).toBe(id);
    expect(errorCode(await developer.request(environmentQuery, { id }))).toBe('NOT_FOUND');
    const list = await developer.ok(environmentsQuery);
    expect(list.environments.map((environment: { id: string }) => environment.id)).not.toContain(id);

    const rows: Array<{ revoked_at: unknown }> = await testApp.app.dataSource.query(
      'SELECT revoked_at FROM environment_keys WHERE environment_id = ?',
      [id],
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.revoked_at !== null)).toBe(true);
    const environmentRows = await testApp.app.dataSource.query('SELECT id, deleted_at FROM environments WHERE id = ?', [id]);
    expect(environmentRows).toHaveLength(1);
    expect(environmentRows[0].deleted_at).not.toBeNull();

    const reused = await createTestEnvironment(developer, 'doomed');
    await developer.ok(deleteMutation, { input: { id: reused.environment.id, confirmName: 'doomed' } });
  });

  it('rotateEnvironmentKey adds a key and keeps the old one in its grace period', async () => {
    const created = await createTestEnvironment(developer, 'rotating');
    const id = created.environment.id;
    const before = Date.now();
    const response = await developer.request(rotateMutation, { input: { environmentId: id } });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const payload = response.body.data!.rotateEnvironmentKey;
    expect(payload.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(payload.key.status).toBe('ACTIVE');
    expect(payload.environment.keys).toHaveLength(2);
    const [newest, previous] = payload.environment.keys;
    expect(newest.kid).toBe(payload.key.kid);
    expect(previous.status).toBe('EXPIRING');
    const graceEnd = new Date(previous.expiresAt).getTime();
    expect(graceEnd).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(graceEnd).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1000);

    const browserKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const withPublicKey = await developer.ok(rotateMutation, { input: { environmentId: id, publicKey: browserKey } });
    expect(withPublicKey.rotateEnvironmentKey.privateKey).toBeNull();
    expect(withPublicKey.rotateEnvironmentKey.key.algorithm).toBe('EDDSA');
    const again = await developer.request(rotateMutation, { input: { environmentId: id, publicKey: browserKey } });
    expect(errorCode(again)).toBe('CONFLICT');
    await developer.ok(deleteMutation, { input: { id, confirmName: 'rotating' } });
  });

  it('revokeEnvironmentKey revokes one key', async () => {
    const created = await createTestEnvironment(developer, 'revoking');
    const id = created.environment.id;
    const keys = (await developer.ok(environmentQuery, { id })).environment.keys;
    const data = await developer.ok(revokeMutation, { input: { environmentId: id, kid: keys[0].kid } });
    expect(data.revokeEnvironmentKey.key.status).toBe('REVOKED');
    expect(data.revokeEnvironmentKey.key.revokedAt).not.toBeNull();
    const twice = await developer.ok(revokeMutation, { input: { environmentId: id, kid: keys[0].kid } });
    expect(twice.revokeEnvironmentKey.key.revokedAt).toBe(data.revokeEnvironmentKey.key.revokedAt);
    const unknown = await developer.request(revokeMutation, { input: { environmentId: id, kid: 'no-such-kid' } });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    await developer.ok(deleteMutation, { input: { id, confirmName: 'revoking' } });
  });

  it('operations without a session are UNAUTHENTICATED', async () => {
    const anonymous = new TestClient(testApp.url);
    expect(errorCode(await anonymous.request(environmentsQuery))).toBe('UNAUTHENTICATED');
    expect(errorCode(await anonymous.request(createEnvironmentMutation, { input: { name: 'x' } }))).toBe('UNAUTHENTICATED');
  });

  describe('another account', () => {
    let foreignId: string;
    let foreignKid: string;
    let stranger: TestClient;

    beforeAll(async () => {
      const owner = (await signUpDeveloper(testApp.url)).client;
      const created = await createTestEnvironment(owner, 'private-env');
      foreignId = created.environment.id;
      foreignKid = (await owner.ok(environmentQuery, { id: foreignId })).environment.keys[0].kid;
      stranger = (await signUpDeveloper(testApp.url)).client;
    });

    const operations: Array<[string, string, () => Record<string, unknown>]> = [
      ['environment', environmentQuery, () => ({ id: foreignId })],
      ['renameEnvironment', renameMutation, () => ({ input: { id: foreignId, name: 'stolen' } })],
      ['updateEnvironment', updateMutation, () => ({ input: { id: foreignId, allowedReturnUrls: ['https://evil.example.com'] } })],
      ['deactivateEnvironment', deactivateMutation, () => ({ input: { id: foreignId } })],
      ['reactivateEnvironment', reactivateMutation, () => ({ input: { id: foreignId } })],
      ['deleteEnvironment', deleteMutation, () => ({ input: { id: foreignId, confirmName: 'private-env' } })],
      ['rotateEnvironmentKey', rotateMutation, () => ({ input: { environmentId: foreignId } })],
      ['revokeEnvironmentKey', revokeMutation, () => ({ input: { environmentId: foreignId, kid: foreignKid } })],
    ];

    it.each(operations)('%s is NOT_FOUND', async (_name, document, variables) => {
      const response = await stranger.request(document, variables());
      expect(response.status).toBe(404);
      expect(errorCode(response)).toBe('NOT_FOUND');
    });

    it('environments leaves it out and it stays unchanged', async () => {
      const list = await stranger.ok(environmentsQuery);
      expect(list.environments).toEqual([]);
      const rows = await testApp.app.dataSource.query('SELECT name, status, deleted_at FROM environments WHERE id = ?', [foreignId]);
      expect(rows[0]).toMatchObject({ name: 'private-env', status: 'ACTIVE', deleted_at: null });
      const keys = await testApp.app.dataSource.query('SELECT revoked_at, expires_at FROM environment_keys WHERE environment_id = ?', [foreignId]);
      expect(keys).toEqual([{ revoked_at: null, expires_at: null }]);
    });

    it('unknown ids are NOT_FOUND too', async () => {
      const response = await stranger.request(environmentQuery, { id: randomUUID() });
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  });
});
