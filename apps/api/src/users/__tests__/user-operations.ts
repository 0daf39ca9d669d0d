import type { EnvironmentTestClient } from '../../../test/environment-factory';

export const userFields = 'id environmentId externalId status createdAt deactivatedAt';

export const createUserMutation = `mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) { user { ${userFields} } accessToken { token expiresAt } }
}`;
export const reauthorizeUserMutation = `mutation ReauthorizeUser($input: ReauthorizeUserInput!) {
  reauthorizeUser(input: $input) { user { ${userFields} } accessToken { token expiresAt } }
}`;
export const issueAccessTokenMutation = `mutation IssueAccessToken($input: IssueAccessTokenInput!) {
  issueAccessToken(input: $input) { user { id } accessToken { token expiresAt } }
}`;
export const deactivateUserMutation = `mutation DeactivateUser($input: DeactivateUserInput!) {
  deactivateUser(input: $input) { user { ${userFields} } }
}`;
export const reactivateUserMutation = `mutation ReactivateUser($input: ReactivateUserInput!) {
  reactivateUser(input: $input) { user { ${userFields} } }
}`;
export const deleteUserMutation = `mutation DeleteUser($input: DeleteUserInput!) {
  deleteUser(input: $input) { deletedUserId externalId }
}`;
export const refreshAccessTokenMutation = `mutation RefreshAccessToken($input: RefreshAccessTokenInput) {
  refreshAccessToken(input: $input) { accessToken { token expiresAt } }
}`;
export const revokeAccessTokenMutation = `mutation RevokeAccessToken { revokeAccessToken { revoked } }`;
export const currentUserQuery = `query CurrentUser { currentUser { ${userFields} } }`;
export const userQuery = `query User($externalId: String!, $environmentId: ID) {
  user(externalId: $externalId, environmentId: $environmentId) { ${userFields} }
}`;
export const usersQuery = `query Users($environmentId: ID, $first: Int, $after: String, $externalIdPrefix: String) {
  users(environmentId: $environmentId, first: $first, after: $after, externalIdPrefix: $externalIdPrefix) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${userFields} } }
  }
}`;

export interface CreatedUser {
  user: { id: string; environmentId: string; externalId: string; status: string };
  accessToken: { token: string; expiresAt: string };
}

/** Creates a user through the environment token client and returns it with its first token. */
export async function createTestUser(client: EnvironmentTestClient, externalId: string): Promise<CreatedUser> {
  const data = await client.ok<{ createUser: CreatedUser }>(createUserMutation, { input: { externalId } });
  return data.createUser;
}
