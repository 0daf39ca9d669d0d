import {
  defaultAudience,
  importEnvironmentKey,
  signEnvironmentToken,
  type EnvironmentSigningKey,
  type PrivateKeyInput,
} from './environment-token';

export interface WorkApiClientOptions {
  /** Base URL of the Work API server, for example https://workapi.example.com. */
  url: string;
  environmentId: string;
  /** The environment's private key: PKCS#8 PEM, a JWK, or a KeyObject. */
  privateKey: PrivateKeyInput;
  /** Lifetime of each token in seconds, 1 to 300; default 60. */
  tokenTtlSeconds?: number;
  /** The `aud` claim; default "workapi". */
  audience?: string;
  /** The fetch implementation; default the global fetch of Node 20. */
  fetch?: typeof fetch;
}

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [name: string]: unknown };
}

/** A request that returned GraphQL errors or a non-JSON response. `code` is the first error's `extensions.code`. */
export class WorkApiError extends Error {
  override name = 'WorkApiError';

  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly errors: GraphQLErrorEntry[],
    /** Whatever `data` the server returned beside the errors. */
    readonly data: unknown,
  ) {
    super(message);
  }
}

export interface Environment {
  id: string;
  name: string;
  status: 'ACTIVE' | 'DEACTIVATED';
  allowedReturnUrls: string[];
  createdAt: string;
}

const currentEnvironmentQuery = `query CurrentEnvironment {
  currentEnvironment { id name status allowedReturnUrls createdAt }
}`;

/**
 * Sends GraphQL requests to Work API as an environment, with a freshly signed token on
 * every request. Add typed methods on top of `request`, one per operation.
 */
export class WorkApiClient {
  private signingKey: Promise<EnvironmentSigningKey> | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: WorkApiClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Sends one GraphQL operation and returns its `data`; raises WorkApiError when the response has errors. */
  async request<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<TData> {
    const token = await this.signToken();
    const response = await this.fetchImpl(`${this.options.url.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const text = await response.text();
    let body: { data?: TData | null; errors?: GraphQLErrorEntry[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new WorkApiError(`Work API returned HTTP ${response.status} without a JSON body.`, response.status, undefined, [], null);
    }
    if (body.errors?.length || body.data === undefined || body.data === null) {
      const errors = body.errors ?? [];
      const first = errors[0];
      throw new WorkApiError(first?.message ?? `Work API returned HTTP ${response.status} without data.`, response.status, first?.extensions?.code, errors, body.data);
    }
    return body.data;
  }

  /** Reads the environment whose key signs this client's requests. */
  async currentEnvironment(): Promise<Environment> {
    const data = await this.request<{ currentEnvironment: Environment }>(currentEnvironmentQuery);
    return data.currentEnvironment;
  }

  private async signToken(): Promise<string> {
    this.signingKey ??= importEnvironmentKey(this.options.privateKey).catch((error: unknown) => {
      this.signingKey = undefined;
      throw error;
    });
    return signEnvironmentToken(
      {
        environmentId: this.options.environmentId,
        privateKey: this.options.privateKey,
        ttlSeconds: this.options.tokenTtlSeconds ?? 60,
        audience: this.options.audience ?? defaultAudience,
      },
      await this.signingKey,
    );
  }
}
