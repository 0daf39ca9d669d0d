import { createHash, createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Signs an ES256 environment token with node:crypto, as a customer's backend
 * would, so that the tests can create users without the console (which never can).
 */
export function signEnvironmentToken(environmentId: string, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  // RFC 7638: the required members in lexicographic order.
  const kid = base64url(createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest());
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'ES256', kid, typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iss: environmentId, aud: 'workapi', iat: now, exp: now + 60, jti: randomUUID() }));
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' });
  return `${header}.${claims}.${base64url(signature)}`;
}

/** Creates an end user through the API with a freshly signed environment token. */
export async function createUser(baseUrl: string, environmentId: string, privateKeyPem: string, externalId: string): Promise<void> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signEnvironmentToken(environmentId, privateKeyPem)}` },
    body: JSON.stringify({
      query: 'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
      variables: { input: { externalId } },
    }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`createUser ${externalId} failed: ${response.status} ${JSON.stringify(body)}`);
}
