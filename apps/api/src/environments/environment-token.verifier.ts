import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { DataSource } from 'typeorm';
import { LessThan } from 'typeorm';
import type { Logger } from 'pino';
import type { Auth, BearerVerifier } from '../auth/auth';
import type { Config } from '../config/config';
import { sha256Hex } from '../crypto/tokens';
import { isUniqueViolation } from '../db/errors';
import { AppError, unauthenticated } from '../graphql/errors';
import { EnvironmentKey } from './environment-key.entity';
import { EnvironmentTokenUse } from './environment-token-use.entity';
import { EnvironmentStatus } from './environment.entity';
import type { EnvironmentsService } from './environments.service';
import type { EnvironmentKeysService } from './environment-keys.service';

/** Longest accepted lifetime of an environment token (`exp - iat`), in seconds. */
export const maxTokenLifetimeSeconds = 300;
/** Clock difference tolerated on `iat`, `nbf` and `exp`, in seconds. */
export const clockSkewSeconds = 30;
export const maxJtiLength = 128;

/** Seconds between two deletions of expired `jti` rows by one process. */
const pruneIntervalSeconds = 60;
/** Parsed public keys kept per process; the cache starts over when it reaches this size. */
const maxCachedPublicKeys = 10_000;

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function rejected(check: string): AppError {
  return unauthenticated(`Environment token rejected: ${check}.`);
}

/**
 * Verifies environment tokens: compact JWS signed with one of the environment's active
 * keys. Each failure is UNAUTHENTICATED with a message naming the check, and no message
 * quotes the token. Keys and the environment are read from the database on every request,
 * so revocation and deactivation apply from the next request in every process.
 */
export class EnvironmentTokenVerifier implements BearerVerifier {
  private readonly publicKeys = new Map<string, KeyObject>();
  private lastPruneAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly environments: EnvironmentsService,
    private readonly keys: EnvironmentKeysService,
    private readonly log: Logger,
  ) {}

  accepts(token: string): boolean {
    return compactJws.test(token);
  }

  async verify(token: string): Promise<Auth> {
    const { header, unverifiedIssuer } = this.decode(token);
    if (typeof header.alg !== 'string') throw rejected('the alg header is missing or not a string');
    if (header.alg.toLowerCase() === 'none') throw rejected('unsigned tokens (alg "none") are not accepted');
    // RFC 7515 section 4.1.11: a recipient must reject a token whose crit names an extension it
    // does not implement. No extension is implemented here, so any crit is rejected.
    if (header.crit !== undefined) throw rejected('unsupported critical header (crit): this server implements no JWS extensions');
    if (unverifiedIssuer === undefined) throw rejected('the iss claim (the environment id) is missing');

    const environment = await this.environments.findById(unverifiedIssuer);
    if (!environment) throw rejected('unknown environment (iss)');
    if (environment.status !== EnvironmentStatus.ACTIVE) throw rejected('the environment is deactivated');

    const now = new Date();
    const allKeys = (await this.keys.keysByEnvironment([environment.id])).get(environment.id) ?? [];
    const key = await this.findSigningKey(token, header, allKeys, now);
    const claims = this.verifiedClaims(token);
    const expiresAt = this.checkClaims(claims, environment.id, now);
    await this.recordJti(environment.id, claims.jti as string, expiresAt);

    return { kind: 'environment', environmentId: environment.id, accountId: environment.accountId, keyId: key.kid };
  }

  private decode(token: string): { header: ProtectedHeaderParameters; unverifiedIssuer: string | undefined } {
    let header: ProtectedHeaderParameters;
    let payload: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      payload = decodeJwt(token);
    } catch {
      throw rejected('the token is not a well-formed JWT (header or payload is not base64url JSON)');
    }
    return { header, unverifiedIssuer: typeof payload.iss === 'string' ? payload.iss : undefined };
  }

  /**
   * Finds the active key that signed the token. The `alg` header must be the algorithm of
   * an active key (so HS256 keyed with a public key never reaches a verifier). When no
   * active key verifies, the environment's revoked and expired keys are tried only to name
   * the reason in the message.
   */
  private async findSigningKey(
    token: string,
    header: ProtectedHeaderParameters,
    allKeys: EnvironmentKey[],
    now: Date,
  ): Promise<EnvironmentKey> {
    const named = header.kid === undefined ? allKeys : allKeys.filter((key) => key.kid === header.kid);
    if (header.kid !== undefined && named.length === 0) throw rejected('unknown key (kid)');

    const active = named.filter((key) => key.isActiveAt(now));
    if (header.kid !== undefined && active.length === 0) throw rejected(this.inactiveReason(named[0], now));

    const activeAlgorithms = [...new Set(active.map((key) => key.algorithm))];
    if (!activeAlgorithms.includes(header.alg as EnvironmentKey['algorithm'])) {
      await this.rejectIfInactiveKeySigned(token, header, named, now);
      if (activeAlgorithms.length === 0) throw rejected('the environment has no active key');
      throw rejected(`algorithm (alg) ${String(header.alg).slice(0, 16)} is not accepted; the active keys use ${activeAlgorithms.join(', ')}`);
    }

    for (const key of active) {
      if (key.algorithm === header.alg && (await this.signatureMatches(token, key))) return key;
    }
    await this.rejectIfInactiveKeySigned(token, header, named, now);
    throw rejected('bad signature');
  }

  /** Raises the reason when a revoked or expired key of the token's algorithm made the signature. */
  private async rejectIfInactiveKeySigned(
    token: string,
    header: ProtectedHeaderParameters,
    keys: EnvironmentKey[],
    now: Date,
  ): Promise<void> {
    for (const key of keys) {
      if (!key.isActiveAt(now) && key.algorithm === header.alg && (await this.signatureMatches(token, key))) {
        throw rejected(this.inactiveReason(key, now));
      }
    }
  }

  private inactiveReason(key: EnvironmentKey, now: Date): string {
    return key.statusAt(now) === 'REVOKED' ? 'the signing key is revoked' : 'the signing key expired after a rotation';
  }

  private async signatureMatches(token: string, key: EnvironmentKey): Promise<boolean> {
    try {
      await compactVerify(token, this.publicKeyOf(key), { algorithms: [key.algorithm] });
      return true;
    } catch {
      return false;
    }
  }

  private publicKeyOf(key: EnvironmentKey): KeyObject {
    let keyObject = this.publicKeys.get(key.id);
    if (!keyObject) {
      if (this.publicKeys.size >= maxCachedPublicKeys) this.publicKeys.clear();
      keyObject = createPublicKey(key.publicKeyPem);
      this.publicKeys.set(key.id, keyObject);
    }
    return keyObject;
  }

  private verifiedClaims(token: string): JWTPayload {
    try {
      return decodeJwt(token);
    } catch {
      throw rejected('the payload is not a JSON object');
    }
  }

  /** Checks the registered claims and returns when the token stops being acceptable. */
  private checkClaims(claims: JWTPayload, environmentId: string, now: Date): Date {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const audience = this.config.environments.tokenAudience;

    if (claims.iss !== environmentId) throw rejected('unknown environment (iss)');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(audience)) throw rejected(`wrong audience (aud); expected "${audience}"`);

    const { iat, exp, nbf, jti } = claims;
    if (typeof iat !== 'number' || !Number.isFinite(iat)) throw rejected('the iat claim is missing or not a number');
    if (typeof exp !== 'number' || !Number.isFinite(exp)) throw rejected('the exp claim is missing or not a number');
    if (iat > nowSeconds + clockSkewSeconds) throw rejected('iat is in the future');
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + clockSkewSeconds)) {
      throw rejected('the token is not valid yet (nbf)');
    }
    if (exp <= iat) throw rejected('exp must be after iat');
    if (exp - iat > maxTokenLifetimeSeconds) {
      throw rejected(`exp is more than ${maxTokenLifetimeSeconds} seconds after iat`);
    }
    if (exp + clockSkewSeconds <= nowSeconds) throw rejected('the token is expired (exp)');

    if (typeof jti !== 'string' || jti.length === 0) throw rejected('the jti claim is missing');
    if (jti.length > maxJtiLength) throw rejected(`jti is longer than ${maxJtiLength} characters`);
    return new Date((exp + clockSkewSeconds) * 1000);
  }

  /** Records the `jti`; a second use fails on the primary key, also in another process. */
  private async recordJti(environmentId: string, jti: string, expiresAt: Date): Promise<void> {
    try {
      await this.dataSource.getRepository(EnvironmentTokenUse).insert({ environmentId, jtiHash: sha256Hex(jti), expiresAt });
    } catch (error) {
      if (isUniqueViolation(error)) throw rejected('replayed token (this jti was already used)');
      throw error;
    }
    this.pruneOccasionally();
  }

  /** Deletes expired `jti` rows at most once a minute per process, without delaying the request. */
  private pruneOccasionally(): void {
    const now = Date.now();
    if (now - this.lastPruneAt < pruneIntervalSeconds * 1000) return;
    this.lastPruneAt = now;
    this.dataSource
      .getRepository(EnvironmentTokenUse)
      .delete({ expiresAt: LessThan(new Date(now)) })
      .then((result) => {
        if (result.affected) this.log.debug({ deleted: result.affected }, 'expired jti rows deleted');
      })
      .catch((error: unknown) => this.log.error({ err: error }, 'deleting expired jti rows failed'));
  }
}
