import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { randomToken, sha256Hex } from '../crypto/tokens';
import { AppError } from '../graphql/errors';
import type { ProviderClient } from '../providers/provider-client';
import type { ProviderKind } from '../providers/provider-kind';
import { Integration, IntegrationStatus } from './integration.entity';
import { accessTokenContext, codeVerifierContext, refreshTokenContext, type SecretCipher } from './integration-secrets';
import { OAuthState } from './oauth-state.entity';
import { buildAuthorizationUrl, createPkcePair, exchangeAuthorizationCode, OAuthExchangeError } from './oauth-client';
import { lookUpAccountEmail } from './provider-identity';

/** How long a `state` (and so the authorization request) stays valid. */
export const stateTtlMs = 10 * 60 * 1000;

/**
 * Error codes the callback reports to `returnTo` (as `error`) or on its page. Besides these,
 * an error code returned by the provider itself (such as `access_denied`) is passed on.
 */
export type CallbackErrorCode =
  | 'invalid_request'
  | 'invalid_state'
  | 'state_already_used'
  | 'state_expired'
  | 'provider_not_configured'
  | 'token_exchange_failed';

export type CallbackOutcome =
  | { ok: true; integration: Integration; returnTo: string | null }
  | {
      ok: false;
      error: string;
      description: string;
      /** The integration the state was bound to; null when the state was missing or unknown. */
      integration: Integration | null;
      /** Return URL of the flow; null for forged or replayed states, which end on Work API's page. */
      returnTo: string | null;
    };

export interface ProviderClientSource {
  resolveClient(environmentId: string, kind: ProviderKind): Promise<ProviderClient>;
}

/** The OAuth authorization code flow: starting it for an integration and completing it at the callback. */
export class AuthorizationFlow {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: () => ProviderClientSource,
    private readonly secrets: () => SecretCipher,
    private readonly settings: { providerTokenDefaultTtlSeconds: number },
    private readonly log: Logger,
  ) {}

  /** Stores a single-use `state` with its PKCE verifier and returns the provider's authorization URL. */
  async start(integration: Integration, client: ProviderClient, scopes: string[], returnTo: string | null): Promise<string> {
    const state = randomToken(32);
    const pkce = await createPkcePair();
    const id = randomUUID();
    const now = new Date();
    await this.dataSource.getRepository(OAuthState).insert({
      id,
      stateHash: sha256Hex(state),
      integrationId: integration.id,
      codeVerifierCiphertext: this.secrets().encrypt(pkce.verifier, codeVerifierContext(id)),
      requestedScopes: scopes,
      returnTo,
      expiresAt: new Date(now.getTime() + stateTtlMs),
      usedAt: null,
      createdAt: now,
    });
    this.log.info({ integrationId: integration.id, kind: integration.kind }, 'authorization started');
    return buildAuthorizationUrl(client, { state, codeChallenge: pkce.challenge, scopes });
  }

  /**
   * Completes the flow for the callback's query parameters. Forged and replayed states leave
   * every integration unchanged. Any other failure marks the integration FAILED with the
   * reason, except that an ACTIVE integration keeps its working tokens and only records it.
   */
  async complete(parameters: URLSearchParams): Promise<CallbackOutcome> {
    const stateValue = parameters.get('state');
    if (!stateValue) {
      return rejected('invalid_request', 'The callback URL has no state parameter. Start connecting the account again from the application.');
    }
    const states = this.dataSource.getRepository(OAuthState);
    const state = await states.findOneBy({ stateHash: sha256Hex(stateValue) });
    if (!state) {
      this.log.warn('OAuth callback with an unknown state');
      return rejected('invalid_state', 'This sign-in response does not belong to a connection started here. Start connecting the account again from the application.');
    }

    const now = new Date();
    const consumed = await this.dataSource
      .createQueryBuilder()
      .update(OAuthState)
      .set({ usedAt: now })
      .where('id = :id AND used_at IS NULL', { id: state.id })
      .execute();
    if (consumed.affected !== 1) {
      this.log.warn({ integrationId: state.integrationId }, 'OAuth callback replayed a used state');
      return rejected('state_already_used', 'This sign-in response was already used. Start connecting the account again from the application.');
    }

    const integration = await this.dataSource.getRepository(Integration).findOneBy({ id: state.integrationId });
    if (!integration) return rejected('invalid_state', 'The integration of this sign-in response no longer exists.');

    if (state.expiresAt.getTime() <= now.getTime()) {
      return this.fail(integration, state, 'state_expired', 'The consent step was not completed within 10 minutes. Connect the account again.');
    }
    const providerError = parameters.get('error');
    if (providerError) {
      const description = parameters.get('error_description');
      const reason = providerError === 'access_denied' ? 'The user denied access at the provider' : `The provider returned ${providerError}`;
      return this.fail(integration, state, providerError, description ? `${reason}: ${description}` : `${reason}.`);
    }

    let client: ProviderClient;
    try {
      client = await this.providers().resolveClient(integration.environmentId, integration.kind);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
      return this.fail(integration, state, 'provider_not_configured', `Provider ${integration.kind} is no longer configured in this environment.`);
    }

    const codeVerifier = this.secrets().decrypt(state.codeVerifierCiphertext, codeVerifierContext(state.id));
    let tokens;
    try {
      tokens = await exchangeAuthorizationCode(client, parameters, stateValue, codeVerifier);
    } catch (error) {
      if (!(error instanceof OAuthExchangeError)) throw error;
      return this.fail(integration, state, 'token_exchange_failed', `Exchanging the authorization code failed: ${error.message}`);
    }

    const accountEmail = await lookUpAccountEmail(client, tokens, this.log);
    const secrets = this.secrets();
    const expiresInSeconds = tokens.expiresInSeconds ?? this.settings.providerTokenDefaultTtlSeconds;
    const changes: Partial<Integration> = {
      status: IntegrationStatus.ACTIVE,
      failureReason: null,
      accountEmail: accountEmail ?? integration.accountEmail,
      grantedScopes: tokens.scopes ?? state.requestedScopes,
      accessTokenCiphertext: secrets.encrypt(tokens.accessToken, accessTokenContext(integration.id)),
      // Google omits the refresh token when the user had consented before; the stored one stays valid then.
      refreshTokenCiphertext: tokens.refreshToken
        ? secrets.encrypt(tokens.refreshToken, refreshTokenContext(integration.id))
        : integration.refreshTokenCiphertext,
      accessTokenExpiresAt: new Date(now.getTime() + expiresInSeconds * 1000),
      leaseOwner: null,
      leaseExpiresAt: null,
      connectedAt: now,
      updatedAt: now,
    };
    await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ ...changes, credentialsVersion: () => 'credentials_version + 1' })
      .where('id = :id', { id: integration.id })
      .execute();
    const connected = await this.dataSource.getRepository(Integration).findOneByOrFail({ id: integration.id });
    this.log.info(
      { integrationId: integration.id, kind: integration.kind, refreshToken: Boolean(connected.refreshTokenCiphertext) },
      'integration connected',
    );
    return { ok: true, integration: connected, returnTo: state.returnTo };
  }

  private async fail(integration: Integration, state: OAuthState, error: string, description: string): Promise<CallbackOutcome> {
    const status = integration.status === IntegrationStatus.ACTIVE ? IntegrationStatus.ACTIVE : IntegrationStatus.FAILED;
    const failureReason = `${error}: ${description}`.slice(0, 500);
    const now = new Date();
    await this.dataSource.getRepository(Integration).update({ id: integration.id }, { status, failureReason, updatedAt: now });
    this.log.warn({ integrationId: integration.id, kind: integration.kind, error, reason: description }, 'connecting an integration failed');
    return {
      ok: false,
      error,
      description,
      integration: { ...integration, status, failureReason, updatedAt: now },
      returnTo: state.returnTo,
    };
  }
}

function rejected(error: CallbackErrorCode, description: string): CallbackOutcome {
  return { ok: false, error, description, integration: null, returnTo: null };
}
