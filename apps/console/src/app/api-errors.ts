import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** Client-side code for a request that got no GraphQL response at all. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/** One error of a failed request, reduced to what the console acts on. */
export interface ApiError {
  /** `extensions.code` from the server, or `NETWORK_ERROR`. */
  code: string;
  message: string;
  /** Input field that BAD_USER_INPUT refers to. */
  field?: string;
  /** Seconds until a THROTTLED request may be retried. */
  retryAfterSeconds?: number;
  /** Id of an INTERNAL_SERVER_ERROR, which the server log line also contains. */
  requestId?: string;
}

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: Record<string, unknown> | null;
}

function toApiError(error: GraphQLErrorLike): ApiError {
  const extensions = error.extensions ?? {};
  const apiError: ApiError = {
    code: typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN',
    message: typeof error.message === 'string' ? error.message : '',
  };

  if (typeof extensions.field === 'string') apiError.field = extensions.field;
  if (typeof extensions.retryAfterSeconds === 'number') apiError.retryAfterSeconds = extensions.retryAfterSeconds;
  if (typeof extensions.requestId === 'string') apiError.requestId = extensions.requestId;
  return apiError;
}

// Apollo Client 4 parses error bodies of non-2xx responses only when they are
// sent as application/graphql-response+json. A server that answers with plain
// application/json produces a ServerError whose body still holds the errors.
function readServerErrorBody(error: ServerError): ApiError[] {
  try {
    const body: unknown = JSON.parse(error.bodyText);
    if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
      return (body as { errors: GraphQLErrorLike[] }).errors.map(toApiError);
    }
  } catch {
    // Not JSON, for example a proxy's HTML error page: fall through.
  }
  return [{ code: NETWORK_ERROR, message: error.message }];
}

/** Reads the errors of a failed query or mutation, whatever layer raised them. */
export function readApiErrors(error: unknown): ApiError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map(toApiError);
  }
  if (ServerError.is(error)) {
    return readServerErrorBody(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return [{ code: NETWORK_ERROR, message }];
}

/** Returns a sentence for an error that no form field or page handles specifically. */
export function describeApiError(error: ApiError): string {
  switch (error.code) {
    case NETWORK_ERROR:
      return 'Could not reach the Work API server. Check your connection and try again.';
    case 'THROTTLED':
      return error.retryAfterSeconds === undefined
        ? 'Too many attempts, try again later.'
        : `Too many attempts, try again in ${error.retryAfterSeconds} ${error.retryAfterSeconds === 1 ? 'second' : 'seconds'}.`;
    case 'BAD_USER_INPUT':
      // The server's message names the invalid field and the rule it breaks.
      return error.message;
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again.';
    case 'INTERNAL_SERVER_ERROR':
      return error.requestId
        ? `Something went wrong on the server. If it keeps happening, report request ID ${error.requestId}.`
        : 'Something went wrong on the server. Try again in a moment.';
    default:
      return `The request failed (${error.code}). Try again in a moment.`;
  }
}
