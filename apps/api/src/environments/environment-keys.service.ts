import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { isUniqueViolation } from '../db/errors';
import { conflict, notFound } from '../graphql/errors';
import { EnvironmentKey } from './environment-key.entity';
import { newKeyRow, prepareKey, type AddedKey, type EnvironmentsService } from './environments.service';

/** Public keys of environments: listing, rotation and revocation. */
export class EnvironmentKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly environments: EnvironmentsService,
    private readonly log: Logger,
  ) {}

  /** Loads every key of each environment, newest first, keyed by environment id. */
  async keysByEnvironment(environmentIds: readonly string[]): Promise<Map<string, EnvironmentKey[]>> {
    const result = new Map<string, EnvironmentKey[]>(environmentIds.map((id) => [id, []]));
    if (environmentIds.length === 0) return result;
    const keys = await this.dataSource.getRepository(EnvironmentKey).find({
      where: { environmentId: In([...new Set(environmentIds)]) },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    for (const key of keys) result.get(key.environmentId)?.push(key);
    return result;
  }

  /** Returns the keys that are accepted at `now`, newest first. */
  async activeKeys(environmentId: string, now = new Date()): Promise<EnvironmentKey[]> {
    const keys = (await this.keysByEnvironment([environmentId])).get(environmentId) ?? [];
    return keys.filter((key) => key.isActiveAt(now));
  }

  /**
   * Adds a key and starts the grace period of every key that was current: they keep
   * working for the configured number of seconds, or until revoked.
   */
  async rotate(accountId: string, environmentId: string, publicKey?: string | null): Promise<AddedKey> {
    const environment = await this.environments.requireOwned(accountId, environmentId);
    const { material, privateKey } = await prepareKey(publicKey);
    const now = new Date();
    const graceEnd = new Date(now.getTime() + this.config.environments.keyRotationGraceSeconds * 1000);
    const key = newKeyRow(environment.id, material, now);

    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(
          EnvironmentKey,
          { environmentId: environment.id, revokedAt: IsNull(), expiresAt: IsNull() },
          { expiresAt: graceEnd },
        );
        await manager.insert(EnvironmentKey, key);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('publicKey is already a key of this environment; send a new public key.', { field: 'publicKey' });
      }
      throw error;
    }
    this.log.info(
      { accountId, environmentId, kid: key.kid, algorithm: key.algorithm, generated: privateKey !== null, graceEnd },
      'environment key rotated',
    );
    return { key, privateKey };
  }

  /** Revokes one key; tokens signed with it fail from the next request on. Revoking twice is harmless. */
  async revoke(accountId: string, environmentId: string, kid: string): Promise<EnvironmentKey> {
    const environment = await this.environments.requireOwned(accountId, environmentId);
    const repository = this.dataSource.getRepository(EnvironmentKey);
    const key = await repository.findOneBy({ environmentId: environment.id, kid });
    if (!key) throw notFound('Environment key');
    if (key.revokedAt === null) {
      key.revokedAt = new Date();
      await repository.update({ id: key.id }, { revokedAt: key.revokedAt });
      this.log.info({ accountId, environmentId, kid }, 'environment key revoked');
    }
    return key;
  }
}
