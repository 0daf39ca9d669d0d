import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/config';
import { throttled } from '../graphql/errors';

/**
 * Counts failed sign-ins per email and per client address within a sliding window.
 * NOTE: the counters live in the process, so N processes allow up to N times the limit.
 */
export class SignInThrottle {
  private readonly byEmail: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(private readonly limits: Config['signInThrottle']) {
    this.byEmail = new RateLimiterMemory({ points: limits.maxAttemptsPerEmail, duration: limits.windowSeconds });
    this.byAddress = new RateLimiterMemory({ points: limits.maxAttemptsPerAddress, duration: limits.windowSeconds });
  }

  /** Raises THROTTLED when either counter is used up. */
  async check(email: string, address: string): Promise<void> {
    const [emailState, addressState] = await Promise.all([this.byEmail.get(email), this.byAddress.get(address)]);
    const blocked = [
      { state: emailState, limit: this.limits.maxAttemptsPerEmail },
      { state: addressState, limit: this.limits.maxAttemptsPerAddress },
    ].filter(({ state, limit }) => state !== null && state.consumedPoints >= limit);
    if (blocked.length === 0) return;
    const retryAfterMs = Math.max(...blocked.map(({ state }) => (state as RateLimiterRes).msBeforeNext));
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw throttled(`Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.byEmail.penalty(email, 1),
      this.byAddress.penalty(address, 1),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byEmail.delete(email);
  }
}
