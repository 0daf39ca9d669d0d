import { WorkApiError, type GraphQLErrorEntry } from './client';
import type { AccessToken, EnvironmentUser } from './users';

export interface WorkApiUserClientOptions {
  /** Base URL of the Work API server, for example https://workapi.example.com. */
  url: string;
  /** The user's access token (`wat_...`), as createUser, reauthorizeUser or issueAccessToken returned it. */
  accessToken: string;
  /** The fetch implementation; default the global fetch of Node 20. */
  fetch?: typeof fetch;
}

/**
 * Sends GraphQL requests as one end user, with `Authorization: Bearer wat_...`. Suits the
 * developer's backend acting for a user, or any process that was handed the user's token.
 */
export class WorkApiUserClient {
  private token: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: WorkApiUserClientOptions) {
    this.token = options.accessToken;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** The token the client currently sends. */
  get accessToken(): string {
    return this.token;
  }

  /** Sends one GraphQL operation and returns its `data`; raises WorkApiError when the response has errors. */
  async request<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<TData> {
    const response = await this.fetchImpl(`${this.options.url.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
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
      throw new WorkApiError(
        first?.message ?? `Work API returned HTTP ${response.status} without data.`,
        response.status,
        first?.extensions?.code,
        errors,
        body.data,
      );
    }
    return body.data;
  }

  /** Reads the user the token belongs to. */
  async currentUser(): Promise<EnvironmentUser> {
    const data = await this.request<{ currentUser: EnvironmentUser | null }>(
      'query CurrentUser { currentUser { id environmentId externalId status createdAt deactivatedAt } }',
    );
    if (!data.currentUser) throw new WorkApiError('The server did not accept the token as a user access token.', 200, undefined, [], data);
    return data.currentUser;
  }

  /**
   * Exchanges the token for a new one and sends the new one from then on. The old token
   * keeps working until it expires, so requests already in flight do not fail.
   */
  async refreshAccessToken(options: { expiresInSeconds?: number } = {}): Promise<AccessToken> {
    const data = await this.request<{ refreshAccessToken: { accessToken: AccessToken } }>(
      'mutation RefreshAccessToken($input: RefreshAccessTokenInput) { refreshAccessToken(input: $input) { accessToken { token expiresAt } } }',
      { input: { expiresInSeconds: options.expiresInSeconds ?? null } },
    );
    this.token = data.refreshAccessToken.accessToken.token;
    return data.refreshAccessToken.accessToken;
  }

  /** Revokes the token this client sends, for example when the user signs out. */
  async revokeAccessToken(): Promise<void> {
    await this.request('mutation RevokeAccessToken { revokeAccessToken { revoked } }');
  }
}
