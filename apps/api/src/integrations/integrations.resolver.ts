import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role, type Auth } from '../auth/auth';
import type { Context } from '../graphql/context';
import { badUserInput, notFound } from '../graphql/errors';
import { Integration } from './integration.entity';
import {
  ConnectIntegrationInput,
  ConnectIntegrationPayload,
  DisconnectIntegrationInput,
  DisconnectIntegrationPayload,
  IntegrationsArgs,
} from './inputs/integration.inputs';

type UserAuth = Extract<Auth, { kind: 'user' }>;

@Resolver()
export class IntegrationsResolver {
  @Authorized(Role.User)
  @Mutation(() => ConnectIntegrationPayload, {
    description:
      "Starts connecting the current user's account at a provider: creates a PENDING integration, or reuses the user's integration of that kind (one per user and kind, so its id stays the same), and returns the authorization URL.",
  })
  async connectIntegration(
    @Arg('input', () => ConnectIntegrationInput) input: ConnectIntegrationInput,
    @Ctx() { auth, services }: Context,
  ): Promise<ConnectIntegrationPayload> {
    const user = auth as UserAuth;
    return services.integrations.connect(user, input);
  }

  @Authorized(Role.User, Role.Developer)
  @Query(() => [Integration], {
    description:
      "Integrations of one user, oldest first: with a user token the caller's own; with a console session those of the user named by environmentId and userId or externalId.",
  })
  async integrations(@Args(() => IntegrationsArgs) args: IntegrationsArgs, @Ctx() { auth, services }: Context): Promise<Integration[]> {
    if (auth.kind === 'user') return services.integrations.listForUser(auth);
    if (auth.kind !== 'developer') return [];

    if (!args.environmentId) throw badUserInput('environmentId', 'environmentId is required with a console session.');
    await services.environments.requireOwned(auth.accountId, args.environmentId);
    let userId: string;
    if (args.userId) {
      const user = await services.users.findUser(args.userId);
      if (!user || user.environmentId !== args.environmentId) throw notFound('User');
      userId = user.id;
    } else if (args.externalId) {
      userId = (await services.users.requireUser(args.environmentId, args.externalId)).id;
    } else {
      throw badUserInput('userId', 'Give userId or externalId to name the user whose integrations to list.');
    }
    return services.integrations.listForUser({ userId, environmentId: args.environmentId });
  }

  @Authorized(Role.User, Role.Developer)
  @Query(() => Integration, {
    description: "One integration: the caller's own with a user token, or one in the account's environments with a console session.",
  })
  async integration(@Arg('id', () => ID, { description: 'Id of the integration.' }) id: string, @Ctx() { auth, services }: Context) {
    return services.integrations.requireVisible(auth, id);
  }

  @Authorized(Role.User)
  @Mutation(() => DisconnectIntegrationPayload, {
    description:
      "Disconnects one of the current user's integrations: revokes its token at the provider where the provider supports revocation (best effort), deletes the stored tokens and sets DISCONNECTED. connectIntegration connects it again with the same id.",
  })
  async disconnectIntegration(
    @Arg('input', () => DisconnectIntegrationInput) input: DisconnectIntegrationInput,
    @Ctx() { auth, services }: Context,
  ): Promise<DisconnectIntegrationPayload> {
    return { integration: await services.integrations.disconnect(auth, input.id) };
  }
}
