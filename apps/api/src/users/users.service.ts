import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { Logger } from 'pino';
import type { Auth } from '../auth/auth';
import type { Config } from '../config/config';
import { sha256Hex } from '../crypto/tokens';
import { isUniqueViolation } from '../db/errors';
import { inTransaction } from '../db/transaction';
import { decodeCursor, encodeCursor, pageSizeOf } from '../graphql/connection';
import { badUserInput, conflict, notFound } from '../graphql/errors';
import { EnvironmentUser, EnvironmentUserStatus } from './environment-user.entity';
import { UserAccessToken } from './user-access-token.entity';
import { generateUserToken } from './user-token';
import { UserTokenCache } from './user-token-cache';
import { UserTokenVerifier } from './user-token-verifier';
import { checkExternalId, checkExternalIdPrefix, checkNewExternalId, likePrefixPattern, tokenTtlSeconds } from './user-rules';

/** A freshly issued access token; the plaintext exists only in this response. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface UserWithToken {
  user: EnvironmentUser;
  accessToken: IssuedToken;
}

export interface UserPage {
  edges: Array<{ cursor: string; node: EnvironmentUser }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/** Called after a user is deleted, for example to revoke the user's integrations. */
export type UserDeletedListener = (user: { userId: string; environmentId: string }) => Promise<void>;

const cursorOf = (user: EnvironmentUser) => encodeCursor([user.createdAt.toISOString(), user.id]);

/**
 * End users of environments and their access tokens. Callers pass an environment id they
 * have already authorized (the environment token's, or one the console session owns).
 */
export class UsersService {
  readonly tokenCache: UserTokenCache;
  /** The BearerVerifier for `wat_` tokens; services.ts registers it. */
  readonly tokenVerifier: UserTokenVerifier;
  private readonly deletedListeners: UserDeletedListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.tokenCache = new UserTokenCache(config.userTokens.cacheSeconds * 1000, config.userTokens.cacheMaxEntries);
    this.tokenVerifier = new UserTokenVerifier(dataSource, this.tokenCache);
  }

  /**
   * Makes this process reject the tokens of an environment's users from the next request,
   * instead of after the token cache bound. The environments feature calls it when an
   * environment is deactivated or deleted.
   */
  evictEnvironmentTokens(environmentId: string): void {
    this.tokenCache.evictEnvironment(environmentId);
  }

  /** Builds the user of a user-token request from what was read while verifying the token. */
  async currentUser(auth: Auth): Promise<EnvironmentUser | null> {
    if (auth.kind !== 'user') return null;
    const facts = this.tokenVerifier.factsOf(auth);
    if (!facts) return this.findUser(auth.userId);
    // A token is accepted only while its user is active and not deleted, so these fields are current.
    return this.users().create({
      id: facts.userId,
      environmentId: facts.environmentId,
      externalId: facts.userExternalId,
      externalIdKey: sha256Hex(facts.userExternalId),
      status: EnvironmentUserStatus.ACTIVE,
      authVersion: facts.userAuthVersion,
      createdAt: facts.userCreatedAt,
      deactivatedAt: null,
      deletedAt: null,
    });
  }

  /**
   * Registers cleanup to run after deleteUser.
   * NOTE: a deleted user's integrations are revoked only by a listener that the
   * integrations feature registers here.
   */
  onUserDeleted(listener: UserDeletedListener): void {
    this.deletedListeners.push(listener);
  }

  async createUser(environmentId: string, externalId: string): Promise<UserWithToken> {
    checkNewExternalId(externalId);
    const now = new Date();
    const user = this.users().create({
      id: randomUUID(),
      environmentId,
      externalId,
      externalIdKey: sha256Hex(externalId),
      status: EnvironmentUserStatus.ACTIVE,
      authVersion: 1,
      createdAt: now,
      deactivatedAt: null,
      deletedAt: null,
    });
    try {
      const accessToken = await inTransaction(this.dataSource, async (manager) => {
        await manager.insert(EnvironmentUser, user);
        return this.insertToken(manager, user, this.config.userTokens.defaultTtlSeconds, now);
      });
      this.log.info({ userId: user.id, environmentId }, 'user created');
      return { user, accessToken };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('A user with this externalId already exists in the environment.', { field: 'externalId' });
      }
      throw error;
    }
  }

  /**
   * Revokes every access token of the user and returns a new one. A deactivated user is
   * rejected with CONFLICT before anything changes, as issueAccessToken does.
   */
  async reauthorizeUser(environmentId: string, externalId: string): Promise<UserWithToken> {
    const found = await this.requireUser(environmentId, externalId);
    this.requireActive(found);
    const now = new Date();
    const result = await inTransaction(this.dataSource, async (manager) => {
      await manager.increment(EnvironmentUser, { id: found.id }, 'authVersion', 1);
      await manager.update(UserAccessToken, { userId: found.id, revokedAt: IsNull() }, { revokedAt: now });
      const user = await manager.findOneByOrFail(EnvironmentUser, { id: found.id });
      const accessToken = await this.insertToken(manager, user, this.config.userTokens.defaultTtlSeconds, now);
      return { user, accessToken };
    });
    this.tokenCache.evictUser(found.id);
    this.log.info({ userId: found.id, environmentId }, 'user reauthorized; earlier access tokens revoked');
    return result;
  }

  async issueAccessToken(environmentId: string, externalId: string, expiresInSeconds?: number | null): Promise<UserWithToken> {
    const ttlSeconds = tokenTtlSeconds(expiresInSeconds, this.config.userTokens);
    const user = await this.requireUser(environmentId, externalId);
    this.requireActive(user);
    const accessToken = await this.insertToken(this.dataSource.manager, user, ttlSeconds, new Date());
    return { user, accessToken };
  }

  /** Issues a new token to the holder of a valid one; the old token stays valid until it expires. */
  async refreshAccessToken(userId: string, expiresInSeconds?: number | null): Promise<UserWithToken> {
    const ttlSeconds = tokenTtlSeconds(expiresInSeconds, this.config.userTokens);
    const user = await this.findUser(userId);
    if (!user) throw notFound('User');
    this.requireActive(user);
    const accessToken = await this.insertToken(this.dataSource.manager, user, ttlSeconds, new Date());
    return { user, accessToken };
  }

  /** Revokes one access token, for example when the end user signs out of the application. */
  async revokeAccessToken(tokenId: string): Promise<void> {
    await this.tokens().update({ id: tokenId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.tokenCache.evictToken(tokenId);
  }

  async deactivateUser(environmentId: string, externalId: string): Promise<EnvironmentUser> {
    const user = await this.requireUser(environmentId, externalId);
    if (user.status !== EnvironmentUserStatus.DEACTIVATED) {
      user.status = EnvironmentUserStatus.DEACTIVATED;
      user.deactivatedAt = new Date();
      await this.users().update({ id: user.id }, { status: user.status, deactivatedAt: user.deactivatedAt });
      this.tokenCache.evictUser(user.id);
      this.log.info({ userId: user.id, environmentId }, 'user deactivated');
    }
    return user;
  }

  async reactivateUser(environmentId: string, externalId: string): Promise<EnvironmentUser> {
    const user = await this.requireUser(environmentId, externalId);
    if (user.status !== EnvironmentUserStatus.ACTIVE) {
      user.status = EnvironmentUserStatus.ACTIVE;
      user.deactivatedAt = null;
      await this.users().update({ id: user.id }, { status: user.status, deactivatedAt: null });
      this.tokenCache.evictUser(user.id);
      this.log.info({ userId: user.id, environmentId }, 'user reactivated');
    }
    return user;
  }

  /**
   * Deletes a user: its tokens are revoked and its externalId becomes free for a new user.
   * The row stays, so that usage keeps its owner, and deletion listeners then revoke what
   * other features hold for the user.
   */
  async deleteUser(environmentId: string, externalId: string): Promise<EnvironmentUser> {
    const user = await this.requireUser(environmentId, externalId);
    const now = new Date();
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(EnvironmentUser, { id: user.id }, { deletedAt: now, externalIdKey: null });
      await manager.update(UserAccessToken, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
    });
    user.deletedAt = now;
    user.externalIdKey = null;
    this.tokenCache.evictUser(user.id);
    this.log.info({ userId: user.id, environmentId }, 'user deleted');

    for (const listener of this.deletedListeners) {
      try {
        await listener({ userId: user.id, environmentId });
      } catch (error) {
        this.log.error({ err: error, userId: user.id, environmentId }, 'cleanup after user deletion failed');
      }
    }
    return user;
  }

  /** Finds the live user with this externalId, or raises NOT_FOUND. */
  async requireUser(environmentId: string, externalId: string): Promise<EnvironmentUser> {
    checkExternalId(externalId);
    const user = await this.users().findOneBy({ environmentId, externalIdKey: sha256Hex(externalId) });
    if (!user) throw notFound('User');
    return user;
  }

  /** Finds a live (not deleted) user by id; null when there is none. */
  findUser(userId: string): Promise<EnvironmentUser | null> {
    return this.users().findOneBy({ id: userId, deletedAt: IsNull() });
  }

  /** Users of an environment, oldest first, optionally those whose externalId starts with a prefix. */
  async listUsers(
    environmentId: string,
    args: { first?: number | null; after?: string | null; externalIdPrefix?: string | null },
  ): Promise<UserPage> {
    const first = pageSizeOf(args.first);
    const prefix = checkExternalIdPrefix(args.externalIdPrefix);
    const query = this.users()
      .createQueryBuilder('user')
      .where('user.environmentId = :environmentId', { environmentId })
      .andWhere('user.deletedAt IS NULL');
    if (prefix) query.andWhere(`user.externalId LIKE :pattern ESCAPE '!'`, { pattern: likePrefixPattern(prefix) });
    const totalCount = await query.clone().getCount();

    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      const after = new Date(createdAt);
      if (Number.isNaN(after.getTime())) throw badUserInput('after', 'after is not a cursor returned by this connection.');
      query.andWhere('(user.createdAt > :after OR (user.createdAt = :after AND user.id > :afterId))', { after, afterId: id });
    }
    const rows = await query.orderBy('user.createdAt', 'ASC').addOrderBy('user.id', 'ASC').limit(first + 1).getMany();
    const page = rows.slice(0, first);
    return {
      edges: page.map((node) => ({ cursor: cursorOf(node), node })),
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      totalCount,
    };
  }

  private requireActive(user: EnvironmentUser): void {
    if (user.status !== EnvironmentUserStatus.ACTIVE) {
      throw conflict('The user is deactivated and gets no new access tokens. Call reactivateUser first.', { reason: 'USER_DEACTIVATED' });
    }
  }

  private async insertToken(manager: EntityManager, user: EnvironmentUser, ttlSeconds: number, now: Date): Promise<IssuedToken> {
    const { token, tokenHash } = generateUserToken();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    await manager.insert(UserAccessToken, {
      id: randomUUID(),
      userId: user.id,
      environmentId: user.environmentId,
      tokenHash,
      authVersion: user.authVersion,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { token, expiresAt };
  }

  private users() {
    return this.dataSource.getRepository(EnvironmentUser);
  }

  private tokens() {
    return this.dataSource.getRepository(UserAccessToken);
  }
}
