import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ProviderKind } from '../provider-kind';
import { Provider } from '../provider.entity';

@InputType({ description: "A new provider configuration: the developer's OAuth client at a provider, for one environment." })
export class AddProviderInput {
  @Field(() => ID, { description: 'Environment to add the provider to.' })
  environmentId: string;

  @Field(() => ProviderKind, { description: 'Kind of provider; one per kind and environment. SANDBOX needs no configuration.' })
  kind: ProviderKind;

  @Field({ description: 'OAuth client id issued by the provider, 1 to 255 characters without spaces.' })
  clientId: string;

  @Field({ description: 'OAuth client secret issued by the provider, 8 to 512 characters. Stored encrypted and never returned.' })
  clientSecret: string;

  @Field(() => [String], {
    nullable: true,
    description:
      "Scopes to request, 1 to 50, in the kind's format (see ProviderCatalogEntry.scopeFormat). When omitted, the catalog's default scopes of the kind.",
  })
  scopes?: string[] | null;
}

@ObjectType({ description: 'Result of addProvider.' })
export class AddProviderPayload {
  @Field(() => Provider, { description: 'The provider that was added.' })
  provider: Provider;
}

@InputType({ description: 'Changes to a provider configuration; fields left out or null keep their value.' })
export class UpdateProviderInput {
  @Field(() => ID, { description: 'Provider to change.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New OAuth client id, 1 to 255 characters without spaces.' })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: 'New OAuth client secret, 8 to 512 characters, for example after rotating it at the provider.' })
  clientSecret?: string | null;

  @Field(() => [String], { nullable: true, description: "New scopes, 1 to 50, in the kind's format; they replace the current list." })
  scopes?: string[] | null;
}

@ObjectType({ description: 'Result of updateProvider.' })
export class UpdateProviderPayload {
  @Field(() => Provider, { description: 'The provider after the change.' })
  provider: Provider;
}

@InputType({ description: 'A provider configuration to remove.' })
export class RemoveProviderInput {
  @Field(() => ID, { description: 'Provider to remove.' })
  id: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Must be true when integrations of this provider are connected; they are then marked DISCONNECTED. Default false.',
  })
  force?: boolean | null;
}

@ObjectType({ description: 'Result of removeProvider.' })
export class RemoveProviderPayload {
  @Field(() => ID, { description: 'Id of the provider that was removed.' })
  removedProviderId: string;

  @Field(() => Int, { description: 'How many connected integrations were marked DISCONNECTED.' })
  disconnectedIntegrations: number;
}
