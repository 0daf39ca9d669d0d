import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { Logger } from 'pino';
import { Account } from '../accounts/account.entity';
import type { Auth } from '../auth/auth';
import type { Config } from '../config/config';
import { dialectOf } from '../db/data-source';
import { isUniqueViolation } from '../db/errors';
import { AppError, badUserInput, conflict, notFound } from '../graphql/errors';
import { EnvironmentKey } from './environment-key.entity';
import { Environment, EnvironmentStatus } from './environment.entity';
import { normalizeEnvironmentName, normalizeReturnUrls } from './environment-rules';
import { generateEs256KeyPair, parsePublicKey, type PublicKeyMaterial } from './key-material';

/** A key that was just added, with the private key when the server generated it. */
export interface AddedKey {
  key: EnvironmentKey;
  /** PKCS#8 PEM, only when the server generated the pair; it exists nowhere else afterwards. */
  privateKey: string | null;
}

export interface CreatedEnvironment extends AddedKey {
  environment: Environment;
}

/** An environment whose status changed or that was deleted. */
export interface EnvironmentChange {
  environmentId: string;
  accountId: string;
}

/**
 * Cleanup that other features register for an environment's status change or deletion,
 * such as evicting cached user tokens or disconnecting integrations. A listener that fails
 * is logged and does not undo the change.
 */
export type EnvironmentListener = (change: EnvironmentChange) => void | Promise<void>;

/**
 * Makes the key material for a new key: the caller's public key when given, otherwise a
 * fresh ES256 pair whose private key goes back to the caller once.
 */
export async function prepareKey(publicKey: string | null | undefined): Promise<{ material: PublicKeyMaterial; privateKey: string | null }> {
  if (publicKey !== undefined && publicKey !== null) return { material: await parsePublicKey(publicKey), privateKey: null };
  const generated = await generateEs256KeyPair();
  return { material: generated.material, privateKey: generated.privateKeyPem };
}

export function newKeyRow(environmentId: string, material: PublicKeyMaterial, now: Date): EnvironmentKey {
  return Object.assign(new EnvironmentKey(), {
    id: randomUUID(),
    environmentId,
    ...material,
    createdAt: now,
    expiresAt: null,
    revokedAt: null,
  });
}

/** Environments of an account. Other features reach environments only through this service. */
export class EnvironmentsService {
  private readonly statusListeners: EnvironmentListener[] = [];
  private readonly deletedListeners: EnvironmentListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  /** Registers cleanup to run after an environment is deactivated or reactivated. */
  onStatusChanged(listener: EnvironmentListener): void {
    this.statusListeners.push(listener);
  }

  /** Registers cleanup to run after an environment is deleted, to revoke what was issued under it. */
  onDeleted(listener: EnvironmentListener): void {
    this.deletedListeners.push(listener);
  }

  /**
   * Returns the account's environment, or raises NOT_FOUND when it does not exist, is
   * deleted or belongs to another account, so that ids cannot be probed.
   */
  async requireOwned(accountId: string, environmentId: string): Promise<Environment> {
    const environment = await this.dataSource
      .getRepository(Environment)
      .findOneBy({ id: environmentId, accountId, deletedAt: IsNull() });
    if (!environment) throw notFound('Environment');
    return environment;
  }

  /**
   * Returns the environment when the credential may read it. A console session may read the
   * account's environments, and an environment token or a user token only its own
   * environment. Any other id is NOT_FOUND.
   */
  async requireVisible(auth: Auth, environmentId: string): Promise<Environment> {
    if (auth.kind === 'developer') return this.requireOwned(auth.accountId, environmentId);
    if ((auth.kind === 'environment' || auth.kind === 'user') && auth.environmentId === environmentId) {
      return this.requireOwned(auth.accountId, environmentId);
    }
    throw notFound('Environment');
  }

  /** Returns an environment that is not deleted, or null. */
  findById(environmentId: string): Promise<Environment | null> {
    return this.dataSource.getRepository(Environment).findOneBy({ id: environmentId, deletedAt: IsNull() });
  }

  /** The account's environments that are not deleted, oldest first. */
  list(accountId: string): Promise<Environment[]> {
    return this.dataSource.getRepository(Environment).find({
      where: { accountId, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async create(
    accountId: string,
    input: { name: string; publicKey?: string | null; allowedReturnUrls?: string[] | null },
  ): Promise<CreatedEnvironment> {
    const name = normalizeEnvironmentName(input.name);
    const allowedReturnUrls = normalizeReturnUrls(input.allowedReturnUrls ?? []);
    const { material, privateKey } = await prepareKey(input.publicKey);
    const now = new Date();
    const limit = this.config.environments.maxPerAccount;

    const environment = Object.assign(new Environment(), {
      id: randomUUID(),
      accountId,
      name,
      nameKey: name.toLowerCase(),
      status: EnvironmentStatus.ACTIVE,
      allowedReturnUrls,
      createdAt: now,
      deletedAt: null,
    });
    const key = newKeyRow(environment.id, material, now);

    try {
      await this.dataSource.transaction(async (manager) => {
        await this.lockAccount(manager, accountId);
        const count = await manager.countBy(Environment, { accountId, deletedAt: IsNull() });
        if (count >= limit) {
          throw new AppError(
            'LIMIT_REACHED',
            `This account already has ${count} environments, the maximum is ${limit}. Delete one first.`,
            { limit },
          );
        }
        await manager.insert(Environment, environment);
        await manager.insert(EnvironmentKey, key);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.duplicateName(name);
      throw error;
    }
    this.log.info(
      { accountId, environmentId: environment.id, kid: key.kid, algorithm: key.algorithm, generated: privateKey !== null },
      'environment created',
    );
    return { environment, key, privateKey };
  }

  async rename(accountId: string, environmentId: string, newName: string): Promise<Environment> {
    const environment = await this.requireOwned(accountId, environmentId);
    const name = normalizeEnvironmentName(newName);
    try {
      await this.dataSource
        .getRepository(Environment)
        .update({ id: environment.id }, { name, nameKey: name.toLowerCase() });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.duplicateName(name);
      throw error;
    }
    this.log.info({ accountId, environmentId }, 'environment renamed');
    return Object.assign(environment, { name, nameKey: name.toLowerCase() });
  }

  async updateReturnUrls(accountId: string, environmentId: string, urls: string[]): Promise<Environment> {
    const environment = await this.requireOwned(accountId, environmentId);
    const allowedReturnUrls = normalizeReturnUrls(urls);
    await this.dataSource.getRepository(Environment).update({ id: environment.id }, { allowedReturnUrls });
    this.log.info({ accountId, environmentId, count: allowedReturnUrls.length }, 'environment return URLs updated');
    return Object.assign(environment, { allowedReturnUrls });
  }

  /**
   * Sets the status; tokens of a deactivated environment are rejected from the next request
   * on, here at once, on other processes within the user-token cache bound.
   */
  async setStatus(accountId: string, environmentId: string, status: EnvironmentStatus): Promise<Environment> {
    const environment = await this.requireOwned(accountId, environmentId);
    if (environment.status !== status) {
      await this.dataSource.getRepository(Environment).update({ id: environment.id }, { status });
      this.log.info({ accountId, environmentId, status }, 'environment status changed');
      await this.notify(this.statusListeners, { environmentId, accountId }, 'cleanup after an environment status change failed');
    }
    return Object.assign(environment, { status });
  }

  /**
   * Deletes an environment after its name was typed back. The row stays (marked deleted,
   * its name freed) so that usage records keep their owner; every key is revoked in the
   * same transaction, so its tokens fail from the next request on. The deletion listeners
   * then revoke what was issued under the environment (user tokens, integrations).
   */
  async delete(accountId: string, environmentId: string, confirmName: string): Promise<Environment> {
    const environment = await this.requireOwned(accountId, environmentId);
    if (confirmName.trim() !== environment.name) {
      throw badUserInput('confirmName', 'confirmName must equal the environment name exactly, to confirm the deletion.');
    }
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Environment, { id: environment.id }, { deletedAt: now, nameKey: null });
      await manager.update(EnvironmentKey, { environmentId: environment.id, revokedAt: IsNull() }, { revokedAt: now });
    });
    this.log.info({ accountId, environmentId }, 'environment deleted');
    await this.notify(this.deletedListeners, { environmentId, accountId }, 'cleanup after environment deletion failed');
    return Object.assign(environment, { deletedAt: now, nameKey: null });
  }

  private async notify(listeners: EnvironmentListener[], change: EnvironmentChange, failure: string): Promise<void> {
    for (const listener of listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.log.error({ err: error, ...change }, failure);
      }
    }
  }

  /**
   * Serializes environment creation per account on MySQL, so that concurrent requests
   * cannot pass the limit together. SQLite runs one write transaction at a time anyway.
   */
  private async lockAccount(manager: EntityManager, accountId: string): Promise<void> {
    if (dialectOf(this.dataSource) !== 'mysql') return;
    await manager.findOne(Account, { where: { id: accountId }, lock: { mode: 'pessimistic_write' } });
  }

  private duplicateName(name: string): AppError {
    return conflict(`An environment named "${name}" already exists in this account (names ignore case).`, { field: 'name' });
  }
}
