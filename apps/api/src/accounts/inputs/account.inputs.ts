import { Field, InputType, ObjectType } from 'type-graphql';
import { Developer } from '../developer.entity';

@InputType({ description: 'A new developer account.' })
export class SignUpInput {
  @Field({ description: 'Email address used to sign in; stored trimmed and lower-cased.' })
  email: string;

  @Field({ description: 'Password of 12 to 128 characters.' })
  password: string;

  @Field({ description: 'Display name of 1 to 100 characters.' })
  name: string;
}

@ObjectType({ description: 'Result of signUp: the new developer, now signed in.' })
export class SignUpPayload {
  @Field(() => Developer, { description: 'The developer that was created.' })
  developer: Developer;
}

@InputType({ description: 'Credentials of an existing developer.' })
export class SignInInput {
  @Field({ description: 'Email address of the account.' })
  email: string;

  @Field({ description: 'Password of the account.' })
  password: string;
}

@ObjectType({ description: 'Result of signIn: the developer, now signed in.' })
export class SignInPayload {
  @Field(() => Developer, { description: 'The developer that signed in.' })
  developer: Developer;
}

@ObjectType({ description: 'Result of signOut.' })
export class SignOutPayload {
  @Field({ description: 'True when a session was revoked; false when the request had none.' })
  signedOut: boolean;
}
