import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { SecretBox } from '../crypto/secret-box';
import { isUniqueViolation } from '../db/errors';
import type { EnvironmentsService } from '../environments/environments.service';
import { AppError, badUserInput, conflict, notFound } from '../graphql/errors';
import { ProviderCatalog, sandboxClientId, sandboxClientSecret, type CatalogEntry } from './provider-catalog';
import type { ProviderClient } from './provider-client';
import { ProviderKind } from './provider-kind';
import { normalizeClientId, normalizeClientSecret, normalizeScopes, secretHint } from './provider-rules';
import { Provider } from './provider.entity';

/**
 * The integrations operations that the providers feature calls. The integrations service
 * registers them with `ProvidersService.registerIntegrations`, and until then every count is 0.
 */
export interface ProviderIntegrations {
  /** Integrations of this kind in the environment that removing the provider would disconnect. */
  countConnected(kind: ProviderKind, environmentId: string): Promise<number>;
  /** The same count for many providers at once, in their order, with one statement. */
  countConnectedByProvider(providers: ReadonlyArray<Pick<Provider, 'kind' | 'environmentId'>>): Promise<number[]>;
  /**
   * Revokes the tokens of those integrations at the provider with `client` (best effort),
   * marks them DISCONNECTED and returns how many of them were connected.
   */
  disconnectAllForProvider(kind: ProviderKind, environmentId: string, client: ProviderClient | null): Promise<number>;
}

export interface AddProviderInput {
  environmentId: string;
  kind: ProviderKind;
  clientId: string;
  clientSecret: string;
  scopes?: string[] | null;
}

export interface UpdateProviderInput {
  id: string;
  clientId?: string | null;
  clientSecret?: string | null;
  scopes?: string[] | null;
}

export interface RemovedProvider {
  removedProviderId: string;
  disconnectedIntegrations: number;
}

/** GCM additional data: a ciphertext copied to another row or column does not decrypt. */
const secretContext = (providerId: string) => `providers:${providerId}:client_secret`;

/** Provider configurations of environments, their encrypted client secrets and the catalog. */
export class ProvidersService {
  readonly catalog: ProviderCatalog;
  private integrations: ProviderIntegrations | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly environments: EnvironmentsService,
    private readonly secrets: SecretBox,
    private readonly log: Logger,
  ) {
    this.catalog = new ProviderCatalog(config);
  }

  /** The callback URL that developers register at the provider. */
  get redirectUri(): string {
    return `${this.config.publicUrl}/oauth/callback`;
  }

  registerIntegrations(integrations: ProviderIntegrations): void {
    this.integrations = integrations;
  }

  async add(accountId: string, input: AddProviderInput): Promise<Provider> {
    await this.environments.requireOwned(accountId, input.environmentId);
    const entry = this.configurableEntry(input.kind);
    const clientId = normalizeClientId(input.clientId);
    const clientSecret = normalizeClientSecret(input.clientSecret);
    const scopes = input.scopes == null ? [...entry.defaultScopes] : normalizeScopes(entry, input.scopes);

    const now = new Date();
    const id = randomUUID();
    const provider = this.dataSource.getRepository(Provider).create({
      id,
      environmentId: input.environmentId,
      kind: entry.kind,
      clientId,
      clientSecretCiphertext: this.secrets.encrypt(clientSecret, secretContext(id)),
      clientSecretHint: secretHint(clientSecret),
      scopes,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.dataSource.getRepository(Provider).insert(provider);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(`This environment already has a ${entry.kind} provider. Change it with updateProvider instead.`, {
          field: 'kind',
        });
      }
      throw error;
    }
    this.log.info({ providerId: id, environmentId: input.environmentId, kind: entry.kind }, 'provider added');
    return provider;
  }

  async update(accountId: string, input: UpdateProviderInput): Promise<Provider> {
    const provider = await this.requireOwned(accountId, input.id);
    const entry = this.catalog.get(provider.kind);
    const changes: Partial<Provider> = {};
    if (input.clientId != null) changes.clientId = normalizeClientId(input.clientId);
    if (input.clientSecret != null) {
      const clientSecret = normalizeClientSecret(input.clientSecret);
      changes.clientSecretCiphertext = this.secrets.encrypt(clientSecret, secretContext(provider.id));
      changes.clientSecretHint = secretHint(clientSecret);
    }
    if (input.scopes != null) changes.scopes = normalizeScopes(entry, input.scopes);
    if (Object.keys(changes).length === 0) {
      throw badUserInput('input', 'updateProvider needs at least one of clientId, clientSecret or scopes.');
    }

    changes.updatedAt = new Date();
    await this.dataSource.getRepository(Provider).update({ id: provider.id }, changes);
    Object.assign(provider, changes);
    this.log.info(
      { providerId: provider.id, environmentId: provider.environmentId, changed: Object.keys(changes).filter((key) => key !== 'updatedAt') },
      'provider updated',
    );
    return provider;
  }

  /**
   * Removes a provider. With connected integrations it needs `force`, and then disconnects
   * them after the row is gone, so that no new connection can start in between; their
   * tokens are revoked with the client read before the removal.
   */
  async remove(accountId: string, input: { id: string; force?: boolean | null }): Promise<RemovedProvider> {
    const provider = await this.requireOwned(accountId, input.id);
    const connected = await this.countConnectedIntegrations(provider);
    if (connected > 0 && !input.force) {
      throw conflict(
        `This ${provider.kind} provider has ${connected} connected integration${connected === 1 ? '' : 's'}. Pass force: true to remove it and disconnect them.`,
        { connectedIntegrations: connected },
      );
    }

    const client = this.revocationClientOf(provider);
    await this.dataSource.getRepository(Provider).delete({ id: provider.id });
    const disconnected = this.integrations
      ? await this.integrations.disconnectAllForProvider(provider.kind, provider.environmentId, client)
      : 0;
    this.log.info(
      { providerId: provider.id, environmentId: provider.environmentId, kind: provider.kind, disconnectedIntegrations: disconnected },
      'provider removed',
    );
    return { removedProviderId: provider.id, disconnectedIntegrations: disconnected };
  }

  /** Providers of many environments in one statement, for the per-request loader. */
  listByEnvironmentIds(environmentIds: readonly string[]): Promise<Provider[]> {
    if (environmentIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(Provider).find({
      where: { environmentId: In([...environmentIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  countConnectedIntegrations(provider: Pick<Provider, 'kind' | 'environmentId'>): Promise<number> {
    // NOTE: 0 until the integrations service registers itself through registerIntegrations.
    if (!this.integrations) return Promise.resolve(0);
    return this.integrations.countConnected(provider.kind, provider.environmentId);
  }

  /** Connected integrations of many providers in one statement, for the per-request loader. */
  countConnectedIntegrationsOf(providers: ReadonlyArray<Pick<Provider, 'kind' | 'environmentId'>>): Promise<number[]> {
    if (!this.integrations || providers.length === 0) return Promise.resolve(providers.map(() => 0));
    return this.integrations.countConnectedByProvider(providers);
  }

  /**
   * Returns the OAuth client of an environment for one kind, with its secret decrypted and
   * the endpoints in effect. SANDBOX needs no configuration and resolves to the built-in
   * client. Raises NOT_FOUND with reason PROVIDER_NOT_CONFIGURED for a kind the environment
   * has not added.
   */
  async resolveClient(environmentId: string, kind: ProviderKind): Promise<ProviderClient> {
    const entry = this.catalog.get(kind);
    if (!entry.requiresConfiguration) {
      return { ...this.catalogFields(entry, environmentId), clientId: sandboxClientId, clientSecret: sandboxClientSecret, scopes: [...entry.defaultScopes] };
    }

    const provider = await this.dataSource.getRepository(Provider).findOneBy({ environmentId, kind });
    if (!provider) {
      throw new AppError('NOT_FOUND', `Provider ${kind} is not configured in this environment. Add it in the console first.`, {
        reason: 'PROVIDER_NOT_CONFIGURED',
        kind,
      });
    }
    return this.clientOf(provider);
  }

  /** The parts of a client that come from the catalog and the server's public URL. */
  private catalogFields(entry: CatalogEntry, environmentId: string) {
    return {
      kind: entry.kind,
      environmentId,
      endpoints: { ...entry.endpoints },
      extraAuthorizationParams: { ...entry.extraAuthorizationParams },
      redirectUri: this.redirectUri,
    };
  }

  private clientOf(provider: Provider): ProviderClient {
    return {
      ...this.catalogFields(this.catalog.get(provider.kind), provider.environmentId),
      clientId: provider.clientId,
      clientSecret: this.secrets.decrypt(provider.clientSecretCiphertext, secretContext(provider.id)),
      scopes: [...provider.scopes],
    };
  }

  /** The client of a provider about to be removed, to revoke tokens with; null (logged) when its secret does not decrypt. */
  private revocationClientOf(provider: Provider): ProviderClient | null {
    try {
      return this.clientOf(provider);
    } catch (error) {
      this.log.warn({ providerId: provider.id, err: error }, 'tokens will not be revoked: the client secret does not decrypt');
      return null;
    }
  }

  /** Loads the caller's provider, raising NOT_FOUND when it does not exist or belongs to another account. */
  private async requireOwned(accountId: string, providerId: string): Promise<Provider> {
    const provider = await this.dataSource.getRepository(Provider).findOneBy({ id: providerId });
    if (!provider) throw notFound('Provider');
    try {
      await this.environments.requireOwned(accountId, provider.environmentId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Provider');
      throw error;
    }
    return provider;
  }

  private configurableEntry(kind: ProviderKind): CatalogEntry {
    if (!Object.values(ProviderKind).includes(kind)) {
      throw badUserInput('kind', `kind must be one of ${Object.values(ProviderKind).join(', ')}.`);
    }
    const entry = this.catalog.get(kind);
    if (!entry.requiresConfiguration) {
      throw badUserInput('kind', `${kind} is built in and available in every environment without addProvider.`);
    }
    return entry;
  }
}
