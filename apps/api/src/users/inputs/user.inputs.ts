import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { EnvironmentUser } from '../environment-user.entity';

const externalIdDescription =
  "The developer's own id for the user: 1 to 255 characters, matched exactly. createUser rejects control characters (NUL, tabs, line breaks).";
const environmentIdDescription =
  'Environment of the user. Required with a console session; with an environment token it may be omitted and must otherwise be that environment.';
const expiresInDescription =
  'Lifetime of the token in seconds, from 60 to the configured maximum (WORKAPI_USER_TOKEN_MAX_TTL_SECONDS, 90 days by default). Default: WORKAPI_USER_TOKEN_TTL_SECONDS, 28 days.';

@ObjectType({ description: 'A user access token (wat_...). The token is shown only in this response; Work API keeps only its hash.' })
export class AccessToken {
  @Field({ description: 'The bearer token to send as `Authorization: Bearer <token>`. Store it like a password.' })
  token: string;

  @Field({ description: 'When the token stops working (UTC).' })
  expiresAt: Date;
}

@InputType({ description: 'A new end user.' })
export class CreateUserInput {
  @Field({ description: externalIdDescription })
  externalId: string;
}

@ObjectType({ description: 'Result of createUser: the user and its first access token.' })
export class CreateUserPayload {
  @Field(() => EnvironmentUser, { description: 'The user that was created.' })
  user: EnvironmentUser;

  @Field(() => AccessToken, { description: 'The first access token of the user.' })
  accessToken: AccessToken;
}

@InputType({ description: 'The user whose access tokens are all revoked and replaced by one new token.' })
export class ReauthorizeUserInput {
  @Field({ description: externalIdDescription })
  externalId: string;
}

@ObjectType({ description: 'Result of reauthorizeUser: every earlier token of the user is revoked.' })
export class ReauthorizeUserPayload {
  @Field(() => EnvironmentUser, { description: 'The user that was reauthorized.' })
  user: EnvironmentUser;

  @Field(() => AccessToken, { description: 'The only valid access token of the user from now on.' })
  accessToken: AccessToken;
}

@InputType({ description: 'An additional access token for an active user.' })
export class IssueAccessTokenInput {
  @Field({ description: externalIdDescription })
  externalId: string;

  @Field(() => Int, { nullable: true, description: expiresInDescription })
  expiresInSeconds?: number | null;
}

@ObjectType({ description: 'Result of issueAccessToken.' })
export class IssueAccessTokenPayload {
  @Field(() => EnvironmentUser, { description: 'The user the token acts as.' })
  user: EnvironmentUser;

  @Field(() => AccessToken, { description: 'The new access token; earlier tokens stay valid.' })
  accessToken: AccessToken;
}

@InputType({ description: 'Options for exchanging the current access token for a fresh one.' })
export class RefreshAccessTokenInput {
  @Field(() => Int, { nullable: true, description: expiresInDescription })
  expiresInSeconds?: number | null;
}

@ObjectType({ description: 'Result of refreshAccessToken. The token that made the request keeps working until it expires.' })
export class RefreshAccessTokenPayload {
  @Field(() => AccessToken, { description: 'The new access token.' })
  accessToken: AccessToken;
}

@ObjectType({ description: 'Result of revokeAccessToken.' })
export class RevokeAccessTokenPayload {
  @Field({ description: 'True: the token that made the request no longer works.' })
  revoked: boolean;
}

@InputType({ description: 'The user to deactivate.' })
export class DeactivateUserInput {
  @Field(() => ID, { nullable: true, description: environmentIdDescription })
  environmentId?: string | null;

  @Field({ description: externalIdDescription })
  externalId: string;
}

@ObjectType({ description: 'Result of deactivateUser: every access token of the user is rejected until reactivateUser.' })
export class DeactivateUserPayload {
  @Field(() => EnvironmentUser, { description: 'The deactivated user.' })
  user: EnvironmentUser;
}

@InputType({ description: 'The user to reactivate.' })
export class ReactivateUserInput {
  @Field({ description: externalIdDescription })
  externalId: string;
}

@ObjectType({ description: 'Result of reactivateUser: the access tokens of the user that have not expired or been revoked work again.' })
export class ReactivateUserPayload {
  @Field(() => EnvironmentUser, { description: 'The reactivated user.' })
  user: EnvironmentUser;
}

@InputType({ description: 'The user to delete.' })
export class DeleteUserInput {
  @Field({ description: externalIdDescription })
  externalId: string;
}

@ObjectType({
  description:
    'Result of deleteUser: the user and its tokens and integrations are revoked, its usage stays counted, and its externalId can be used for a new user.',
})
export class DeleteUserPayload {
  @Field(() => ID, { description: 'Id of the deleted user.' })
  deletedUserId: string;

  @Field({ description: 'The externalId the deleted user had.' })
  externalId: string;
}

@ObjectType({ description: 'One user in a page of users.' })
export class EnvironmentUserEdge {
  @Field({ description: 'Pass as `after` to read the users that follow this one.' })
  cursor: string;

  @Field(() => EnvironmentUser, { description: 'The user.' })
  node: EnvironmentUser;
}

@ObjectType({ description: 'A page of the users of an environment, oldest first.' })
export class EnvironmentUserConnection {
  @Field(() => [EnvironmentUserEdge], { description: 'The users of this page.' })
  edges: EnvironmentUserEdge[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Number of users that match the filter, over all pages.' })
  totalCount: number;
}
