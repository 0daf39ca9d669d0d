import { randomUUID } from 'node:crypto';
import { In, Not, type DataSource, type FindOptionsWhere } from 'typeorm';
import type { Logger } from 'pino';
import type { Auth } from '../auth/auth';
import type { Config } from '../config/config';
import { isUniqueViolation } from '../db/errors';
import type { EnvironmentsService } from '../environments/environments.service';
import { badUserInput, notFound } from '../graphql/errors';
import type { ProviderClient } from '../providers/provider-client';
import type { ProviderKind } from '../providers/provider-kind';
import { AuthorizationFlow, type CallbackOutcome, type ProviderClientSource } from './authorization-flow';
import {
  ProviderUnauthorizedError,
  type IntegrationAccess,
  type ProviderCredentials,
} from './integration-access';
import { Integration, IntegrationStatus } from './integration.entity';
import { accessTokenContext, refreshTokenContext, type SecretCipher } from './integration-secrets';
import { revokeToken } from './oauth-client';
import { needsReauthorization, TokenRefresher } from './token-refresher';

export interface IntegrationsDependencies {
  dataSource: DataSource;
  config: Config;
  log: Logger;
  environments: EnvironmentsService;
  /** Read at use, because the providers service may be created after this one. */
  providers: () => ProviderClientSource;
  secrets: () => SecretCipher;
}

export interface UserRef {
  userId: string;
  environmentId: string;
}

/** Statuses in which an integration stores provider tokens. */
const connectedStatuses = [IntegrationStatus.ACTIVE, IntegrationStatus.NEEDS_REAUTHORIZATION];

/** Maximum number of revocation requests that one bulk disconnect sends at once. */
const bulkRevocationConcurrency = 4;
/**
 * Maximum time one bulk disconnect spends revoking tokens at providers. Tokens not revoked
 * by then are still deleted here, and lapse at the provider when they expire.
 */
const bulkRevocationBudgetMs = 10_000;

/** Finds the OAuth client that revokes an integration's tokens, or null when there is none. */
type RevocationClientLookup = (integration: Integration) => Promise<ProviderClient | null>;

/**
 * End users' integrations: the OAuth flow that connects them, their encrypted provider
 * tokens and the refresh of those tokens, and disconnection. Implements IntegrationAccess
 * for the data adapters.
 */
export class IntegrationsService implements IntegrationAccess {
  readonly flow: AuthorizationFlow;
  private readonly refresher: TokenRefresher;
  private readonly dataSource: DataSource;
  private readonly log: Logger;

  constructor(private readonly dependencies: IntegrationsDependencies) {
    this.dataSource = dependencies.dataSource;
    this.log = dependencies.log;
    const settings = dependencies.config.integrations;
    this.flow = new AuthorizationFlow(this.dataSource, dependencies.providers, dependencies.secrets, settings, this.log);
    this.refresher = new TokenRefresher(this.dataSource, dependencies.secrets, settings, this.log);
  }

  private get repository() {
    return this.dataSource.getRepository(Integration);
  }

  /**
   * Creates the user's PENDING integration of `kind`, or reuses the existing one so that its
   * id stays the same, and starts the authorization code flow. `scopes` may only narrow the
   * environment's configured scopes; `returnTo` must be one of the environment's allowed
   * return URLs.
   */
  async connect(
    user: UserRef & { accountId: string },
    input: { provider: ProviderKind; returnTo?: string | null; scopes?: string[] | null },
  ): Promise<{ integration: Integration; authorizationUrl: string }> {
    const environment = await this.dependencies.environments.requireOwned(user.accountId, user.environmentId);
    const returnTo = input.returnTo ?? null;
    if (returnTo !== null && !environment.allowedReturnUrls.includes(returnTo)) {
      throw badUserInput(
        'returnTo',
        `returnTo must be one of the environment's allowed return URLs; "${returnTo}" is not. Add it to the environment's allowedReturnUrls in the console.`,
      );
    }
    const client = await this.dependencies.providers().resolveClient(user.environmentId, input.provider);
    const scopes = narrowScopes(client, input.scopes);

    const integration = await this.findOrCreate(user, input.provider);
    const authorizationUrl = await this.flow.start(integration, client, scopes, returnTo);
    return { integration, authorizationUrl };
  }

  private async findOrCreate(user: UserRef, kind: ProviderKind): Promise<Integration> {
    const now = new Date();
    const existing = await this.repository.findOneBy({ userId: user.userId, kind });
    if (existing) {
      // ACTIVE and NEEDS_REAUTHORIZATION keep their status (and tokens) until the callback succeeds.
      if (connectedStatuses.includes(existing.status)) return existing;
      await this.repository.update({ id: existing.id }, { status: IntegrationStatus.PENDING, failureReason: null, updatedAt: now });
      return { ...existing, status: IntegrationStatus.PENDING, failureReason: null, updatedAt: now };
    }

    const created = this.repository.create({
      id: randomUUID(),
      environmentId: user.environmentId,
      userId: user.userId,
      kind,
      status: IntegrationStatus.PENDING,
      failureReason: null,
      accountEmail: null,
      grantedScopes: [],
      accessTokenCiphertext: null,
      refreshTokenCiphertext: null,
      accessTokenExpiresAt: null,
      credentialsVersion: 0,
      leaseOwner: null,
      leaseExpiresAt: null,
      connectedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.repository.insert(created);
    } catch (error) {
      // Two connects of the same kind at once: the other request created it first.
      if (!isUniqueViolation(error)) throw error;
      return this.repository.findOneByOrFail({ userId: user.userId, kind });
    }
    this.log.info({ integrationId: created.id, userId: user.userId, kind }, 'integration created');
    return created;
  }

  /** Completes the flow at `GET /oauth/callback`. */
  completeAuthorization(parameters: URLSearchParams): Promise<CallbackOutcome> {
    return this.flow.complete(parameters);
  }

  /** Integrations of one user, oldest first. */
  listForUser(user: UserRef): Promise<Integration[]> {
    return this.repository.find({
      where: { userId: user.userId, environmentId: user.environmentId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Returns the integration when the credential may see it: a user its own, a developer those
   * of the account's environments. Anything else is NOT_FOUND, so ids cannot be probed.
   */
  async requireVisible(auth: Auth, integrationId: string): Promise<Integration> {
    const integration = await this.repository.findOneBy({ id: integrationId });
    if (!integration) throw notFound('Integration');
    if (auth.kind === 'user') {
      if (integration.userId !== auth.userId || integration.environmentId !== auth.environmentId) throw notFound('Integration');
      return integration;
    }
    if (auth.kind === 'developer') {
      try {
        await this.dependencies.environments.requireOwned(auth.accountId, integration.environmentId);
      } catch {
        throw notFound('Integration');
      }
      return integration;
    }
    throw notFound('Integration');
  }

  /**
   * Disconnects an integration: revokes its token at the provider where the provider has a
   * revocation endpoint, then deletes the stored tokens and sets DISCONNECTED. Revocation is
   * best effort, so a failure is logged and does not stop the disconnect.
   */
  async disconnect(auth: Auth, integrationId: string): Promise<Integration> {
    const integration = await this.requireVisible(auth, integrationId);
    if (integration.status === IntegrationStatus.DISCONNECTED) return integration;

    await this.revokeAtProvider(integration, (target) => this.revocationClient(target.environmentId, target.kind));
    const now = new Date();
    await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ ...disconnectedChanges(now), credentialsVersion: () => 'credentials_version + 1' })
      .where('id = :id', { id: integration.id })
      .execute();
    this.log.info({ integrationId: integration.id, kind: integration.kind }, 'integration disconnected');
    return this.repository.findOneByOrFail({ id: integration.id });
  }

  /** Resolves the environment's client for `kind`; returns null, and logs why, when the provider is no longer configured. */
  private async revocationClient(environmentId: string, kind: ProviderKind): Promise<ProviderClient | null> {
    try {
      return await this.dependencies.providers().resolveClient(environmentId, kind);
    } catch (error) {
      this.log.warn({ environmentId, kind, err: error }, 'tokens not revoked: the provider is not configured any more');
      return null;
    }
  }

  /**
   * Revokes the integration's stored refresh token (or, without one, its access token) at
   * the provider, best effort. Returns whether the provider confirmed the revocation and logs
   * the reason when it did not; every error is caught here.
   */
  private async revokeAtProvider(integration: Integration, clientOf: RevocationClientLookup, signal?: AbortSignal): Promise<boolean> {
    const context = { integrationId: integration.id, kind: integration.kind };
    let hint: 'refresh_token' | 'access_token';
    if (integration.refreshTokenCiphertext) hint = 'refresh_token';
    else if (integration.accessTokenCiphertext) hint = 'access_token';
    else return false;

    try {
      const client = await clientOf(integration);
      if (!client) return false;
      if (!client.endpoints.revocationUrl) {
        this.log.info(context, 'token not revoked: the provider has no revocation endpoint');
        return false;
      }
      const secrets = this.dependencies.secrets();
      const token =
        hint === 'refresh_token'
          ? secrets.decrypt(integration.refreshTokenCiphertext!, refreshTokenContext(integration.id))
          : secrets.decrypt(integration.accessTokenCiphertext!, accessTokenContext(integration.id));
      await revokeToken(client, token, hint, signal);
      this.log.info({ ...context, tokenType: hint }, 'token revoked at the provider');
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn({ ...context, tokenType: hint, reason }, 'revoking the token at the provider failed');
      return false;
    }
  }

  /** Number of integrations of `kind` in the environment that hold provider tokens. */
  countConnected(kind: ProviderKind, environmentId: string): Promise<number> {
    return this.repository.countBy({ environmentId, kind, status: In(connectedStatuses) });
  }

  /**
   * Counts the integrations that hold provider tokens for each (environment, kind) pair with
   * one grouped statement, in the order of `providers`.
   */
  async countConnectedByProvider(providers: ReadonlyArray<{ kind: ProviderKind; environmentId: string }>): Promise<number[]> {
    if (providers.length === 0) return [];
    const rows = await this.repository
      .createQueryBuilder('integration')
      .select('integration.environmentId', 'environmentId')
      .addSelect('integration.kind', 'kind')
      .addSelect('COUNT(*)', 'connected')
      .where('integration.environmentId IN (:...environmentIds)', { environmentIds: [...new Set(providers.map((p) => p.environmentId))] })
      .andWhere('integration.kind IN (:...kinds)', { kinds: [...new Set(providers.map((p) => p.kind))] })
      .andWhere('integration.status IN (:...statuses)', { statuses: connectedStatuses })
      .groupBy('integration.environmentId')
      .addGroupBy('integration.kind')
      .getRawMany<{ environmentId: string; kind: string; connected: number | string }>();
    const counts = new Map(rows.map((row) => [`${row.environmentId}:${row.kind}`, Number(row.connected)]));
    return providers.map((provider) => counts.get(`${provider.environmentId}:${provider.kind}`) ?? 0);
  }

  /**
   * Disconnects every integration of `kind` in the environment, for a provider that is being
   * removed, and returns how many of them were connected. `client` is the removed provider's
   * OAuth client, used to revoke their tokens, since its row may already be gone.
   */
  disconnectAllForProvider(kind: ProviderKind, environmentId: string, client?: ProviderClient | null): Promise<number> {
    const clientOf: RevocationClientLookup =
      client === undefined ? this.revocationClientsOnce() : async () => client;
    return this.disconnectAll({ environmentId, kind }, clientOf, { environmentId, kind }, 'integrations disconnected with their provider');
  }

  /** Disconnects every integration of a deleted environment; returns how many were connected. */
  disconnectAllForEnvironment(environmentId: string): Promise<number> {
    return this.disconnectAll({ environmentId }, this.revocationClientsOnce(), { environmentId }, 'integrations disconnected with their environment');
  }

  /** Disconnects every integration of a deleted user. */
  async disconnectAllForUser(user: UserRef): Promise<void> {
    await this.disconnectAll({ userId: user.userId }, this.revocationClientsOnce(), { ...user }, 'integrations disconnected with their user');
  }

  /** A client lookup that resolves each environment's client of a kind once, for one bulk disconnect. */
  private revocationClientsOnce(): RevocationClientLookup {
    const clients = new Map<string, Promise<ProviderClient | null>>();
    return (integration) => {
      const key = `${integration.environmentId}:${integration.kind}`;
      let client = clients.get(key);
      if (!client) {
        client = this.revocationClient(integration.environmentId, integration.kind);
        clients.set(key, client);
      }
      return client;
    };
  }

  /**
   * Disconnects every integration that matches `where` and is not DISCONNECTED yet: first
   * revokes their tokens at the provider, best effort (a few at a time, for at most
   * bulkRevocationBudgetMs, a failure only logged), then deletes the stored tokens and sets
   * DISCONNECTED. Returns how many of them were connected.
   */
  private async disconnectAll(
    where: FindOptionsWhere<Integration>,
    clientOf: RevocationClientLookup,
    logContext: Record<string, unknown>,
    message: string,
  ): Promise<number> {
    const open = { ...where, status: Not(IntegrationStatus.DISCONNECTED) };
    const targets = await this.repository.findBy(open);
    const connected = targets.filter((integration) => connectedStatuses.includes(integration.status)).length;
    const revocation = await this.revokeAll(targets, clientOf);

    await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ ...disconnectedChanges(new Date()), credentialsVersion: () => 'credentials_version + 1' })
      .where(open)
      .execute();
    this.log.info({ ...logContext, disconnected: connected, ...revocation }, message);
    return connected;
  }

  private async revokeAll(integrations: Integration[], clientOf: RevocationClientLookup): Promise<{ revoked: number; notRevoked: number }> {
    const withTokens = integrations.filter((integration) => integration.refreshTokenCiphertext || integration.accessTokenCiphertext);
    if (withTokens.length === 0) return { revoked: 0, notRevoked: 0 };
    const budget = AbortSignal.timeout(bulkRevocationBudgetMs);
    let next = 0;
    let revoked = 0;
    const worker = async () => {
      while (next < withTokens.length && !budget.aborted) {
        const integration = withTokens[next++];
        if (await this.revokeAtProvider(integration, clientOf, budget)) revoked += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(bulkRevocationConcurrency, withTokens.length) }, worker));
    return { revoked, notRevoked: withTokens.length - revoked };
  }

  async withCredentials<T>(user: UserRef, integrationId: string, call: (credentials: ProviderCredentials) => Promise<T>): Promise<T> {
    let integration = await this.repository.findOneBy({ id: integrationId, userId: user.userId, environmentId: user.environmentId });
    if (!integration) throw notFound('Integration');
    if (integration.status !== IntegrationStatus.ACTIVE || !integration.accessTokenCiphertext) throw needsReauthorization(integration);

    const client = await this.dependencies.providers().resolveClient(integration.environmentId, integration.kind);
    const marginMs = this.dependencies.config.integrations.refreshMarginSeconds * 1000;
    const expiresAt = integration.accessTokenExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    if (expiresAt - Date.now() <= marginMs) integration = await this.refresher.refresh(integration, client);

    try {
      return await call(this.credentialsOf(integration, client));
    } catch (error) {
      if (!(error instanceof ProviderUnauthorizedError)) throw error;
      this.log.info({ integrationId, kind: integration.kind }, 'provider rejected the access token; refreshing it');
    }
    integration = await this.refresher.refresh(integration, client);
    try {
      return await call(this.credentialsOf(integration, client));
    } catch (error) {
      if (!(error instanceof ProviderUnauthorizedError)) throw error;
      await this.repository.update(
        { id: integration.id },
        {
          status: IntegrationStatus.NEEDS_REAUTHORIZATION,
          failureReason: 'The provider rejected a freshly refreshed access token.',
          updatedAt: new Date(),
        },
      );
      this.log.warn({ integrationId, kind: integration.kind }, 'provider rejected a refreshed access token; integration needs reauthorization');
      throw needsReauthorization(
        { ...integration, status: IntegrationStatus.NEEDS_REAUTHORIZATION },
        `The ${integration.kind} account must be connected again: the provider rejected a freshly refreshed access token.`,
      );
    }
  }

  private credentialsOf(integration: Integration, client: ProviderClient): ProviderCredentials {
    return {
      integrationId: integration.id,
      kind: integration.kind,
      accessToken: this.dependencies.secrets().decrypt(integration.accessTokenCiphertext!, accessTokenContext(integration.id)),
      apiBaseUrl: client.endpoints.apiBaseUrl,
    };
  }
}

function disconnectedChanges(now: Date): Partial<Integration> {
  return {
    status: IntegrationStatus.DISCONNECTED,
    failureReason: null,
    accessTokenCiphertext: null,
    refreshTokenCiphertext: null,
    accessTokenExpiresAt: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    updatedAt: now,
  };
}

/** Returns the environment's configured scopes, or the subset the request names after checking it. */
function narrowScopes(client: ProviderClient, requested: string[] | null | undefined): string[] {
  if (requested === undefined || requested === null) return client.scopes;
  const scopes = [...new Set(requested.map((scope) => scope.trim()))];
  if (scopes.length === 0 || scopes.includes('')) throw badUserInput('scopes', 'scopes must list at least one non-empty scope, or be omitted.');
  const unknown = scopes.filter((scope) => !client.scopes.includes(scope));
  if (unknown.length > 0) {
    throw badUserInput(
      'scopes',
      `scopes may only narrow the environment's ${client.kind} scopes (${client.scopes.join(' ')}); not configured: ${unknown.join(' ')}.`,
    );
  }
  return scopes;
}
