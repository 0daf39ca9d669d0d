import { GraphQLError } from 'graphql';

/**
 * The closed set of `extensions.code` values and the HTTP status of a response whose only
 * content is that error. Apollo Server's own request errors keep the names it gives them.
 */
export const httpStatusByCode = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  BAD_USER_INPUT: 400,
  INVALID_SLICING_ARGUMENT: 400,
  MAX_COST_EXCEEDED: 400,
  MAX_DEPTH_EXCEEDED: 400,
  MAX_ALIASES_EXCEEDED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT_REACHED: 409,
  NEEDS_REAUTHORIZATION: 409,
  THROTTLED: 429,
  MONTHLY_QUOTA_EXCEEDED: 429,
  PROVIDER_RATE_LIMITED: 429,
  PROVIDER_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof httpStatusByCode;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(httpStatusByCode, value);
}

/**
 * An error that services raise on purpose. Its message is shown to the caller as written,
 * so it must never contain a secret, a key or a token. `extensions` adds typed context such
 * as the offending `field` or a `retryAfterSeconds`.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const badUserInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);

export const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, extensions);

export const throttled = (message: string, retryAfterSeconds: number, extensions: Record<string, unknown> = {}) =>
  new AppError('THROTTLED', message, { ...extensions, retryAfterSeconds });
