export {
  defaultAudience,
  importEnvironmentKey,
  maxTtlSeconds,
  signEnvironmentToken,
  type EnvironmentKeyAlgorithm,
  type EnvironmentSigningKey,
  type PrivateKeyInput,
  type SignEnvironmentTokenOptions,
} from './environment-token';
export { WorkApiClient, WorkApiError, type Environment, type GraphQLErrorEntry, type WorkApiClientOptions } from './client';
export {
  UsersApi,
  type AccessToken,
  type EnvironmentUser,
  type ListUsersOptions,
  type UserPage,
  type UserWithToken,
} from './users';
export { WorkApiUserClient, type WorkApiUserClientOptions } from './user-client';
