import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.ts';

describe('login limiter', () => {
  const key = LoginLimiter.key('10.0.0.1', 'Citizen ');

  it('keys on IP and the normalised username', () => {
    expect(key).toBe(LoginLimiter.key('10.0.0.1', 'citizen'));
    expect(key).not.toBe(LoginLimiter.key('10.0.0.2', 'citizen'));
  });

  it('blocks after the limit within the window and lets go when failures age out', () => {
    const l = new LoginLimiter({ maxFailures: 3, windowMs: 1000 });
    l.recordFailure(key, 0);
    l.recordFailure(key, 100);
    expect(l.retryAfterMs(key, 200)).toBe(0);
    l.recordFailure(key, 200);
    expect(l.retryAfterMs(key, 300)).toBe(700); // the first failure leaves the window at 1000
    expect(l.retryAfterMs(key, 1001)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const l = new LoginLimiter({ maxFailures: 2, windowMs: 1000 });
    l.recordFailure(key, 0);
    l.recordFailure(key, 1);
    expect(l.retryAfterMs(key, 2)).toBeGreaterThan(0);
    l.reset(key);
    expect(l.retryAfterMs(key, 2)).toBe(0);
  });

  it('bounds its memory', () => {
    const l = new LoginLimiter({ maxFailures: 1, windowMs: 1000, maxKeys: 2 });
    l.recordFailure('a', 0);
    l.recordFailure('b', 0);
    l.recordFailure('c', 0);
    expect(l.retryAfterMs('a', 1)).toBe(0); // evicted
    expect(l.retryAfterMs('c', 1)).toBeGreaterThan(0);
  });
});
