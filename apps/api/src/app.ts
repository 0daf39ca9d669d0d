import 'reflect-metadata';
import fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { resolveAuth } from './auth/resolve-auth';
import type { Config } from './config/config';
import { openDatabase, type DataSourceHooks } from './db/data-source';
import type { Context } from './graphql/context';
import { createLoaders } from './graphql/loaders';
import { AppError, httpStatusByCode } from './graphql/errors';
import { formatError, internalErrorMessage } from './graphql/format-error';
import { responsePlugin } from './graphql/response-plugin';
import { meteringPlugin } from './metering/metering.plugin';
import { buildWorkApiSchema } from './graphql/schema';
import { registerHealthRoutes } from './http/health';
import { registerEnvironmentKeyRoutes } from './environments/environment-key.routes';
import { registerOAuthCallbackRoute } from './integrations/oauth-callback.route';
import { registerSandboxOAuthRoutes } from './sandbox/sandbox-oauth.routes';
import { createLogger } from './logging/logger';
import { createServices, type Services } from './services';

export interface AppOptions {
  /** Destination of the log lines, stdout when omitted. Tests pass a stream to search the logs. */
  logDestination?: DestinationStream;
  databaseHooks?: DataSourceHooks;
  /** Creates tables that have no migration yet (tests only; see openDatabase). */
  synchronizeSchema?: boolean;
  /** Resolver classes added to the schema (tests only: probes of the request pipeline). */
  extraResolvers?: Function[];
}

export interface App {
  server: FastifyInstance;
  dataSource: DataSource;
  services: Services;
  /** Stops accepting requests, waits for those in flight, then closes the database. */
  close(): Promise<void>;
}

/**
 * Turns an error raised while reading the credential into a response: Apollo sends the
 * status and headers found in `extensions.http` when the context function fails.
 */
function asContextError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) {
    const headers = new Map<string, string>();
    const retryAfter = error.extensions.retryAfterSeconds;
    if (typeof retryAfter === 'number') headers.set('retry-after', String(retryAfter));
    error.extensions.http = { status: httpStatusByCode[error.code], headers };
    return error;
  }
  return new AppError('INTERNAL_SERVER_ERROR', internalErrorMessage, {
    requestId,
    http: { status: 500 },
  });
}

/**
 * Sends an error raised outside GraphQL (the OAuth callback, the sandbox provider, the key
 * routes, and Fastify's own body checks on /graphql). A 5xx is logged with the request id
 * and masked, like INTERNAL_SERVER_ERROR in GraphQL responses, because its message may come
 * from a driver or a bug. On /graphql the body has the GraphQL `errors` shape.
 */
function sendRouteError(error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (statusCode >= 500) {
    request.log.error({ err: error, method: request.method, path: request.url.split('?')[0] }, 'request failed');
    if (isGraphqlPath(request)) return sendGraphqlError(request, reply, statusCode, 'INTERNAL_SERVER_ERROR', internalErrorMessage, { requestId: request.id });
    return reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode], message: internalErrorMessage, requestId: request.id });
  }
  if (isGraphqlPath(request)) {
    const hint = statusCode === 415 ? '. Send GraphQL requests as application/json.' : '';
    return sendGraphqlError(request, reply, statusCode, 'BAD_REQUEST', `${error.message}${hint}`);
  }
  return reply.code(statusCode).send({ statusCode, code: error.code, error: STATUS_CODES[statusCode], message: error.message });
}

function isGraphqlPath(request: FastifyRequest): boolean {
  return request.url.split('?')[0] === '/graphql';
}

/**
 * Sends an error that Fastify raised before Apollo Server saw the request (an invalid JSON
 * body, an unsupported content type) in the GraphQL response shape, so clients read every
 * /graphql failure the same way.
 */
function sendGraphqlError(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  code: 'BAD_REQUEST' | 'INTERNAL_SERVER_ERROR',
  message: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  request.graphql = { ...request.graphql, errorCode: code };
  return reply.code(statusCode).send({ errors: [{ message, extensions: { code, ...extensions } }] });
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const dataSource = await openDatabase(config.database, options.databaseHooks, {
    synchronize: options.synchronizeSchema,
  });
  const services = createServices(config, dataSource, logger);

  const server: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    disableRequestLogging: true,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
  });
  server.setErrorHandler(sendRouteError);
  await server.register(fastifyCookie);

  server.addHook('onResponse', async (request, reply) => {
    const url = request.url.split('?')[0];
    request.log.info(
      {
        method: request.method,
        path: url,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        operationName: request.graphql?.operationName ?? undefined,
        errorCode: request.graphql?.errorCode,
      },
      'request completed',
    );
  });

  const apollo = new ApolloServer<Context>({
    schema: await buildWorkApiSchema(options.extraResolvers),
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // A longer document is rejected as GRAPHQL_PARSE_FAILED before it is parsed further.
    parseOptions: { maxTokens: config.metering.maxTokens },
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [fastifyApolloDrainPlugin(server), ApolloServerPluginLandingPageDisabled(), responsePlugin(), meteringPlugin()],
  });
  await apollo.start();

  const graphqlHandler = fastifyApolloHandler(apollo, {
    context: async (request, reply): Promise<Context> => {
      try {
        const auth = await resolveAuth(request, services);
        return { requestId: request.id, log: request.log, auth, request, reply, services, loaders: createLoaders(services) };
      } catch (error) {
        if (!(error instanceof AppError)) request.log.error({ err: error }, 'reading the credential failed');
        throw asContextError(error, request.id);
      }
    },
  });

  server.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/graphql')) reply.header('cache-control', 'no-store');
  });
  server.post('/graphql', graphqlHandler);
  server.get('/graphql', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const wantsPage = String(request.headers.accept ?? '').includes('text/html');
    if (wantsPage && query.query === undefined) return reply.redirect('/playground', 302);
    return graphqlHandler.call(server, request, reply);
  });

  registerHealthRoutes(server, dataSource);
  registerEnvironmentKeyRoutes(server, services);
  registerOAuthCallbackRoute(server, services);
  await registerSandboxOAuthRoutes(server, services);
  await registerConsole(server, config);

  return {
    server,
    dataSource,
    services,
    async close() {
      await server.close();
      // After the last request has finished, so that every accepted request is written.
      await services.metering.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Serves the console build, with index.html for every page route the console owns. */
async function registerConsole(server: FastifyInstance, config: Config): Promise<void> {
  const indexFile = path.join(config.consoleDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    server.log.warn({ consoleDir: config.consoleDir }, 'console build not found; run `pnpm build` to serve the console');
    return;
  }
  await server.register(fastifyStatic, { root: config.consoleDir, wildcard: false, index: ['index.html'] });
  server.setNotFoundHandler(async (request, reply) => {
    const accepts = String(request.headers.accept ?? '');
    if (request.method === 'GET' && accepts.includes('text/html')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: 'Not Found', message: `No route for ${request.method} ${request.url.split('?')[0]}` });
  });
}
