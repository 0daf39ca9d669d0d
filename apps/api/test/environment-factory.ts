import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { TestClient, type GraphQLResponse } from './graphql-client';

export const createEnvironmentMutation = `mutation CreateEnvironment($input: CreateEnvironmentInput!) {
  createEnvironment(input: $input) {
    environment { id name status allowedReturnUrls createdAt }
    key { kid algorithm publicKeyPem publicJwk status createdAt expiresAt revokedAt }
    privateKey
  }
}`;

export interface TestEnvironment {
  environment: { id: string; name: string };
  /** PKCS#8 PEM of the environment's ES256 key. */
  privateKey: string;
}

/** Creates an environment with a server-generated ES256 key, through the console session of `client`. */
export async function createTestEnvironment(client: TestClient, name = `env-${randomBytes(4).toString('hex')}`): Promise<TestEnvironment> {
  const data = await client.ok<{ createEnvironment: { environment: { id: string; name: string }; privateKey: string } }>(
    createEnvironmentMutation,
    { input: { name } },
  );
  const { environment, privateKey } = data.createEnvironment;
  return { environment: { id: environment.id, name: environment.name }, privateKey };
}

export interface SignTestTokenOptions {
  environmentId: string;
  privateKey: string;
  algorithm?: string;
  audience?: string;
  ttlSeconds?: number;
  jti?: string;
  kid?: string;
}

/** Signs an environment token the way the SDK does: `iss`, `aud`, `iat`, `exp` and a fresh `jti`. */
export async function signTestEnvironmentToken(options: SignTestTokenOptions): Promise<string> {
  const algorithm = options.algorithm ?? 'ES256';
  const key = await importPKCS8(options.privateKey, algorithm);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader(options.kid ? { alg: algorithm, kid: options.kid } : { alg: algorithm })
    .setIssuer(options.environmentId)
    .setAudience(options.audience ?? 'workapi')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 60))
    .setJti(options.jti ?? randomUUID())
    .sign(key);
}

/** A client with the methods of TestClient whose every request carries a freshly signed environment token. */
export class EnvironmentTestClient {
  constructor(
    readonly url: string,
    readonly environmentId: string,
    private readonly privateKey: string,
    private readonly algorithm = 'ES256',
  ) {}

  /** A TestClient carrying one fresh token, for requests that must reuse or inspect it. */
  async withFreshToken(): Promise<TestClient> {
    const token = await signTestEnvironmentToken({
      environmentId: this.environmentId,
      privateKey: this.privateKey,
      algorithm: this.algorithm,
    });
    return new TestClient(this.url).withBearer(token);
  }

  async request<TData = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    extra: { headers?: Record<string, string>; operationName?: string } = {},
  ): Promise<GraphQLResponse<TData>> {
    return (await this.withFreshToken()).request<TData>(query, variables, extra);
  }

  async post<TData = Record<string, any>>(payload: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<TData>> {
    return (await this.withFreshToken()).post<TData>(payload, headers);
  }

  async ok<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<TData> {
    return (await this.withFreshToken()).ok<TData>(query, variables);
  }
}

/** Creates a client that signs every request with the environment's private key, with a new `jti` each time. */
export function environmentClient(url: string, environmentId: string, privateKey: string): EnvironmentTestClient {
  return new EnvironmentTestClient(url, environmentId, privateKey);
}
