import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services';
import type { EnvironmentKey } from './environment-key.entity';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Seconds that clients may cache the keys, so a revoked key can stay in a client's copy this long. */
const cacheSeconds = 60;

function sendNotFound(reply: FastifyReply, resource: string): FastifyReply {
  return reply.code(404).header('cache-control', 'no-store').send({ error: 'Not Found', message: `${resource} not found.` });
}

/**
 * Serves the public keys of an environment without authentication: the newest active key
 * as SPKI PEM, and every active key as a JWKS (RFC 7517). A deleted or unknown
 * environment is 404; a deactivated one still serves its keys, since they are public.
 */
export function registerEnvironmentKeyRoutes(server: FastifyInstance, services: Services): void {
  const activeKeysOf = async (environmentId: string): Promise<EnvironmentKey[] | null> => {
    if (!uuidPattern.test(environmentId)) return null;
    const environment = await services.environments.findById(environmentId.toLowerCase());
    if (!environment) return null;
    return services.environmentKeys.activeKeys(environment.id);
  };

  server.get<{ Params: { id: string } }>('/environments/:id/public-key.pem', async (request, reply) => {
    const keys = await activeKeysOf(request.params.id);
    if (keys === null) return sendNotFound(reply, 'Environment');
    if (keys.length === 0) return sendNotFound(reply, 'Active key');
    return reply
      .header('content-type', 'application/x-pem-file; charset=utf-8')
      .header('cache-control', `public, max-age=${cacheSeconds}`)
      .header('x-key-id', keys[0].kid)
      .send(keys[0].publicKeyPem);
  });

  server.get<{ Params: { id: string } }>('/environments/:id/jwks.json', async (request, reply) => {
    const keys = await activeKeysOf(request.params.id);
    if (keys === null) return sendNotFound(reply, 'Environment');
    return reply
      .header('content-type', 'application/jwk-set+json; charset=utf-8')
      .header('cache-control', `public, max-age=${cacheSeconds}`)
      .send(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
  });
}
