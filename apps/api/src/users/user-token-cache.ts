/** Facts from the database about one user access token, with its user and environment. */
export interface UserTokenFacts {
  tokenId: string;
  userId: string;
  environmentId: string;
  accountId: string;
  tokenAuthVersion: number;
  expiresAt: Date;
  revokedAt: Date | null;
  userExternalId: string;
  userCreatedAt: Date;
  userStatus: string;
  userAuthVersion: number;
  userDeletedAt: Date | null;
  environmentStatus: string;
  environmentDeletedAt: Date | null;
}

interface Entry {
  facts: UserTokenFacts;
  /** When the database read that produced `facts` started, in epoch milliseconds. */
  readAt: number;
}

/**
 * Token facts keyed by the token's SHA-256, reused for `ttlMs` after the database read
 * that produced them began. A revocation made by another process is therefore seen within
 * `ttlMs`; one made by this process calls `evict*` and is seen at once. Concurrent misses
 * for the same token share one read. The plaintext token is never kept.
 */
export class UserTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<UserTokenFacts | null>>();
  /** Bumped by every eviction, so that a read begun before it does not store stale facts. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Returns cached facts when fresh, otherwise reads them with `read` (null: unknown token). */
  async get(tokenHash: string, read: () => Promise<UserTokenFacts | null>): Promise<UserTokenFacts | null> {
    if (this.ttlMs <= 0) return read();

    const entry = this.entries.get(tokenHash);
    if (entry && this.now() - entry.readAt < this.ttlMs) return entry.facts;

    const inFlight = this.pending.get(tokenHash);
    if (inFlight) return inFlight;

    const readAt = this.now();
    const generation = this.generation;
    const promise = read().then(
      (facts) => {
        if (this.pending.get(tokenHash) === promise) this.pending.delete(tokenHash);
        if (facts && generation === this.generation) this.store(tokenHash, { facts, readAt });
        return facts;
      },
      (error: unknown) => {
        if (this.pending.get(tokenHash) === promise) this.pending.delete(tokenHash);
        throw error;
      },
    );
    this.pending.set(tokenHash, promise);
    return promise;
  }

  evictToken(tokenId: string): void {
    this.evictWhere((facts) => facts.tokenId === tokenId);
  }

  evictUser(userId: string): void {
    this.evictWhere((facts) => facts.userId === userId);
  }

  evictEnvironment(environmentId: string): void {
    this.evictWhere((facts) => facts.environmentId === environmentId);
  }

  private evictWhere(matches: (facts: UserTokenFacts) => boolean): void {
    this.generation += 1;
    // Reads in flight may have begun before the change being evicted for.
    this.pending.clear();
    for (const [tokenHash, entry] of this.entries) {
      if (matches(entry.facts)) this.entries.delete(tokenHash);
    }
  }

  private store(tokenHash: string, entry: Entry): void {
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
