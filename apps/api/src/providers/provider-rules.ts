import { badUserInput } from '../graphql/errors';
import type { CatalogEntry } from './provider-catalog';

export const providerRules = {
  clientId: { maxLength: 255 },
  /** At least 8, so that the four-character hint never shows most of a secret. */
  clientSecret: { minLength: 8, maxLength: 512 },
  scopes: { maxCount: 50, maxLength: 256 },
};

// Matching control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** Returns the trimmed client id or raises BAD_USER_INPUT naming `clientId`. */
export function normalizeClientId(value: string): string {
  const clientId = value.trim();
  const length = [...clientId].length;
  if (length < 1 || length > providerRules.clientId.maxLength) {
    throw badUserInput('clientId', `clientId must be 1 to ${providerRules.clientId.maxLength} characters long (got ${length}).`);
  }
  if (/\s/.test(clientId) || controlCharacters.test(clientId)) {
    throw badUserInput('clientId', 'clientId must not contain spaces or control characters.');
  }
  return clientId;
}

/**
 * Returns the trimmed client secret or raises BAD_USER_INPUT naming `clientSecret`. The
 * messages state lengths only, never the value.
 */
export function normalizeClientSecret(value: string): string {
  const secret = value.trim();
  const length = [...secret].length;
  const { minLength, maxLength } = providerRules.clientSecret;
  if (length < minLength || length > maxLength) {
    throw badUserInput('clientSecret', `clientSecret must be ${minLength} to ${maxLength} characters long (got ${length}).`);
  }
  if (controlCharacters.test(secret)) {
    throw badUserInput('clientSecret', 'clientSecret must not contain control characters such as line breaks.');
  }
  return secret;
}

/** Returns the last four characters of a secret, as `Provider.clientSecretHint` shows them. */
export function secretHint(secret: string): string {
  return [...secret].slice(-4).join('');
}

/**
 * Returns the scopes trimmed and without duplicates, in their order, or raises
 * BAD_USER_INPUT naming `scopes` and the kind's scope format.
 */
export function normalizeScopes(entry: CatalogEntry, scopes: string[]): string[] {
  const { maxCount, maxLength } = providerRules.scopes;
  const unique = [...new Set(scopes.map((scope) => scope.trim()))];
  if (unique.length < 1 || unique.length > maxCount) {
    throw badUserInput(
      'scopes',
      `scopes must list 1 to ${maxCount} scopes (got ${unique.length}); omit scopes to use the defaults of ${entry.kind}.`,
    );
  }
  for (const scope of unique) {
    const length = [...scope].length;
    if (length < 1 || length > maxLength) {
      throw badUserInput('scopes', `Every scope must be 1 to ${maxLength} characters long (got ${length}).`);
    }
    if (!entry.scopeRule.accepts(scope)) {
      throw badUserInput('scopes', `"${scope}" is not a valid scope for ${entry.kind}. ${entry.scopeRule.description}`);
    }
  }
  return unique;
}
