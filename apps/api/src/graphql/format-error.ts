import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, isErrorCode } from './errors';

export const internalErrorMessage = 'Internal server error. Quote the requestId when you report it.';

/**
 * Keeps errors raised on purpose (domain errors and Apollo's request errors) and masks the
 * rest as INTERNAL_SERVER_ERROR, so that no stack, SQL or secret reaches a caller. The
 * request id is added later, in the response plugin, which knows the request.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (original instanceof AppError || (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR')) {
    const { http: _http, stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: internalErrorMessage,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** True for errors that callers cause; everything else is a fault of the server and is logged. */
export function isExpectedError(error: unknown, code: unknown): boolean {
  return unwrapResolverError(error) instanceof AppError || (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR');
}
