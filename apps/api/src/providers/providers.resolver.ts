import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/auth';
import { Environment } from '../environments/environment.entity';
import type { Context } from '../graphql/context';
import {
  AddProviderInput,
  AddProviderPayload,
  RemoveProviderInput,
  RemoveProviderPayload,
  UpdateProviderInput,
  UpdateProviderPayload,
} from './inputs/provider.inputs';
import { ProviderCatalogEntry } from './provider-catalog-entry.type';
import { Provider } from './provider.entity';

/** Returns the account id of a console session, whose kind `@Authorized(Role.Developer)` guarantees. */
function accountOf(context: Context): string {
  if (context.auth.kind !== 'developer') throw new Error('developer credential expected');
  return context.auth.accountId;
}

@Resolver(() => Provider)
export class ProvidersResolver {
  @Query(() => [ProviderCatalogEntry], {
    description:
      'Every kind of provider that Work API supports, with its endpoints, default scopes and scope format. Public: readable with any credential or none.',
  })
  providerCatalog(@Ctx() { services }: Context): ProviderCatalogEntry[] {
    return services.providers.catalog.list().map((entry) => ProviderCatalogEntry.from(entry));
  }

  @Authorized(Role.Developer)
  @Mutation(() => AddProviderPayload, {
    description:
      "Adds the developer's OAuth client for one provider kind to an environment. One provider per kind and environment: a second is CONFLICT.",
  })
  async addProvider(@Arg('input', () => AddProviderInput) input: AddProviderInput, @Ctx() context: Context): Promise<AddProviderPayload> {
    return { provider: await context.services.providers.add(accountOf(context), input) };
  }

  @Authorized(Role.Developer)
  @Mutation(() => UpdateProviderPayload, {
    description: 'Changes the client id, client secret or scopes of a provider. Connected integrations keep their tokens.',
  })
  async updateProvider(
    @Arg('input', () => UpdateProviderInput) input: UpdateProviderInput,
    @Ctx() context: Context,
  ): Promise<UpdateProviderPayload> {
    return { provider: await context.services.providers.update(accountOf(context), input) };
  }

  @Authorized(Role.Developer)
  @Mutation(() => RemoveProviderPayload, {
    description:
      'Removes a provider from its environment. When integrations of it are connected, this is CONFLICT (with their count in extensions.connectedIntegrations) unless force is true.',
  })
  removeProvider(@Arg('input', () => RemoveProviderInput) input: RemoveProviderInput, @Ctx() context: Context): Promise<RemoveProviderPayload> {
    return context.services.providers.remove(accountOf(context), input);
  }

  @FieldResolver(() => String, {
    description: 'The callback URL to register at the provider as an authorized redirect URI: <public URL of Work API>/oauth/callback.',
  })
  redirectUri(@Ctx() { services }: Context): string {
    return services.providers.redirectUri;
  }

  @FieldResolver(() => Int, {
    description: 'How many integrations of this kind in the environment are connected; removing the provider disconnects them.',
  })
  connectedIntegrations(@Root() provider: Provider, @Ctx() { loaders }: Context): Promise<number> {
    return loaders.connectedIntegrationsByProvider.load(provider);
  }
}

@Resolver(() => Environment)
export class EnvironmentProvidersResolver {
  @Authorized(Role.Developer, Role.Environment)
  @FieldResolver(() => [Provider], {
    description: 'OAuth clients configured in the environment, oldest first. SANDBOX is always available and is not listed.',
  })
  providers(@Root() environment: Environment, @Ctx() { loaders }: Context): Promise<Provider[]> {
    return loaders.providersByEnvironment.load(environment.id);
  }
}
