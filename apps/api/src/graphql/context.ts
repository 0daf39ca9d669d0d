import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../auth/auth';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** What every resolver receives: who is calling, the request's logger and the services. */
export interface Context {
  requestId: string;
  log: FastifyBaseLogger;
  auth: Auth;
  request: FastifyRequest;
  reply: FastifyReply;
  services: Services;
  /** DataLoaders created for this request only. */
  loaders: Loaders;
}
