import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from './context';
import { httpStatusByCode, isErrorCode } from './errors';
import { isExpectedError } from './format-error';

declare module 'fastify' {
  interface FastifyRequest {
    /** GraphQL facts for the request log line. */
    graphql?: { operationName?: string | null; errorCode?: string };
  }
}

function statusOf(errors: readonly GraphQLFormattedError[]): number {
  const code = errors[0]?.extensions?.code;
  return isErrorCode(code) ? httpStatusByCode[code] : 500;
}

/**
 * Applies the error model to every response: the HTTP status of a response without data
 * comes from its first error code, `Retry-After` follows `retryAfterSeconds`, masked errors
 * carry the request id, and unexpected errors are logged with that id.
 */
export function responsePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.request.graphql = {};
      return {
        async didResolveOperation({ operationName }) {
          contextValue.request.graphql = { ...contextValue.request.graphql, operationName };
        },

        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!isExpectedError(error, error.extensions?.code)) {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
        },

        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors = result.errors;
          if (!errors || errors.length === 0) return;

          result.errors = errors.map((error) =>
            error.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }
              : error,
          );
          contextValue.request.graphql = {
            ...contextValue.request.graphql,
            errorCode: String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          };

          const hasData = result.data !== undefined && result.data !== null;
          response.http.status = hasData ? 200 : statusOf(errors);
          const retryAfter = errors.find((error) => typeof error.extensions?.retryAfterSeconds === 'number');
          if (retryAfter) response.http.headers.set('retry-after', String(retryAfter.extensions?.retryAfterSeconds));
        },
      };
    },
  };
}
