import { badUserInput } from '../graphql/errors';

export const maxNameLength = 64;
export const maxReturnUrls = 20;
export const maxReturnUrlLength = 2048;

/** Trims an environment name and checks it: 1 to 64 characters, none of them a control character. */
export function normalizeEnvironmentName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > maxNameLength) {
    throw badUserInput(field, `${field} must be 1 to ${maxNameLength} characters long (got ${trimmed.length} after trimming).`);
  }
  if (/\p{Cc}/u.test(trimmed)) throw badUserInput(field, `${field} must not contain control characters such as line breaks.`);
  return trimmed;
}

/**
 * Checks the allowed return URLs: absolute http or https URLs without a fragment or
 * userinfo, at most 20 of them. Each is stored as given (trimmed), because a `returnTo`
 * must match one exactly, as OAuth redirect URIs do. Duplicates are removed and the order
 * is kept.
 */
export function normalizeReturnUrls(urls: string[], field = 'allowedReturnUrls'): string[] {
  if (urls.length > maxReturnUrls) {
    throw badUserInput(field, `${field} may hold at most ${maxReturnUrls} URLs (got ${urls.length}).`);
  }
  const result: string[] = [];
  urls.forEach((raw, index) => {
    const value = raw.trim();
    const label = `${field}[${index}]`;
    if (value.length > maxReturnUrlLength) {
      throw badUserInput(field, `${label} is longer than ${maxReturnUrlLength} characters.`);
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badUserInput(field, `${label} must be an absolute URL such as https://app.example.com/connected.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw badUserInput(field, `${label} must use http or https (got ${url.protocol.replace(/:$/, '')}).`);
    }
    if (value.includes('#')) throw badUserInput(field, `${label} must not contain a fragment (#...).`);
    // The WHATWG parser drops an empty userinfo ("https://@host"), so the raw authority is checked too.
    if (url.username !== '' || url.password !== '' || /^[^:]+:[\\/]*[^/\\?#]*@/.test(value)) {
      throw badUserInput(field, `${label} must not contain a user name or password (user:password@).`);
    }
    if (!result.includes(value)) result.push(value);
  });
  return result;
}
