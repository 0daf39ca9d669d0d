import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../graphql/errors';
import type { Context } from '../graphql/context';
import { Role } from './auth';

const credentialNames: Record<Role, string> = {
  [Role.Developer]: 'a console session (sign in first)',
  [Role.Environment]: "an environment token signed with the environment's private key",
  [Role.User]: 'a user access token (wat_...)',
};

function describe(roles: string[]): string {
  return roles.map((role) => credentialNames[role as Role] ?? role).join(' or ');
}

/**
 * Lets a field run when the request's credential kind is one of the field's roles. A
 * request without a credential is UNAUTHENTICATED; one with a credential of another kind
 * is FORBIDDEN, so a console session can never reach the environment's user-minting
 * mutations.
 */
export const authChecker: AuthChecker<Context> = ({ context, info }, roles) => {
  const kind = context.auth.kind;
  if (roles.includes(kind)) return true;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (kind === 'anonymous') throw unauthenticated(`${field} requires ${describe(roles)}.`);
  throw forbidden(`${field} requires ${describe(roles)}; this request was made with another kind of credential.`);
};
