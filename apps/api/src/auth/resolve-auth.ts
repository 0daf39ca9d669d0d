import type { FastifyRequest } from 'fastify';
import { sessionCookieName } from '../accounts/session-cookie';
import { unauthenticated } from '../graphql/errors';
import type { Services } from '../services';
import { anonymous, type Auth } from './auth';

/**
 * Reads the request's credential. A request with an Authorization header is authenticated
 * by that header alone and its cookies are ignored, so a token sent from inside the console
 * is metered like any other.
 */
export async function resolveAuth(request: FastifyRequest, services: Services): Promise<Auth> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must have the form "Bearer <token>".');
    const token = match[1];
    const verifier = services.bearerVerifiers.find((candidate) => candidate.accepts(token));
    if (!verifier) {
      throw unauthenticated(
        'The bearer token is neither an environment token (a signed JWT) nor a user access token (wat_...).',
      );
    }
    return verifier.verify(token);
  }

  const sessionToken = request.cookies[sessionCookieName];
  if (sessionToken) return services.accounts.authenticateSession(sessionToken);
  return anonymous;
}
