/** The authenticated party of one request, read from its credential. */
export type Auth =
  | { kind: 'anonymous' }
  | { kind: 'developer'; developerId: string; accountId: string; sessionId: string }
  | { kind: 'environment'; environmentId: string; accountId: string; keyId: string }
  | { kind: 'user'; userId: string; environmentId: string; accountId: string; tokenId: string };

export type AuthKind = Auth['kind'];

/** Roles for type-graphql's `@Authorized`: one per credential kind. */
export enum Role {
  Developer = 'developer',
  Environment = 'environment',
  User = 'user',
}

/**
 * Verifies one kind of `Authorization: Bearer` token. Features register a verifier for
 * the tokens they issue; the first whose `accepts` returns true decides.
 */
export interface BearerVerifier {
  accepts(token: string): boolean;
  verify(token: string): Promise<Auth>;
}

export const anonymous: Auth = { kind: 'anonymous' };

export function isMetered(auth: Auth): boolean {
  return auth.kind === 'environment' || auth.kind === 'user';
}
