import type { WorkApiClient } from './client';

/** An end user of the developer's application, in one environment. */
export interface EnvironmentUser {
  id: string;
  environmentId: string;
  /** The developer's own id for the user. */
  externalId: string;
  status: 'ACTIVE' | 'DEACTIVATED';
  createdAt: string;
  deactivatedAt: string | null;
}

/** A user access token (`wat_...`); the server shows it only once. */
export interface AccessToken {
  token: string;
  expiresAt: string;
}

export interface UserWithToken {
  user: EnvironmentUser;
  accessToken: AccessToken;
}

export interface ListUsersOptions {
  /** Page size, 1 to 100; default 10. */
  first?: number;
  /** `endCursor` of the previous page. */
  after?: string;
  /** Only users whose externalId starts with this text. */
  externalIdPrefix?: string;
}

export interface UserPage {
  users: EnvironmentUser[];
  /** Users that match the filter, over all pages. */
  totalCount: number;
  hasNextPage: boolean;
  /** Pass as `after` to read the next page; null for an empty page. */
  endCursor: string | null;
}

const userFields = 'id environmentId externalId status createdAt deactivatedAt';
const tokenFields = 'accessToken { token expiresAt }';

/**
 * End-user operations that need the environment's private key: the client signs each
 * request with it. Create one per WorkApiClient: `new UsersApi(client)`.
 */
export class UsersApi {
  constructor(private readonly client: Pick<WorkApiClient, 'request'>) {}

  /** Creates a user and returns it with its first access token; a duplicate externalId raises WorkApiError with code CONFLICT. */
  async createUser(externalId: string): Promise<UserWithToken> {
    const data = await this.client.request<{ createUser: UserWithToken }>(
      `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { ${userFields} } ${tokenFields} } }`,
      { input: { externalId } },
    );
    return data.createUser;
  }

  /** Revokes every access token of the user and returns the only valid one from now on. */
  async reauthorizeUser(externalId: string): Promise<UserWithToken> {
    const data = await this.client.request<{ reauthorizeUser: UserWithToken }>(
      `mutation ReauthorizeUser($input: ReauthorizeUserInput!) { reauthorizeUser(input: $input) { user { ${userFields} } ${tokenFields} } }`,
      { input: { externalId } },
    );
    return data.reauthorizeUser;
  }

  /** Issues an additional access token; `expiresInSeconds` defaults to the server's setting (28 days). */
  async issueAccessToken(externalId: string, options: { expiresInSeconds?: number } = {}): Promise<UserWithToken> {
    const data = await this.client.request<{ issueAccessToken: UserWithToken }>(
      `mutation IssueAccessToken($input: IssueAccessTokenInput!) { issueAccessToken(input: $input) { user { ${userFields} } ${tokenFields} } }`,
      { input: { externalId, expiresInSeconds: options.expiresInSeconds ?? null } },
    );
    return data.issueAccessToken;
  }

  async deactivateUser(externalId: string): Promise<EnvironmentUser> {
    const data = await this.client.request<{ deactivateUser: { user: EnvironmentUser } }>(
      `mutation DeactivateUser($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { ${userFields} } } }`,
      { input: { externalId } },
    );
    return data.deactivateUser.user;
  }

  async reactivateUser(externalId: string): Promise<EnvironmentUser> {
    const data = await this.client.request<{ reactivateUser: { user: EnvironmentUser } }>(
      `mutation ReactivateUser($input: ReactivateUserInput!) { reactivateUser(input: $input) { user { ${userFields} } } }`,
      { input: { externalId } },
    );
    return data.reactivateUser.user;
  }

  /** Deletes the user and revokes its tokens and integrations; returns the deleted user's id. */
  async deleteUser(externalId: string): Promise<string> {
    const data = await this.client.request<{ deleteUser: { deletedUserId: string } }>(
      `mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }`,
      { input: { externalId } },
    );
    return data.deleteUser.deletedUserId;
  }

  /** Reads one user; an unknown externalId raises WorkApiError with code NOT_FOUND. */
  async getUser(externalId: string): Promise<EnvironmentUser> {
    const data = await this.client.request<{ user: EnvironmentUser }>(
      `query User($externalId: String!) { user(externalId: $externalId) { ${userFields} } }`,
      { externalId },
    );
    return data.user;
  }

  /** Reads one page of the environment's users, oldest first. */
  async listUsers(options: ListUsersOptions = {}): Promise<UserPage> {
    const data = await this.client.request<{
      users: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: EnvironmentUser }> };
    }>(
      `query Users($first: Int, $after: String, $externalIdPrefix: String) {
        users(first: $first, after: $after, externalIdPrefix: $externalIdPrefix) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { ${userFields} } }
        }
      }`,
      { first: options.first ?? null, after: options.after ?? null, externalIdPrefix: options.externalIdPrefix ?? null },
    );
    const { users } = data;
    return {
      users: users.edges.map((edge) => edge.node),
      totalCount: users.totalCount,
      hasNextPage: users.pageInfo.hasNextPage,
      endCursor: users.pageInfo.endCursor,
    };
  }

  /** Yields every user that matches, reading pages of `first` (default 100) as needed. */
  async *iterateUsers(options: Omit<ListUsersOptions, 'after'> = {}): AsyncGenerator<EnvironmentUser> {
    let after: string | undefined;
    for (;;) {
      const page = await this.listUsers({ first: options.first ?? 100, externalIdPrefix: options.externalIdPrefix, after });
      yield* page.users;
      if (!page.hasNextPage || page.endCursor === null) return;
      after = page.endCursor;
    }
  }
}
