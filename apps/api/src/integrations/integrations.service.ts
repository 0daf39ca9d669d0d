import { randomUUID } from 'node:crypto';
import { In, Not, type DataSource } from 'typeorm';
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
import { OAuthExchangeError, revokeToken } from './oauth-client';
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

    await this.revokeAtProvider(integration);
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

  private async revokeAtProvider(integration: Integration): Promise<void> {
    const context = { integrationId: integration.id, kind: integration.kind };
    const secrets = this.dependencies.secrets();
    const token = integration.refreshTokenCiphertext
      ? { value: secrets.decrypt(integration.refreshTokenCiphertext, refreshTokenContext(integration.id)), hint: 'refresh_token' as const }
      : integration.accessTokenCiphertext
        ? { value: secrets.decrypt(integration.accessTokenCiphertext, accessTokenContext(integration.id)), hint: 'access_token' as const }
        : null;
    if (!token) return;

    let client: ProviderClient;
    try {
      client = await this.dependencies.providers().resolveClient(integration.environmentId, integration.kind);
    } catch (error) {
      this.log.warn({ ...context, err: error }, 'token not revoked: the provider is not configured any more');
      return;
    }
    if (!client.endpoints.revocationUrl) {
      this.log.info(context, 'token not revoked: the provider has no revocation endpoint');
      return;
    }
    try {
      await revokeToken(client, token.value, token.hint);
      this.log.info({ ...context, tokenType: token.hint }, 'token revoked at the provider');
    } catch (error) {
      const reason = error instanceof OAuthExchangeError ? error.message : String(error);
      this.log.warn({ ...context, tokenType: token.hint, reason }, 'revoking the token at the provider failed');
    }
  }

  /** Number of integrations of `kind` in the environment that hold provider tokens. */
  countConnected(kind: ProviderKind, environmentId: string): Promise<number> {
    return this.repository.countBy({ environmentId, kind, status: In(connectedStatuses) });
  }

  /**
   * Marks every integration of `kind` in the environment DISCONNECTED and deletes their
   * tokens, for a provider that is being removed; returns how many changed.
   * NOTE: the tokens are not revoked at the provider here, because removing a provider may
   * touch thousands of integrations; they lapse when they expire.
   */
  async disconnectAllForProvider(kind: ProviderKind, environmentId: string): Promise<number> {
    const now = new Date();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ ...disconnectedChanges(now), credentialsVersion: () => 'credentials_version + 1' })
      .where({ environmentId, kind, status: Not(IntegrationStatus.DISCONNECTED) })
      .execute();
    const changed = result.affected ?? 0;
    this.log.info({ environmentId, kind, disconnected: changed }, 'integrations disconnected with their provider');
    return changed;
  }

  /** Disconnects every integration of a deleted user, deleting the stored tokens. */
  async disconnectAllForUser(user: UserRef): Promise<void> {
    const now = new Date();
    await this.dataSource
      .createQueryBuilder()
      .update(Integration)
      .set({ ...disconnectedChanges(now), credentialsVersion: () => 'credentials_version + 1' })
      .where({ userId: user.userId, status: Not(IntegrationStatus.DISCONNECTED) })
      .execute();
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
