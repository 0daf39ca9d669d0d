import type { ProviderKind } from '../providers/provider-kind';

/** What a data adapter needs to call a provider's API for one integration. */
export interface ProviderCredentials {
  integrationId: string;
  kind: ProviderKind;
  accessToken: string;
  apiBaseUrl: string;
}

/**
 * Gives data adapters a valid access token for an integration of the calling user. The
 * integrations service implements it: it raises NOT_FOUND for another user's integration
 * and NEEDS_REAUTHORIZATION when the integration must be connected again, refreshes the
 * token shortly before expiry, and when `call` fails with ProviderUnauthorizedError it
 * refreshes once and calls again.
 */
export interface IntegrationAccess {
  withCredentials<T>(
    user: { userId: string; environmentId: string },
    integrationId: string,
    call: (credentials: ProviderCredentials) => Promise<T>,
  ): Promise<T>;
}

/** Raised by an adapter when the provider answered HTTP 401 to the access token. */
export class ProviderUnauthorizedError extends Error {
  override name = 'ProviderUnauthorizedError';
}
