import Redis from 'ioredis';
import type { Logger } from 'pino';

/** Outcome of taking points from a bucket. */
export interface TakeResult {
  allowed: boolean;
  /** Points left after the request (or before it, when it was not allowed). */
  available: number;
  /** Whole seconds until the requested points are available again; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Per-environment leaky buckets: `capacity` points, restored at `restoreRate` points a
 * second. Points are taken before a request runs and the unused part is refunded after.
 */
export interface ThrottleBuckets {
  take(key: string, points: number): Promise<TakeResult>;
  /** Adds points back, up to the capacity; returns the points now available. */
  refund(key: string, points: number): Promise<number>;
  /** The points available now, without taking any. */
  peek(key: string): Promise<number>;
  close(): Promise<void>;
}

export interface BucketSettings {
  capacity: number;
  restoreRate: number;
}

function retryAfter(points: number, available: number, restoreRate: number): number {
  return Math.max(1, Math.ceil((points - available) / restoreRate));
}

/** Buckets kept in this process. */
export class MemoryBuckets implements ThrottleBuckets {
  private readonly buckets = new Map<string, { available: number; updatedMs: number }>();

  constructor(
    private readonly settings: BucketSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private current(key: string): { available: number; updatedMs: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { available: this.settings.capacity, updatedMs: now };
    const restored = ((now - bucket.updatedMs) / 1000) * this.settings.restoreRate;
    bucket.available = Math.min(this.settings.capacity, bucket.available + restored);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  async take(key: string, points: number): Promise<TakeResult> {
    const bucket = this.current(key);
    if (bucket.available < points) {
      return { allowed: false, available: bucket.available, retryAfterSeconds: retryAfter(points, bucket.available, this.settings.restoreRate) };
    }
    bucket.available -= points;
    return { allowed: true, available: bucket.available, retryAfterSeconds: 0 };
  }

  async refund(key: string, points: number): Promise<number> {
    const bucket = this.current(key);
    bucket.available = Math.min(this.settings.capacity, bucket.available + points);
    return bucket.available;
  }

  async peek(key: string): Promise<number> {
    return this.current(key).available;
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }
}

/**
 * One script for take, refund and peek, so that each is a single atomic step on the Redis
 * server. The clock is Redis's own (TIME), so processes with skewed clocks share one
 * bucket correctly. The hash expires once the bucket would be full again.
 * KEYS[1] bucket; ARGV capacity, restore rate per second, points, mode (take|refund|peek).
 * Returns {allowed (1 or 0), available as text}: Redis turns Lua numbers into integers.
 */
const bucketScript = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local points = tonumber(ARGV[3])
local mode = ARGV[4]
local state = redis.call('HMGET', KEYS[1], 'available', 'updated')
local available = tonumber(state[1])
local updated = tonumber(state[2])
if available == nil or updated == nil then
  available = capacity
  updated = now
end
available = math.min(capacity, available + math.max(0, now - updated) * rate / 1000)
local allowed = 1
if mode == 'take' then
  if available >= points then available = available - points else allowed = 0 end
elseif mode == 'refund' then
  available = math.min(capacity, available + points)
end
if mode ~= 'peek' then
  redis.call('HSET', KEYS[1], 'available', tostring(available), 'updated', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - available) / rate * 1000) + 1000)
end
return {allowed, tostring(available)}
`;

type BucketCommand = (key: string, capacity: number, rate: number, points: number, mode: string) => Promise<[number, string]>;

/**
 * Buckets in Redis, shared by every process that uses the same server. When Redis cannot
 * be reached the request is let through and the failure logged: throttling protects the
 * service, and an outage of Redis must not stop the API.
 */
export class RedisBuckets implements ThrottleBuckets {
  private readonly redis: Redis;
  private readonly command: BucketCommand;
  private lastFailureLogMs = 0;

  constructor(
    url: string,
    private readonly settings: BucketSettings,
    private readonly log: Logger,
    private readonly keyPrefix = 'workapi:throttle:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', (error) => this.logFailure(error));
    // Commands wait for the first connection; after it, an outage fails them at once
    // instead of holding requests while ioredis reconnects.
    this.redis.once('ready', () => {
      this.redis.options.enableOfflineQueue = false;
    });
    this.redis.defineCommand('workapiBucket', { numberOfKeys: 1, lua: bucketScript });
    const redis = this.redis as Redis & { workapiBucket: BucketCommand };
    this.command = (...args) => redis.workapiBucket(...args);
  }

  private logFailure(error: unknown): void {
    const now = Date.now();
    if (now - this.lastFailureLogMs < 10_000) return;
    this.lastFailureLogMs = now;
    this.log.error({ err: error }, 'throttle bucket store (Redis) failed; requests pass unthrottled until it recovers');
  }

  private async run(key: string, points: number, mode: 'take' | 'refund' | 'peek'): Promise<[boolean, number] | null> {
    try {
      const [allowed, available] = await this.command(this.keyPrefix + key, this.settings.capacity, this.settings.restoreRate, points, mode);
      return [allowed === 1, Number(available)];
    } catch (error) {
      this.logFailure(error);
      return null;
    }
  }

  async take(key: string, points: number): Promise<TakeResult> {
    const result = await this.run(key, points, 'take');
    if (!result) return { allowed: true, available: this.settings.capacity, retryAfterSeconds: 0 };
    const [allowed, available] = result;
    return { allowed, available, retryAfterSeconds: allowed ? 0 : retryAfter(points, available, this.settings.restoreRate) };
  }

  async refund(key: string, points: number): Promise<number> {
    return (await this.run(key, points, 'refund'))?.[1] ?? this.settings.capacity;
  }

  async peek(key: string): Promise<number> {
    return (await this.run(key, 0, 'peek'))?.[1] ?? this.settings.capacity;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
