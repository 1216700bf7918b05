// Slows down password guessing: after too many failures for one (IP, username) pair, refuse further
// attempts for the rest of the window, even with the right password.
// NOTE: the limiter is per process (memory). With N web processes an attacker gets N × the limit;
// a shared counter (a table or Redis) is the upgrade when Yijian runs more than one web process.

export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** bound on remembered keys, so a flood of distinct usernames cannot exhaust memory */
  maxKeys: number;
}

export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly opts: LoginLimiterOptions;

  constructor(opts: Partial<LoginLimiterOptions> = {}) {
    this.opts = { maxFailures: 10, windowMs: 15 * 60_000, maxKeys: 100_000, ...opts };
  }

  static key(ip: string, username: string): string {
    return `${ip}\u0000${username.trim().toLowerCase()}`;
  }

  #recent(key: string, now: number): number[] {
    const since = now - this.opts.windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  /** Milliseconds until the next attempt is allowed; 0 when it is allowed now. */
  retryAfterMs(key: string, now: number): number {
    const times = this.#recent(key, now);
    if (times.length < this.opts.maxFailures) return 0;
    // blocked until enough of the failures have aged out of the window
    return times[times.length - this.opts.maxFailures]! + this.opts.windowMs - now;
  }

  recordFailure(key: string, now: number): void {
    const times = this.#recent(key, now);
    times.push(now);
    this.#failures.set(key, times);
    if (this.#failures.size > this.opts.maxKeys) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }
}
