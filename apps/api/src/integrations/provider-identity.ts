import type { Logger } from 'pino';
import type { ProviderClient } from '../providers/provider-client';
import { ProviderKind } from '../providers/provider-kind';
import type { TokenSet } from './oauth-client';

const microsoftKinds = new Set<ProviderKind>([
  ProviderKind.OUTLOOK_MAIL,
  ProviderKind.OUTLOOK_CALENDAR,
  ProviderKind.ONEDRIVE,
  ProviderKind.OUTLOOK_CONTACTS,
]);

const lookupTimeoutMs = 10_000;

/** Reads the signed-in user's address from Microsoft Graph `GET /me` (`mail`, else `userPrincipalName`). */
async function fetchGraphEmail(client: ProviderClient, accessToken: string): Promise<string | null> {
  const response = await fetch(`${client.endpoints.apiBaseUrl}/me?$select=mail,userPrincipalName`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(lookupTimeoutMs),
  });
  if (!response.ok) throw new Error(`Microsoft Graph /me answered HTTP ${response.status}`);
  const body = (await response.json()) as { mail?: unknown; userPrincipalName?: unknown };
  if (typeof body.mail === 'string' && body.mail !== '') return body.mail;
  return typeof body.userPrincipalName === 'string' ? body.userPrincipalName : null;
}

/**
 * Finds the email address of the account that granted the tokens: the ID token's `email`
 * claim when the token response had one (Google and any OpenID Connect server with the
 * `email` scope), otherwise Microsoft Graph's `/me` for Microsoft kinds. Returns null when
 * neither applies or the lookup fails, because a missing address must not fail a connection
 * whose tokens are valid; failures are logged.
 */
export async function lookUpAccountEmail(client: ProviderClient, tokens: TokenSet, log: Logger): Promise<string | null> {
  const email = tokens.idTokenClaims?.email;
  if (typeof email === 'string' && email !== '') return email;
  if (!microsoftKinds.has(client.kind)) return null;
  try {
    return await fetchGraphEmail(client, tokens.accessToken);
  } catch (error) {
    log.warn({ err: error, kind: client.kind, environmentId: client.environmentId }, 'looking up the account email failed');
    return null;
  }
}
