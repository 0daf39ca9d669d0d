import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { EnvironmentKey } from '../environment-key.entity';
import { Environment } from '../environment.entity';

const publicKeyDescription =
  'Public key made by the caller, as SPKI PEM ("-----BEGIN PUBLIC KEY-----") or as a JWK in JSON text: ES256 (P-256), EdDSA (Ed25519) or RS256 (RSA of at least 2048 bits). When omitted, the server generates an ES256 pair and returns the private key once.';

@InputType({ description: 'A new environment.' })
export class CreateEnvironmentInput {
  @Field({ description: 'Name of 1 to 64 characters, unique within the account (ignoring case); trimmed.' })
  name: string;

  @Field(() => String, { nullable: true, description: publicKeyDescription })
  publicKey?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Absolute http or https URLs (at most 20, no fragment) to which integrations may send users back. Default: none.',
  })
  allowedReturnUrls?: string[] | null;
}

@ObjectType({ description: 'Result of createEnvironment.' })
export class CreateEnvironmentPayload {
  @Field(() => Environment, { description: 'The environment that was created.' })
  environment: Environment;

  @Field(() => EnvironmentKey, { description: 'The first key of the environment.' })
  key: EnvironmentKey;

  @Field(() => String, {
    nullable: true,
    description:
      'The private key as PKCS#8 PEM when the server generated the pair; null when publicKey was given. It is shown only in this response: Work API does not keep it.',
  })
  privateKey: string | null;
}

@InputType({ description: 'A new name for an environment.' })
export class RenameEnvironmentInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  id: string;

  @Field({ description: 'New name of 1 to 64 characters, unique within the account (ignoring case); trimmed.' })
  name: string;
}

@ObjectType({ description: 'Result of renameEnvironment.' })
export class RenameEnvironmentPayload {
  @Field(() => Environment, { description: 'The renamed environment.' })
  environment: Environment;
}

@InputType({ description: 'Changes to the settings of an environment; omitted fields stay as they are.' })
export class UpdateEnvironmentInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  id: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Replaces the allowed return URLs: absolute http or https URLs, at most 20, no fragment.',
  })
  allowedReturnUrls?: string[] | null;
}

@ObjectType({ description: 'Result of updateEnvironment.' })
export class UpdateEnvironmentPayload {
  @Field(() => Environment, { description: 'The updated environment.' })
  environment: Environment;
}

@InputType({ description: 'Names an environment to deactivate.' })
export class DeactivateEnvironmentInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  id: string;
}

@ObjectType({ description: 'Result of deactivateEnvironment.' })
export class DeactivateEnvironmentPayload {
  @Field(() => Environment, { description: 'The environment, now DEACTIVATED.' })
  environment: Environment;
}

@InputType({ description: 'Names an environment to reactivate.' })
export class ReactivateEnvironmentInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  id: string;
}

@ObjectType({ description: 'Result of reactivateEnvironment.' })
export class ReactivateEnvironmentPayload {
  @Field(() => Environment, { description: 'The environment, now ACTIVE.' })
  environment: Environment;
}

@InputType({ description: 'Deletes an environment; its name must be typed back as confirmation.' })
export class DeleteEnvironmentInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  id: string;

  @Field({ description: 'The exact name of the environment, as confirmation.' })
  confirmName: string;
}

@ObjectType({ description: 'Result of deleteEnvironment.' })
export class DeleteEnvironmentPayload {
  @Field(() => ID, { description: 'Id of the deleted environment.' })
  deletedEnvironmentId: string;
}

@InputType({ description: 'Adds a key to an environment; the keys that were current enter their grace period.' })
export class RotateEnvironmentKeyInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  environmentId: string;

  @Field(() => String, { nullable: true, description: publicKeyDescription })
  publicKey?: string | null;
}

@ObjectType({ description: 'Result of rotateEnvironmentKey.' })
export class RotateEnvironmentKeyPayload {
  @Field(() => Environment, { description: 'The environment, with all its keys.' })
  environment: Environment;

  @Field(() => EnvironmentKey, { description: 'The key that was added.' })
  key: EnvironmentKey;

  @Field(() => String, {
    nullable: true,
    description:
      'The new private key as PKCS#8 PEM when the server generated the pair; null when publicKey was given. It is shown only in this response.',
  })
  privateKey: string | null;
}

@InputType({ description: 'Revokes one key of an environment.' })
export class RevokeEnvironmentKeyInput {
  @Field(() => ID, { description: 'Id of the environment.' })
  environmentId: string;

  @Field({ description: 'The `kid` of the key to revoke.' })
  kid: string;
}

@ObjectType({ description: 'Result of revokeEnvironmentKey.' })
export class RevokeEnvironmentKeyPayload {
  @Field(() => EnvironmentKey, { description: 'The revoked key.' })
  key: EnvironmentKey;
}
