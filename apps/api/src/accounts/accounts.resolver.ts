import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Developer } from './developer.entity';
import { SignInInput, SignInPayload, SignOutPayload, SignUpInput, SignUpPayload } from './inputs/account.inputs';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@Resolver()
export class AccountsResolver {
  @Query(() => Developer, {
    nullable: true,
    description: 'The developer signed in to the console; null for any other credential or none.',
  })
  async viewer(@Ctx() { auth, services }: Context): Promise<Developer | null> {
    if (auth.kind !== 'developer') return null;
    return services.accounts.findDeveloper(auth.developerId);
  }

  @Mutation(() => SignUpPayload, { description: 'Creates a developer account and signs it in (sets the session cookie).' })
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() { services, reply }: Context): Promise<SignUpPayload> {
    const session = await services.accounts.signUp(input);
    setSessionCookie(reply, services.config, session.sessionToken, session.expiresAt);
    return { developer: session.developer };
  }

  @Mutation(() => SignInPayload, {
    description: 'Signs a developer in with email and password (sets the session cookie). Failed attempts are limited per email and per client address.',
  })
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() { services, reply, request }: Context): Promise<SignInPayload> {
    const session = await services.accounts.signIn(input, request.ip);
    setSessionCookie(reply, services.config, session.sessionToken, session.expiresAt);
    return { developer: session.developer };
  }

  @Mutation(() => SignOutPayload, { description: 'Revokes the current console session on the server and clears its cookie.' })
  async signOut(@Ctx() { auth, services, reply }: Context): Promise<SignOutPayload> {
    if (auth.kind !== 'developer') return { signedOut: false };
    await services.accounts.signOut(auth.sessionId);
    clearSessionCookie(reply, services.config);
    return { signedOut: true };
  }
}
