import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Auth } from '../auth/auth';
import { anonymous } from '../auth/auth';
import type { Config } from '../config/config';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../crypto/password';
import { randomToken, sha256Hex } from '../crypto/tokens';
import { isUniqueViolation } from '../db/errors';
import { conflict, unauthenticated } from '../graphql/errors';
import { Account } from './account.entity';
import { checkPassword, normalizeEmail, normalizeName } from './account-rules';
import { Developer } from './developer.entity';
import { Session } from './session.entity';
import { SignInThrottle } from './sign-in-throttle';

export interface SignedIn {
  developer: Developer;
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  expiresAt: Date;
}

/** Developer accounts, passwords and console sessions. */
export class AccountsService {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.throttle = new SignInThrottle(config.signInThrottle);
  }

  async signUp(input: { email: string; password: string; name: string }): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    checkPassword(input.password);
    const name = normalizeName(input.name);
    const passwordHash = await hashPassword(input.password);
    const now = new Date();

    let developer: Developer;
    try {
      developer = await this.dataSource.transaction(async (manager) => {
        const account = manager.create(Account, { id: randomUUID(), plan: 'FREE', createdAt: now });
        await manager.insert(Account, account);
        const created = manager.create(Developer, {
          id: randomUUID(),
          accountId: account.id,
          email,
          name,
          passwordHash,
          createdAt: now,
        });
        await manager.insert(Developer, created);
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('An account with this email already exists. Sign in instead.');
      throw error;
    }
    this.log.info({ developerId: developer.id, accountId: developer.accountId }, 'developer signed up');
    return this.startSession(developer);
  }

  async signIn(input: { email: string; password: string }, clientAddress: string): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    await this.throttle.check(email, clientAddress);

    const developer = await this.dataSource.getRepository(Developer).findOneBy({ email });
    const valid = await verifyPassword(input.password, developer?.passwordHash ?? (await decoyPasswordHash()));
    if (!developer || !valid) {
      await this.throttle.recordFailure(email, clientAddress);
      this.log.info({ clientAddress, knownEmail: Boolean(developer) }, 'sign-in failed');
      throw unauthenticated('The email or password is incorrect.');
    }
    await this.throttle.recordSuccess(email);
    this.log.info({ developerId: developer.id }, 'developer signed in');
    return this.startSession(developer);
  }

  /** Revokes the session on the server, so that a copied cookie stops working too. */
  async signOut(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(Session).update({ id: sessionId }, { revokedAt: new Date() });
  }

  /** Resolves a session cookie; an unknown, expired or revoked session is anonymous. */
  async authenticateSession(token: string): Promise<Auth> {
    const session = await this.dataSource.getRepository(Session).findOneBy({ tokenHash: sha256Hex(token) });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return anonymous;
    const developer = await this.findDeveloper(session.developerId);
    if (!developer) return anonymous;
    return { kind: 'developer', developerId: developer.id, accountId: developer.accountId, sessionId: session.id };
  }

  findDeveloper(id: string): Promise<Developer | null> {
    return this.dataSource.getRepository(Developer).findOneBy({ id });
  }

  private async startSession(developer: Developer): Promise<SignedIn> {
    const sessionToken = randomToken(32);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlSeconds * 1000);
    await this.dataSource.getRepository(Session).insert({
      id: randomUUID(),
      developerId: developer.id,
      tokenHash: sha256Hex(sessionToken),
      createdAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { developer, sessionToken, expiresAt };
  }
}
