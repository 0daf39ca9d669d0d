import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError, notFound } from '../graphql/errors';
import type { ProviderClient } from '../providers/provider-client';
import { Integration, IntegrationStatus } from './integration.entity';
import { accessTokenContext, refreshTokenContext, type SecretCipher } from './integration-secrets';
import { OAuthExchangeError, refreshAccessToken } from './oauth-client';

/** How long a process may hold the refresh lease; a holder that crashed blocks others at most this long. */
const leaseMs = 30_000;
const pollIntervalMs = 50;

export function needsReauthorization(integration: Pick<Integration, 'id' | 'status' | 'kind'>, detail?: string): AppError {
  return new AppError(
    'NEEDS_REAUTHORIZATION',
    detail ??
      `Integration ${integration.id} is ${integration.status}; connect the ${integration.kind} account again with connectIntegration.`,
    { integrationId: integration.id, status: integration.status },
  );
}

function providerUnavailable(integration: Pick<Integration, 'id' | 'kind'>, detail: string): AppError {
  return new AppError('PROVIDER_UNAVAILABLE', `Refreshing the ${integration.kind} access token failed: ${detail}`, {
    integrationId: integration.id,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Refreshes provider tokens so that concurrent requests cause exactly one call to the
 * token endpoint, also across server processes. Within a process, callers that need the
 * same refresh share one promise. Across processes, only the one that claims the row's
 * lease with an atomic UPDATE of `lease_owner` calls the token endpoint. The others poll
 * the row until `credentials_version` moves on.
 */
export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<Integration>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: () => SecretCipher,
    private readonly settings: { providerTokenDefaultTtlSeconds: number },
    private readonly log: Logger,
  ) {}

  /**
   * Returns the integration with tokens newer than those of `seen`: refreshed by this call,
   * or by another request that got there first. Raises NEEDS_REAUTHORIZATION when the
   * provider rejects the refresh token for good, and PROVIDER_UNAVAILABLE when it fails otherwise.
   */
  refresh(seen: Integration, client: ProviderClient): Promise<Integration> {
    const key = `${seen.id}:${seen.credentialsVersion}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = this.refreshOnce(seen, client).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private async refreshOnce(seen: Integration, client: ProviderClient): Promise<Integration> {
    const deadline = Date.now() + leaseMs + 5_000;
    for (;;) {
      const owner = randomUUID();
      if (await this.claimLease(seen, owner)) return this.refreshHoldingLease(seen.id, owner, client);

      const current = await this.dataSource.getRepository(Integration).findOneBy({ id: seen.id });
      if (!current) throw notFound('Integration');
      if (current.status !== IntegrationStatus.ACTIVE) throw needsReauthorization(current);
      if (current.credentialsVersion !== seen.credentialsVersion) return current;
      if (Date.now() > deadline) throw providerUnavailable(seen, 'another server process held the refresh lease for too long');
      await sleep(pollIntervalMs);
    }
  }

  /** Claims the lease while the tokens are still those the caller saw; true when this caller won. */
  private async claimLease(seen: Integration, owner: string): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where('id = :id AND credentials_version = :version AND status = :status', {
        id: seen.id,
        version: seen.credentialsVersion,
        status: IntegrationStatus.ACTIVE,
      })
      .andWhere('(lease_owner IS NULL OR lease_expires_at < :now)', { now })
      .execute();
    return result.affected === 1;
  }

  private async refreshHoldingLease(integrationId: string, owner: string, client: ProviderClient): Promise<Integration> {
    const repository = this.dataSource.getRepository(Integration);
    const integration = await repository.findOneByOrFail({ id: integrationId });
    if (!integration.refreshTokenCiphertext) {
      await this.markNeedsReauthorization(integration, owner, 'The provider issued no refresh token, and the access token expired.');
      throw needsReauthorization(integration, `Integration ${integration.id} has no refresh token; connect the account again with connectIntegration.`);
    }
    const refreshToken = this.secrets().decrypt(integration.refreshTokenCiphertext, refreshTokenContext(integration.id));

    let tokens;
    try {
      tokens = await refreshAccessToken(client, refreshToken);
    } catch (error) {
      const failure = error instanceof OAuthExchangeError ? error : new OAuthExchangeError('provider_unavailable', String(error));
      if (failure.code === 'invalid_grant') {
        await this.markNeedsReauthorization(integration, owner, `The provider rejected the refresh token: ${failure.message}`);
        this.log.warn({ integrationId, kind: integration.kind, reason: failure.message }, 'refresh token rejected; integration needs reauthorization');
        throw needsReauthorization(
          { ...integration, status: IntegrationStatus.NEEDS_REAUTHORIZATION },
          `The ${integration.kind} account must be connected again: the provider rejected the refresh token (invalid_grant).`,
        );
      }
      await this.releaseLease(integrationId, owner);
      this.log.warn({ integrationId, kind: integration.kind, code: failure.code, reason: failure.message }, 'token refresh failed');
      throw providerUnavailable(integration, failure.message);
    }

    const now = new Date();
    const expiresInSeconds = tokens.expiresInSeconds ?? this.settings.providerTokenDefaultTtlSeconds;
    const secrets = this.secrets();
    const changes: Partial<Integration> = {
      accessTokenCiphertext: secrets.encrypt(tokens.accessToken, accessTokenContext(integrationId)),
      // A response without refresh_token leaves the stored one in force (RFC 6749 section 6).
      refreshTokenCiphertext: tokens.refreshToken
        ? secrets.encrypt(tokens.refreshToken, refreshTokenContext(integrationId))
        : integration.refreshTokenCiphertext,
      accessTokenExpiresAt: new Date(now.getTime() + expiresInSeconds * 1000),
      grantedScopes: tokens.scopes ?? integration.grantedScopes,
      leaseOwner: null,
      leaseExpiresAt: null,
      updatedAt: now,
    };
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ ...changes, credentialsVersion: () => 'credentials_version + 1' })
      .where('id = :id AND lease_owner = :owner', { id: integrationId, owner })
      .execute();
    if (result.affected !== 1) {
      this.log.warn({ integrationId }, 'the refresh lease expired before the refresh finished; keeping the tokens stored by the other process');
    } else {
      this.log.info({ integrationId, kind: integration.kind, expiresInSeconds, newRefreshToken: Boolean(tokens.refreshToken) }, 'provider token refreshed');
    }
    return repository.findOneByOrFail({ id: integrationId });
  }

  private async releaseLease(integrationId: string, owner: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where('id = :id AND lease_owner = :owner', { id: integrationId, owner })
      .execute();
  }

  private async markNeedsReauthorization(integration: Integration, owner: string, reason: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({
        status: IntegrationStatus.NEEDS_REAUTHORIZATION,
        failureReason: reason.slice(0, 500),
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: new Date(),
      })
      .where('id = :id AND lease_owner = :owner', { id: integration.id, owner })
      .execute();
  }
}
