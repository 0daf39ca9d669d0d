import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, type Auth } from '../auth/auth';
import { Environment } from '../environments/environment.entity';
import type { Context } from '../graphql/context';
import { badUserInput, notFound } from '../graphql/errors';
import type { Services } from '../services';
import { EnvironmentUser } from './environment-user.entity';
import {
  CreateUserInput,
  CreateUserPayload,
  DeactivateUserInput,
  DeactivateUserPayload,
  DeleteUserInput,
  DeleteUserPayload,
  EnvironmentUserConnection,
  IssueAccessTokenInput,
  IssueAccessTokenPayload,
  ReactivateUserInput,
  ReactivateUserPayload,
  ReauthorizeUserInput,
  ReauthorizeUserPayload,
  RefreshAccessTokenInput,
  RefreshAccessTokenPayload,
  RevokeAccessTokenPayload,
} from './inputs/user.inputs';

const environmentIdDescription =
  'Environment to read. Required with a console session; with an environment or user token it may be omitted and must otherwise be that environment.';

@ArgsType()
class UserPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100; 10 when omitted.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge after which the page starts.' })
  after?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only users whose externalId starts with this text (letter case is ignored for ASCII letters).',
  })
  externalIdPrefix?: string | null;
}

@ArgsType()
class UsersArgs extends UserPageArgs {
  @Field(() => ID, { nullable: true, description: environmentIdDescription })
  environmentId?: string | null;
}

async function userConnection(services: Services, environmentId: string, args: UserPageArgs): Promise<EnvironmentUserConnection> {
  const page = await services.users.listUsers(environmentId, args);
  return {
    edges: page.edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.edges[0]?.cursor ?? null,
      endCursor: page.edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Resolves the environment a request acts on. Tokens imply their own environment, and naming
 * another is NOT_FOUND; a console session must name one of its account's environments.
 */
export async function environmentScope(auth: Auth, services: Services, environmentId?: string | null): Promise<string> {
  if (auth.kind === 'environment' || auth.kind === 'user') {
    if (environmentId && environmentId !== auth.environmentId) throw notFound('Environment');
    return auth.environmentId;
  }
  if (auth.kind === 'developer') {
    if (!environmentId) throw badUserInput('environmentId', 'environmentId is required with a console session.');
    await services.environments.requireOwned(auth.accountId, environmentId);
    return environmentId;
  }
  throw notFound('Environment');
}

/** Environment-scoped mutations are reachable only with an environment token (see @Authorized). */
function tokenEnvironmentId(auth: Auth): string {
  if (auth.kind !== 'environment') throw notFound('Environment');
  return auth.environmentId;
}

@Resolver()
export class UsersResolver {
  @Query(() => EnvironmentUser, {
    nullable: true,
    description: 'The end user of the user access token that made the request; null for any other credential or none.',
  })
  async currentUser(@Ctx() { auth, services }: Context): Promise<EnvironmentUser | null> {
    return services.users.currentUser(auth);
  }

  @Authorized(Role.Developer, Role.Environment)
  @Query(() => EnvironmentUserConnection, {
    description: 'Users of an environment, oldest first. Deleted users are not listed.',
  })
  async users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() { auth, services }: Context): Promise<EnvironmentUserConnection> {
    const environmentId = await environmentScope(auth, services, args.environmentId);
    return userConnection(services, environmentId, args);
  }

  @Authorized(Role.Developer, Role.Environment, Role.User)
  @Query(() => EnvironmentUser, {
    description: 'One user of an environment by its externalId. A user access token can read only its own user; any other is NOT_FOUND.',
  })
  async user(
    @Arg('externalId', { description: "The developer's own id for the user." }) externalId: string,
    @Arg('environmentId', () => ID, { nullable: true, description: environmentIdDescription }) environmentId: string | null,
    @Ctx() { auth, services }: Context,
  ): Promise<EnvironmentUser> {
    const scope = await environmentScope(auth, services, environmentId);
    const user = await services.users.requireUser(scope, externalId);
    if (auth.kind === 'user' && user.id !== auth.userId) throw notFound('User');
    return user;
  }

  @Authorized(Role.Environment)
  @Mutation(() => CreateUserPayload, {
    description: 'Creates an end user and its first access token. Requires an environment token; a duplicate externalId is CONFLICT.',
  })
  async createUser(@Arg('input', () => CreateUserInput, { description: 'The user to create.' }) input: CreateUserInput, @Ctx() { auth, services }: Context): Promise<CreateUserPayload> {
    return services.users.createUser(tokenEnvironmentId(auth), input.externalId);
  }

  @Authorized(Role.Environment)
  @Mutation(() => ReauthorizeUserPayload, {
    description:
      'Revokes every access token of an active user and returns a new one; a deactivated user is CONFLICT (reactivate it first). Requires an environment token.',
  })
  async reauthorizeUser(
    @Arg('input', () => ReauthorizeUserInput, { description: 'The user to reauthorize.' }) input: ReauthorizeUserInput,
    @Ctx() { auth, services }: Context,
  ): Promise<ReauthorizeUserPayload> {
    return services.users.reauthorizeUser(tokenEnvironmentId(auth), input.externalId);
  }

  @Authorized(Role.Environment)
  @Mutation(() => IssueAccessTokenPayload, {
    description: 'Issues an additional access token for an active user. Requires an environment token.',
  })
  async issueAccessToken(
    @Arg('input', () => IssueAccessTokenInput, { description: 'The user and the lifetime of the token.' }) input: IssueAccessTokenInput,
    @Ctx() { auth, services }: Context,
  ): Promise<IssueAccessTokenPayload> {
    return services.users.issueAccessToken(tokenEnvironmentId(auth), input.externalId, input.expiresInSeconds);
  }

  @Authorized(Role.Developer, Role.Environment)
  @Mutation(() => DeactivateUserPayload, {
    description: 'Deactivates a user: its access tokens are rejected until reactivateUser. Allowed with an environment token or a console session.',
  })
  async deactivateUser(
    @Arg('input', () => DeactivateUserInput, { description: 'The user to deactivate.' }) input: DeactivateUserInput,
    @Ctx() { auth, services }: Context,
  ): Promise<DeactivateUserPayload> {
    const environmentId = await environmentScope(auth, services, input.environmentId);
    return { user: await services.users.deactivateUser(environmentId, input.externalId) };
  }

  @Authorized(Role.Environment)
  @Mutation(() => ReactivateUserPayload, { description: 'Reactivates a deactivated user. Requires an environment token.' })
  async reactivateUser(
    @Arg('input', () => ReactivateUserInput, { description: 'The user to reactivate.' }) input: ReactivateUserInput,
    @Ctx() { auth, services }: Context,
  ): Promise<ReactivateUserPayload> {
    return { user: await services.users.reactivateUser(tokenEnvironmentId(auth), input.externalId) };
  }

  @Authorized(Role.Environment)
  @Mutation(() => DeleteUserPayload, {
    description: 'Deletes a user, revoking its access tokens and integrations; its usage stays counted. Requires an environment token.',
  })
  async deleteUser(@Arg('input', () => DeleteUserInput, { description: 'The user to delete.' }) input: DeleteUserInput, @Ctx() { auth, services }: Context): Promise<DeleteUserPayload> {
    const user = await services.users.deleteUser(tokenEnvironmentId(auth), input.externalId);
    return { deletedUserId: user.id, externalId: user.externalId };
  }

  @Authorized(Role.User)
  @Mutation(() => RefreshAccessTokenPayload, {
    description: 'Exchanges a valid user access token for a new one. The token that made the request keeps working until it expires.',
  })
  async refreshAccessToken(
    @Arg('input', () => RefreshAccessTokenInput, { nullable: true, description: 'Options for the new token; the defaults apply when omitted.' }) input: RefreshAccessTokenInput | null,
    @Ctx() { auth, services }: Context,
  ): Promise<RefreshAccessTokenPayload> {
    if (auth.kind !== 'user') throw notFound('User');
    const { accessToken } = await services.users.refreshAccessToken(auth.userId, input?.expiresInSeconds);
    return { accessToken };
  }

  @Authorized(Role.User)
  @Mutation(() => RevokeAccessTokenPayload, {
    description: 'Revokes the user access token that made the request, for example when the end user signs out.',
  })
  async revokeAccessToken(@Ctx() { auth, services }: Context): Promise<RevokeAccessTokenPayload> {
    if (auth.kind !== 'user') throw notFound('User');
    await services.users.revokeAccessToken(auth.tokenId);
    return { revoked: true };
  }
}

@Resolver(() => Environment)
export class EnvironmentUsersResolver {
  @Authorized(Role.Developer, Role.Environment)
  @FieldResolver(() => EnvironmentUserConnection, {
    description: 'Users of the environment, oldest first; the same list as the `users` query.',
  })
  async users(
    @Root() environment: Environment,
    @Args(() => UserPageArgs) args: UserPageArgs,
    @Ctx() { auth, services }: Context,
  ): Promise<EnvironmentUserConnection> {
    const visible =
      (auth.kind === 'developer' && auth.accountId === environment.accountId) ||
      (auth.kind === 'environment' && auth.environmentId === environment.id);
    if (!visible) throw notFound('Environment');
    return userConnection(services, environment.id, args);
  }
}
