import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AccountsResolver } from '../accounts/accounts.resolver';
import { authChecker } from '../auth/auth-checker';
import { EnvironmentUsersResolver, UsersResolver } from '../users/users.resolver';
import { EnvironmentKeyResolver, EnvironmentsResolver } from '../environments/environments.resolver';
import { EnvironmentProvidersResolver, ProvidersResolver } from '../providers/providers.resolver';

/** Every resolver class; a feature adds its own here. */
export const resolvers: NonEmptyArray<Function> = [AccountsResolver, UsersResolver, EnvironmentUsersResolver, EnvironmentsResolver, EnvironmentKeyResolver, ProvidersResolver, EnvironmentProvidersResolver];

export function buildWorkApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: false,
  });
}
