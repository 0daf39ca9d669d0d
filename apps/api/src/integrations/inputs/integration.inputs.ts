import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ProviderKind } from '../../providers/provider-kind';
import { Integration } from '../integration.entity';

@InputType({ description: 'Which provider account the current user connects, and where the user returns afterwards.' })
export class ConnectIntegrationInput {
  @Field(() => ProviderKind, { description: 'The provider kind to connect; the environment must have it configured (SANDBOX always is).' })
  provider: ProviderKind;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the callback sends the user afterwards, with `integrationId`, `status` and on failure `error` and `error_description` as query parameters. Must be one of the environment's allowedReturnUrls; without it the flow ends on a Work API page.",
  })
  returnTo?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Scopes to request, a subset of the environment's scopes for this provider; all of them when omitted.",
  })
  scopes?: string[] | null;
}

@ObjectType({ description: 'Result of connectIntegration: the integration and the URL that starts the consent step.' })
export class ConnectIntegrationPayload {
  @Field(() => Integration, { description: 'The new PENDING integration, or the existing one of this kind with the same id.' })
  integration: Integration;

  @Field({
    description:
      "The provider's authorization URL, with a single-use `state` that expires after 10 minutes and a PKCE S256 challenge. Open it in the user's browser.",
  })
  authorizationUrl: string;
}

@InputType({ description: 'The integration to disconnect.' })
export class DisconnectIntegrationInput {
  @Field(() => ID, { description: 'Id of the integration.' })
  id: string;
}

@ObjectType({ description: 'Result of disconnectIntegration.' })
export class DisconnectIntegrationPayload {
  @Field(() => Integration, { description: 'The integration, now DISCONNECTED and without stored tokens.' })
  integration: Integration;
}

@ArgsType()
export class IntegrationsArgs {
  @Field(() => ID, { nullable: true, description: 'Environment of the user. Required with a console session; ignored with a user token.' })
  environmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Work API id of the user. With a console session, give this or externalId.' })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: "The developer's own id of the user. With a console session, give this or userId." })
  externalId?: string | null;
}
