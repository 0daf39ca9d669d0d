import * as oauth from 'oauth4webapi';
import type { ProviderClient } from '../providers/provider-client';

/** Milliseconds before a call to a provider's token or revocation endpoint is abandoned. */
const providerTimeoutMs = 15_000;

/** What a token endpoint returned, with the ID token's claims when it sent one. */
export interface TokenSet {
  accessToken: string;
  /** Null when the response carried none; a refresh then keeps the stored one. */
  refreshToken: string | null;
  /** Null when the response omitted `expires_in`. */
  expiresInSeconds: number | null;
  /** Null when the response omitted `scope`, which means the requested scopes were granted (RFC 6749 section 5.1). */
  scopes: string[] | null;
  idTokenClaims: Record<string, unknown> | null;
}

/**
 * A failed exchange with a provider's OAuth endpoints. `code` is the OAuth error code the
 * provider returned (`invalid_grant`, `access_denied`, ...), or `provider_unavailable` when
 * it could not be reached, timed out or sent a response outside the protocol.
 */
export class OAuthExchangeError extends Error {
  override name = 'OAuthExchangeError';

  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

const microsoftLoginHost = 'login.microsoftonline.com';
const googleLoginHost = 'accounts.google.com';

/**
 * oauth4webapi's hook for an issuer that depends on the ID token, which openid-client uses
 * for Microsoft's multi-tenant endpoints. It is exported by oauth4webapi 3.x but not typed.
 */
const expectedIssuerHook = (oauth as unknown as { _expectedIssuer?: symbol })._expectedIssuer;

/**
 * The issuers whose ID tokens this client accepts. The catalog knows endpoints, not issuers:
 * Google uses `https://accounts.google.com` (older tokens omit the scheme), Microsoft's
 * `common` endpoints issue per-tenant issuers, and every other server (including endpoint
 * overrides and the sandbox) is expected to use the origin of its authorization endpoint.
 */
function acceptedIssuers(authorizationUrl: URL, claims: Record<string, unknown> | undefined): string[] {
  if (authorizationUrl.host === googleLoginHost) return ['https://accounts.google.com', 'accounts.google.com'];
  if (authorizationUrl.host === microsoftLoginHost && typeof claims?.tid === 'string') {
    return [`https://${microsoftLoginHost}/${claims.tid}/v2.0`];
  }
  return [authorizationUrl.origin];
}

function authorizationServerOf(client: ProviderClient): oauth.AuthorizationServer {
  const authorizationUrl = new URL(client.endpoints.authorizationUrl);
  const server: oauth.AuthorizationServer = {
    issuer: acceptedIssuers(authorizationUrl, undefined)[0],
    authorization_endpoint: client.endpoints.authorizationUrl,
    token_endpoint: client.endpoints.tokenUrl,
    revocation_endpoint: client.endpoints.revocationUrl ?? undefined,
  };
  if (expectedIssuerHook) {
    (server as unknown as Record<symbol, unknown>)[expectedIssuerHook] = (result: { claims: Record<string, unknown> }) => {
      const accepted = acceptedIssuers(authorizationUrl, result.claims);
      return accepted.find((issuer) => issuer === result.claims.iss) ?? accepted[0];
    };
  }
  return server;
}

function requestOptions(url: string) {
  // Plain http is allowed only because tests and the sandbox run on http://127.0.0.1 and localhost.
  return { [oauth.allowInsecureRequests]: url.startsWith('http:'), signal: AbortSignal.timeout(providerTimeoutMs) };
}

function tokenSetOf(response: oauth.TokenEndpointResponse): TokenSet {
  const claims = oauth.getValidatedIdTokenClaims(response);
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? null,
    expiresInSeconds: typeof response.expires_in === 'number' ? response.expires_in : null,
    scopes: typeof response.scope === 'string' ? response.scope.split(' ').filter((scope) => scope !== '') : null,
    idTokenClaims: claims ? { ...claims } : null,
  };
}

/** Turns whatever oauth4webapi or fetch raised into an OAuthExchangeError; the message never contains a token. */
function exchangeErrorOf(error: unknown, endpoint: string): OAuthExchangeError {
  if (error instanceof OAuthExchangeError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const description = error.error_description ? `: ${error.error_description}` : '';
    return new OAuthExchangeError(error.error, `The ${endpoint} returned ${error.error} (HTTP ${error.status})${description}`, error.status);
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    const description = error.error_description ? `: ${error.error_description}` : '';
    return new OAuthExchangeError(error.error, `The provider returned ${error.error}${description}`);
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new OAuthExchangeError('provider_unavailable', `The ${endpoint} timed out: no response within ${providerTimeoutMs / 1000} seconds`);
  }
  if (error instanceof oauth.OperationProcessingError) {
    const status = (error.cause as { status?: unknown } | undefined)?.status;
    const httpStatus = typeof status === 'number' ? status : null;
    return new OAuthExchangeError(
      'provider_unavailable',
      `The ${endpoint} gave an invalid response${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${error.message}`,
      httpStatus,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new OAuthExchangeError('provider_unavailable', `The ${endpoint} could not be reached: ${reason}`);
}

/** A new PKCE code verifier and its S256 challenge (RFC 7636). */
export async function createPkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

/**
 * The URL that sends the user to the provider's consent page. The kind's extra parameters
 * are applied first, so they cannot replace the protocol parameters.
 */
export function buildAuthorizationUrl(
  client: ProviderClient,
  request: { state: string; codeChallenge: string; scopes: string[] },
): string {
  const url = new URL(client.endpoints.authorizationUrl);
  for (const [name, value] of Object.entries(client.extraAuthorizationParams)) url.searchParams.set(name, value);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

/**
 * Validates the callback's parameters against the expected `state` and exchanges the code
 * with the PKCE verifier at the token endpoint. Raises OAuthExchangeError with the
 * provider's error code, for example `access_denied` when the user declined.
 */
export async function exchangeAuthorizationCode(
  client: ProviderClient,
  callbackParameters: URLSearchParams,
  expectedState: string,
  codeVerifier: string,
): Promise<TokenSet> {
  const server = authorizationServerOf(client);
  const oauthClient: oauth.Client = { client_id: client.clientId };
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(server, oauthClient, callbackParameters, expectedState);
  } catch (error) {
    throw exchangeErrorOf(error, 'authorization endpoint');
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      oauthClient,
      oauth.ClientSecretPost(client.clientSecret),
      parameters,
      client.redirectUri,
      codeVerifier,
      requestOptions(client.endpoints.tokenUrl),
    );
    return tokenSetOf(await oauth.processAuthorizationCodeResponse(server, oauthClient, response));
  } catch (error) {
    throw exchangeErrorOf(error, 'token endpoint');
  }
}

/** Exchanges a refresh token for new tokens; `invalid_grant` means the grant is gone for good. */
export async function refreshAccessToken(client: ProviderClient, refreshToken: string): Promise<TokenSet> {
  const server = authorizationServerOf(client);
  const oauthClient: oauth.Client = { client_id: client.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(
      server,
      oauthClient,
      oauth.ClientSecretPost(client.clientSecret),
      refreshToken,
      requestOptions(client.endpoints.tokenUrl),
    );
    return tokenSetOf(await oauth.processRefreshTokenResponse(server, oauthClient, response));
  } catch (error) {
    throw exchangeErrorOf(error, 'token endpoint');
  }
}

/** Revokes a token at the provider's revocation endpoint (RFC 7009). The caller checks that the endpoint exists. */
export async function revokeToken(
  client: ProviderClient,
  token: string,
  tokenTypeHint: 'refresh_token' | 'access_token',
  /** Aborts the request early, for example when a bulk revocation runs out of time. */
  signal?: AbortSignal,
): Promise<void> {
  const revocationUrl = client.endpoints.revocationUrl;
  if (!revocationUrl) throw new OAuthExchangeError('unsupported', 'The provider has no revocation endpoint');
  const server = authorizationServerOf(client);
  const options = requestOptions(revocationUrl);
  try {
    const response = await oauth.revocationRequest(server, { client_id: client.clientId }, oauth.ClientSecretPost(client.clientSecret), token, {
      ...options,
      signal: signal ? AbortSignal.any([options.signal, signal]) : options.signal,
      additionalParameters: { token_type_hint: tokenTypeHint },
    });
    await oauth.processRevocationResponse(response);
  } catch (error) {
    throw exchangeErrorOf(error, 'revocation endpoint');
  }
}
