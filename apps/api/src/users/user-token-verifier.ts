import type { DataSource } from 'typeorm';
import type { Auth, BearerVerifier } from '../auth/auth';
import { sha256Hex } from '../crypto/tokens';
import { unauthenticated } from '../graphql/errors';
import { EnvironmentUserStatus } from './environment-user.entity';
import type { UserTokenCache, UserTokenFacts } from './user-token-cache';
import { isWellFormedUserToken, userTokenPrefix } from './user-token';

/**
 * One statement reads the token, its user and its environment, so that a cache miss costs
 * a single round trip and environment deactivation is checked with the rest.
 */
const factsQuery = `
  SELECT t.id AS token_id, t.user_id, t.environment_id, t.auth_version AS token_auth_version,
         t.expires_at, t.revoked_at,
         u.external_id AS user_external_id, u.created_at AS user_created_at, u.status AS user_status, u.auth_version AS user_auth_version, u.deleted_at AS user_deleted_at,
         e.account_id, e.status AS environment_status, e.deleted_at AS environment_deleted_at
  FROM user_access_tokens t
  JOIN environment_users u ON u.id = t.user_id
  JOIN environments e ON e.id = t.environment_id
  WHERE t.token_hash = ?`;

type FactsRow = Record<string, unknown>;

/** mysql2 returns DATETIME as Date (in UTC here); better-sqlite3 returns TypeORM's UTC text. */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

function toFacts(row: FactsRow): UserTokenFacts {
  return {
    tokenId: String(row.token_id),
    userId: String(row.user_id),
    environmentId: String(row.environment_id),
    accountId: String(row.account_id),
    tokenAuthVersion: Number(row.token_auth_version),
    expiresAt: toDate(row.expires_at) as Date,
    revokedAt: toDate(row.revoked_at),
    userExternalId: String(row.user_external_id),
    userCreatedAt: toDate(row.user_created_at) as Date,
    userStatus: String(row.user_status),
    userAuthVersion: Number(row.user_auth_version),
    userDeletedAt: toDate(row.user_deleted_at),
    environmentStatus: String(row.environment_status),
    environmentDeletedAt: toDate(row.environment_deleted_at),
  };
}

/**
 * Returns the reason a token is rejected, or null when it is valid at `now`. Each message
 * names the check that failed and never contains the token.
 */
export function rejectionOf(facts: UserTokenFacts, now: number): string | null {
  if (facts.environmentDeletedAt) return 'The user access token belongs to an environment that was deleted.';
  if (facts.environmentStatus !== 'ACTIVE') {
    return 'The user access token belongs to a deactivated environment; the developer can reactivate it in the console.';
  }
  if (facts.userDeletedAt) return 'The user of this access token was deleted.';
  if (facts.userStatus !== EnvironmentUserStatus.ACTIVE) {
    return "The user of this access token is deactivated; the developer's backend can reactivate it with reactivateUser.";
  }
  if (facts.tokenAuthVersion !== facts.userAuthVersion) {
    return 'The access token was issued before the user was reauthorized; use the token that reauthorizeUser returned.';
  }
  if (facts.revokedAt) return 'The access token was revoked.';
  if (facts.expiresAt.getTime() <= now) {
    return `The access token expired at ${facts.expiresAt.toISOString()}; ask the application for a new one.`;
  }
  return null;
}

/**
 * Authenticates `Authorization: Bearer wat_...` requests as an end user. The facts behind
 * each accepted Auth stay readable through `factsOf` for that request, so that
 * `currentUser` needs no further query.
 */
export class UserTokenVerifier implements BearerVerifier {
  private readonly verified = new WeakMap<Auth, UserTokenFacts>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: UserTokenCache,
  ) {}

  accepts(token: string): boolean {
    return token.startsWith(userTokenPrefix);
  }

  async verify(token: string): Promise<Auth> {
    if (!isWellFormedUserToken(token)) {
      throw unauthenticated('The user access token is malformed: expected "wat_" followed by 43 base64url characters.');
    }
    const tokenHash = sha256Hex(token);
    const facts = await this.cache.get(tokenHash, () => this.readFacts(tokenHash));
    if (!facts) throw unauthenticated('The user access token is not recognized; it was never issued by this server.');

    const rejection = rejectionOf(facts, Date.now());
    if (rejection) throw unauthenticated(rejection);
    const auth: Auth = {
      kind: 'user',
      userId: facts.userId,
      environmentId: facts.environmentId,
      accountId: facts.accountId,
      tokenId: facts.tokenId,
    };
    this.verified.set(auth, facts);
    return auth;
  }

  /** Returns what was read about the token of an Auth this verifier returned; undefined for any other. */
  factsOf(auth: Auth): UserTokenFacts | undefined {
    return this.verified.get(auth);
  }

  private async readFacts(tokenHash: string): Promise<UserTokenFacts | null> {
    const rows: FactsRow[] = await this.dataSource.query(factsQuery, [tokenHash]);
    return rows.length > 0 ? toFacts(rows[0]) : null;
  }
}
