import type { ProviderKind } from './provider-kind';

/** Endpoints of a provider kind after configuration overrides are applied. */
export interface ProviderEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
  /** Absent when the provider has no token revocation endpoint. */
  revocationUrl: string | null;
  apiBaseUrl: string;
}

/**
 * Everything the OAuth broker needs to run a flow for one environment and provider kind,
 * with the client secret decrypted. Held in memory for one flow only; never logged.
 */
export interface ProviderClient {
  kind: ProviderKind;
  environmentId: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  endpoints: ProviderEndpoints;
  /** Extra authorization parameters, for example Google's access_type=offline and prompt=consent. */
  extraAuthorizationParams: Record<string, string>;
  /** `<WORKAPI_PUBLIC_URL>/oauth/callback`. */
  redirectUri: string;
}
