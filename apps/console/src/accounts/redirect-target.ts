export const SIGNED_IN_HOME = '/environments';

/**
 * Returns the console path to open after signing in: the `next` search
 * parameter when it is a path on this origin, otherwise the home page.
 * Anything else (`//host`, `https://...`) is ignored so that a crafted link
 * cannot send the developer to another site.
 */
export function readRedirectTarget(searchParams: URLSearchParams): string {
  const next = searchParams.get('next');
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return SIGNED_IN_HOME;
  }
  return next;
}
