import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/auth';
import type { Context } from '../graphql/context';
import { EnvironmentKey, EnvironmentKeyStatus } from './environment-key.entity';
import { environmentKeysLoader } from './environment-keys.loader';
import { Environment, EnvironmentStatus } from './environment.entity';
import {
  CreateEnvironmentInput,
  CreateEnvironmentPayload,
  DeactivateEnvironmentInput,
  DeactivateEnvironmentPayload,
  DeleteEnvironmentInput,
  DeleteEnvironmentPayload,
  ReactivateEnvironmentInput,
  ReactivateEnvironmentPayload,
  RenameEnvironmentInput,
  RenameEnvironmentPayload,
  RevokeEnvironmentKeyInput,
  RevokeEnvironmentKeyPayload,
  RotateEnvironmentKeyInput,
  RotateEnvironmentKeyPayload,
  UpdateEnvironmentInput,
  UpdateEnvironmentPayload,
} from './inputs/environment.inputs';

/** Returns the account id of the console session. `@Authorized(Role.Developer)` ensures there is one. */
function accountOf(context: Context): string {
  if (context.auth.kind !== 'developer') throw new Error('developer credential expected');
  return context.auth.accountId;
}

@Resolver(() => Environment)
export class EnvironmentsResolver {
  @Authorized(Role.Developer)
  @Query(() => [Environment], { description: "The account's environments, oldest first (deleted ones are left out)." })
  environments(@Ctx() context: Context): Promise<Environment[]> {
    return context.services.environments.list(accountOf(context));
  }

  @Authorized(Role.Developer, Role.Environment)
  @Query(() => Environment, {
    description:
      "One environment by id. A console session reads the account's environments; an environment token only its own. Anything else is NOT_FOUND.",
  })
  environment(@Arg('id', () => ID, { description: 'Id of the environment.' }) id: string, @Ctx() context: Context): Promise<Environment> {
    return context.services.environments.requireVisible(context.auth, id);
  }

  @Query(() => Environment, {
    nullable: true,
    description: 'The environment whose token signed this request; null for any other credential or none.',
  })
  currentEnvironment(@Ctx() { auth, services }: Context): Promise<Environment | null> | null {
    if (auth.kind !== 'environment') return null;
    return services.environments.findById(auth.environmentId);
  }

  @Authorized(Role.Developer)
  @Mutation(() => CreateEnvironmentPayload, {
    description:
      'Creates an environment with its first key. Without publicKey the server generates an ES256 pair and returns the private key once; it is not kept anywhere.',
  })
  async createEnvironment(
    @Arg('input', () => CreateEnvironmentInput) input: CreateEnvironmentInput,
    @Ctx() context: Context,
  ): Promise<CreateEnvironmentPayload> {
    return context.services.environments.create(accountOf(context), input);
  }

  @Authorized(Role.Developer)
  @Mutation(() => RenameEnvironmentPayload, { description: 'Renames an environment.' })
  async renameEnvironment(
    @Arg('input', () => RenameEnvironmentInput) input: RenameEnvironmentInput,
    @Ctx() context: Context,
  ): Promise<RenameEnvironmentPayload> {
    return { environment: await context.services.environments.rename(accountOf(context), input.id, input.name) };
  }

  @Authorized(Role.Developer)
  @Mutation(() => UpdateEnvironmentPayload, { description: 'Changes the settings of an environment (its allowed return URLs).' })
  async updateEnvironment(
    @Arg('input', () => UpdateEnvironmentInput) input: UpdateEnvironmentInput,
    @Ctx() context: Context,
  ): Promise<UpdateEnvironmentPayload> {
    const accountId = accountOf(context);
    const environments = context.services.environments;
    if (input.allowedReturnUrls === undefined || input.allowedReturnUrls === null) {
      return { environment: await environments.requireOwned(accountId, input.id) };
    }
    return { environment: await environments.updateReturnUrls(accountId, input.id, input.allowedReturnUrls) };
  }

  @Authorized(Role.Developer)
  @Mutation(() => DeactivateEnvironmentPayload, {
    description: 'Deactivates an environment: its tokens, and the access tokens of its users, are rejected until it is reactivated.',
  })
  async deactivateEnvironment(
    @Arg('input', () => DeactivateEnvironmentInput) input: DeactivateEnvironmentInput,
    @Ctx() context: Context,
  ): Promise<DeactivateEnvironmentPayload> {
    const environment = await context.services.environments.setStatus(accountOf(context), input.id, EnvironmentStatus.DEACTIVATED);
    return { environment };
  }

  @Authorized(Role.Developer)
  @Mutation(() => ReactivateEnvironmentPayload, { description: 'Reactivates a deactivated environment.' })
  async reactivateEnvironment(
    @Arg('input', () => ReactivateEnvironmentInput) input: ReactivateEnvironmentInput,
    @Ctx() context: Context,
  ): Promise<ReactivateEnvironmentPayload> {
    const environment = await context.services.environments.setStatus(accountOf(context), input.id, EnvironmentStatus.ACTIVE);
    return { environment };
  }

  @Authorized(Role.Developer)
  @Mutation(() => DeleteEnvironmentPayload, {
    description:
      'Deletes an environment after its name is typed back: revokes its keys, so its tokens stop working. Its usage records are kept for billing.',
  })
  async deleteEnvironment(
    @Arg('input', () => DeleteEnvironmentInput) input: DeleteEnvironmentInput,
    @Ctx() context: Context,
  ): Promise<DeleteEnvironmentPayload> {
    const environment = await context.services.environments.delete(accountOf(context), input.id, input.confirmName);
    return { deletedEnvironmentId: environment.id };
  }

  @Authorized(Role.Developer)
  @Mutation(() => RotateEnvironmentKeyPayload, {
    description:
      'Adds a key to an environment. The keys that were current keep working until the end of the grace period or until revoked. Without publicKey the server generates an ES256 pair and returns the private key once.',
  })
  async rotateEnvironmentKey(
    @Arg('input', () => RotateEnvironmentKeyInput) input: RotateEnvironmentKeyInput,
    @Ctx() context: Context,
  ): Promise<RotateEnvironmentKeyPayload> {
    const accountId = accountOf(context);
    const added = await context.services.environmentKeys.rotate(accountId, input.environmentId, input.publicKey);
    const environment = await context.services.environments.requireOwned(accountId, input.environmentId);
    return { environment, ...added };
  }

  @Authorized(Role.Developer)
  @Mutation(() => RevokeEnvironmentKeyPayload, {
    description: 'Revokes a key of an environment: tokens signed with it are rejected from the next request on.',
  })
  async revokeEnvironmentKey(
    @Arg('input', () => RevokeEnvironmentKeyInput) input: RevokeEnvironmentKeyInput,
    @Ctx() context: Context,
  ): Promise<RevokeEnvironmentKeyPayload> {
    return { key: await context.services.environmentKeys.revoke(accountOf(context), input.environmentId, input.kid) };
  }

  @FieldResolver(() => [EnvironmentKey], {
    description: 'Every key of the environment, including revoked and expired ones, newest first.',
  })
  keys(@Root() environment: Environment, @Ctx() context: Context): Promise<EnvironmentKey[]> {
    return environmentKeysLoader(context).load(environment.id);
  }
}

@Resolver(() => EnvironmentKey)
export class EnvironmentKeyResolver {
  @FieldResolver(() => EnvironmentKeyStatus, { description: 'Whether tokens signed with this key are accepted now.' })
  status(@Root() key: EnvironmentKey): EnvironmentKeyStatus {
    return key.statusAt(new Date());
  }

  @FieldResolver(() => String, { description: 'The public key as a JWK (JSON text) with `kid`, `alg` and `use`.' })
  publicJwk(@Root() key: EnvironmentKey): string {
    return JSON.stringify(key.publicJwk);
  }
}
