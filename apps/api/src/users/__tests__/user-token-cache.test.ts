import { UserTokenCache, type UserTokenFacts } from '../user-token-cache';
import { rejectionOf } from '../user-token-verifier';

function facts(overrides: Partial<UserTokenFacts> = {}): UserTokenFacts {
  return {
    tokenId: 'token-1',
    userId: 'user-1',
    environmentId: 'env-1',
    accountId: 'account-1',
    tokenAuthVersion: 1,
    expiresAt: new Date(Date.now() + 3600_000),
    revokedAt: null,
    userExternalId: 'external-1',
    userCreatedAt: new Date(),
    userStatus: 'ACTIVE',
    userAuthVersion: 1,
    userDeletedAt: null,
    environmentStatus: 'ACTIVE',
    environmentDeletedAt: null,
    ...overrides,
  };
}

describe('UserTokenCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('reuses facts until the TTL passes', async () => {
    const cache = new UserTokenCache(5000, 100, clock);
    const read = jest.fn(async () => facts());
    await cache.get('hash', read);
    now += 4999;
    await cache.get('hash', read);
    expect(read).toHaveBeenCalledTimes(1);
    now += 1;
    await cache.get('hash', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('shares one read between concurrent misses', async () => {
    const cache = new UserTokenCache(5000, 100, clock);
    const read = jest.fn(async () => facts());
    await Promise.all([cache.get('hash', read), cache.get('hash', read), cache.get('hash', read)]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('does not cache unknown tokens', async () => {
    const cache = new UserTokenCache(5000, 100, clock);
    const read = jest.fn(async () => null);
    await cache.get('hash', read);
    await cache.get('hash', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('TTL zero reads every time', async () => {
    const cache = new UserTokenCache(0, 100, clock);
    const read = jest.fn(async () => facts());
    await cache.get('hash', read);
    await cache.get('hash', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('evictUser drops the entries of that user only', async () => {
    const cache = new UserTokenCache(5000, 100, clock);
    await cache.get('a', async () => facts({ userId: 'user-1' }));
    await cache.get('b', async () => facts({ userId: 'user-2', tokenId: 'token-2' }));
    cache.evictUser('user-1');
    const readA = jest.fn(async () => facts());
    const readB = jest.fn(async () => facts());
    await cache.get('a', readA);
    await cache.get('b', readB);
    expect(readA).toHaveBeenCalledTimes(1);
    expect(readB).not.toHaveBeenCalled();
  });

  it('evictEnvironment and evictToken drop matching entries', async () => {
    const cache = new UserTokenCache(5000, 100, clock);
    await cache.get('a', async () => facts({ environmentId: 'env-1', tokenId: 't-a' }));
    await cache.get('b', async () => facts({ environmentId: 'env-2', tokenId: 't-b' }));
    cache.evictEnvironment('env-1');
    expect(cache.size).toBe(1);
    cache.evictToken('t-b');
    expect(cache.size).toBe(0);
  });

  it('a read begun before an eviction is not stored', async () => {
    const cache = new UserTokenCache(5000, 100, clock);
    let finish: (value: UserTokenFacts) => void = () => undefined;
    const slow = cache.get('hash', () => new Promise<UserTokenFacts>((resolve) => (finish = resolve)));
    cache.evictUser('user-1');
    finish(facts({ revokedAt: null }));
    await slow;
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new UserTokenCache(5000, 2, clock);
    for (const hash of ['a', 'b', 'c']) await cache.get(hash, async () => facts({ tokenId: hash }));
    expect(cache.size).toBe(2);
    const readA = jest.fn(async () => facts());
    await cache.get('a', readA);
    expect(readA).toHaveBeenCalledTimes(1);
  });
});

describe('rejectionOf', () => {
  const now = Date.now();
  const cases: Array<[string, Partial<UserTokenFacts>, string]> = [
    ['deleted environment', { environmentDeletedAt: new Date() }, 'environment that was deleted'],
    ['deactivated environment', { environmentStatus: 'DEACTIVATED' }, 'deactivated environment'],
    ['deleted user', { userDeletedAt: new Date() }, 'was deleted'],
    ['deactivated user', { userStatus: 'DEACTIVATED' }, 'is deactivated'],
    ['reauthorized user', { userAuthVersion: 2 }, 'reauthorized'],
    ['revoked token', { revokedAt: new Date() }, 'revoked'],
    ['expired token', { expiresAt: new Date(now - 1) }, 'expired at'],
  ];

  it.each(cases)('names the %s', (_name, overrides, expected) => {
    expect(rejectionOf(facts(overrides), now)).toContain(expected);
  });

  it('accepts a valid token', () => {
    expect(rejectionOf(facts(), now)).toBeNull();
  });
});
