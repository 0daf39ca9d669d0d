import { badUserInput } from '../graphql/errors';

export const maxExternalIdLength = 255;
export const minTokenTtlSeconds = 60;

/** Counts code points, as MySQL's VARCHAR(255) does, not UTF-16 units. */
function characterCount(value: string): number {
  return [...value].length;
}

/** Validates an externalId. It is kept exactly as given: no trimming, case matters. */
export function checkExternalId(externalId: string, field = 'externalId'): string {
  const length = characterCount(externalId);
  if (length < 1 || length > maxExternalIdLength) {
    throw badUserInput(field, `${field} must be 1 to ${maxExternalIdLength} characters; got ${length}.`);
  }
  return externalId;
}

/**
 * Validates the externalId of a new user: as checkExternalId, and without control
 * characters (NUL, line breaks, tabs), which logs and other systems may cut or misread.
 * Lookups skip this rule, so users created before it existed stay reachable.
 */
export function checkNewExternalId(externalId: string, field = 'externalId'): string {
  checkExternalId(externalId, field);
  if (/\p{Cc}/u.test(externalId)) {
    throw badUserInput(field, `${field} must not contain control characters such as NUL, tabs or line breaks.`);
  }
  return externalId;
}

export function checkExternalIdPrefix(prefix: string | null | undefined): string | null {
  if (prefix === null || prefix === undefined || prefix === '') return null;
  if (characterCount(prefix) > maxExternalIdLength) {
    throw badUserInput('externalIdPrefix', `externalIdPrefix must be at most ${maxExternalIdLength} characters.`);
  }
  return prefix;
}

/** Validates a requested token lifetime against the configured maximum; null means the default. */
export function tokenTtlSeconds(
  expiresInSeconds: number | null | undefined,
  limits: { defaultTtlSeconds: number; maxTtlSeconds: number },
): number {
  if (expiresInSeconds === null || expiresInSeconds === undefined) return limits.defaultTtlSeconds;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < minTokenTtlSeconds || expiresInSeconds > limits.maxTtlSeconds) {
    throw badUserInput(
      'expiresInSeconds',
      `expiresInSeconds must be a whole number from ${minTokenTtlSeconds} to ${limits.maxTtlSeconds}; got ${expiresInSeconds}.`,
    );
  }
  return expiresInSeconds;
}

/** Escapes LIKE wildcards with `!`, an escape character that MySQL and SQLite both accept. */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (character) => `!${character}`)}%`;
}
