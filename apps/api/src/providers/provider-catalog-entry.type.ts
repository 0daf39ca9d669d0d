import { Field, ObjectType } from 'type-graphql';
import type { CatalogEntry } from './provider-catalog';
import { ProviderKind } from './provider-kind';

@ObjectType({ description: 'A query parameter that Work API adds to every authorization URL of a provider kind.' })
export class AuthorizationParam {
  @Field({ description: 'Parameter name, for example access_type.' })
  name: string;

  @Field({ description: 'Parameter value, for example offline.' })
  value: string;
}

@ObjectType({
  description:
    'A kind of provider that Work API supports, with the endpoints in effect on this server (after WORKAPI_PROVIDER_<KIND>_<ENDPOINT> overrides).',
})
export class ProviderCatalogEntry {
  @Field(() => ProviderKind, { description: 'The kind, as addProvider and connectIntegration take it.' })
  kind: ProviderKind;

  @Field({ description: 'Name to show to people, for example Google Calendar.' })
  displayName: string;

  @Field({ description: 'OAuth authorization endpoint that users are sent to.' })
  authorizationUrl: string;

  @Field({ description: 'OAuth token endpoint that exchanges codes and refreshes tokens.' })
  tokenUrl: string;

  @Field(() => String, { nullable: true, description: 'Token revocation endpoint; null when the provider has none.' })
  revocationUrl: string | null;

  @Field({ description: "Base URL of the provider's data API." })
  apiBaseUrl: string;

  @Field(() => [String], { description: 'Scopes requested when a provider of this kind is added without scopes.' })
  defaultScopes: string[];

  @Field(() => [AuthorizationParam], { description: 'Extra query parameters added to every authorization URL.' })
  extraAuthorizationParams: AuthorizationParam[];

  @Field({ description: "Link to the provider's API documentation." })
  documentationUrl: string;

  @Field({ description: 'False for SANDBOX, which every environment has without addProvider; true for the others.' })
  requiresConfiguration: boolean;

  @Field({ description: 'How the scopes of this kind are spelled; addProvider and updateProvider reject others.' })
  scopeFormat: string;

  static from(entry: CatalogEntry): ProviderCatalogEntry {
    return {
      kind: entry.kind,
      displayName: entry.displayName,
      ...entry.endpoints,
      defaultScopes: [...entry.defaultScopes],
      extraAuthorizationParams: Object.entries(entry.extraAuthorizationParams).map(([name, value]) => ({ name, value })),
      documentationUrl: entry.documentationUrl,
      requiresConfiguration: entry.requiresConfiguration,
      scopeFormat: entry.scopeRule.description,
    };
  }
}
