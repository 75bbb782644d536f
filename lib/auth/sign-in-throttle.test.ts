import { describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, createFailureLimiter, createSignInThrottle, FAILURE_WINDOW_MS } from './sign-in-throttle';

const clock = (start = 1_000_000) => {
  const c = { t: start, now: () => c.t };
  return c;
};

describe('createSignInThrottle', () => {
  it('refuses an account after 5 failures within 5 minutes, whichever address they come from', () => {
    const c = clock();
    const throttle = createSignInThrottle(c.now);
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect(throttle.check({ email: 'ann@example.com', client: `10.0.0.${i}` })).toBeNull();
      throttle.recordFailure({ email: 'ann@example.com', client: `10.0.0.${i}` });
      c.t += 1000;
    }
    expect(throttle.check({ email: 'ann@example.com', client: '10.0.0.99' })).toEqual({ by: 'account', retryAfterMs: FAILURE_WINDOW_MS - 5000 });
    // another account from the same addresses is not affected
    expect(throttle.check({ email: 'bob@example.com', client: '10.0.0.1' })).toBeNull();
  });

  it('slides: each failure leaving the window frees one more try', () => {
    const c = clock();
    const throttle = createSignInThrottle(c.now);
    const a = { email: 'ann@example.com', client: null };
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      throttle.recordFailure(a);
      c.t += 60_000;
    }
    // failures at 0, 1, 2, 3, 4 minutes; now is 5 minutes: the first has just left the window
    expect(throttle.check(a)).toBeNull();
    throttle.recordFailure(a);
    expect(throttle.check(a)?.retryAfterMs).toBe(60_000);
    c.t += 60_000;
    expect(throttle.check(a)).toBeNull();
  });

  it('a success clears the account but not the address', () => {
    const c = clock();
    const throttle = createSignInThrottle(c.now);
    for (let i = 0; i < CLIENT_FAILURE_LIMIT - 1; i++) throttle.recordFailure({ email: `user${i % 4}@example.com`, client: '10.0.0.1' });
    // An attempt is counted as it starts (lib/auth/credentials.ts); its success takes that back.
    throttle.recordFailure({ email: 'user0@example.com', client: '10.0.0.1' });
    throttle.recordSuccess({ email: 'user0@example.com', client: '10.0.0.1' });
    expect(throttle.check({ email: 'user0@example.com', client: '10.0.0.2' })).toBeNull();
    throttle.recordFailure({ email: 'user0@example.com', client: '10.0.0.1' });
    expect(throttle.check({ email: 'other@example.com', client: '10.0.0.1' })).toEqual({ by: 'client', retryAfterMs: FAILURE_WINDOW_MS });
    expect(throttle.check({ email: 'other@example.com', client: '10.0.0.2' })).toBeNull();
  });

  it('refuses one address after 20 failures over many accounts', () => {
    const c = clock();
    const throttle = createSignInThrottle(c.now);
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) throttle.recordFailure({ email: `user${i}@example.com`, client: '10.0.0.1' });
    expect(throttle.check({ email: 'fresh@example.com', client: '10.0.0.1' })?.by).toBe('client');
  });
});

describe('createFailureLimiter', () => {
  it('keeps at most maxKeys keys, forgetting the one that failed least recently', () => {
    const c = clock();
    const limiter = createFailureLimiter({ limit: 2, windowMs: 60_000, maxKeys: 3 }, c.now);
    for (const k of ['a', 'a', 'b', 'b', 'c', 'd']) {
      limiter.recordFailure(k);
      c.t += 1;
    }
    expect(limiter.size()).toBe(3);
    expect(limiter.retryAfterMs('a')).toBe(0); // evicted
    expect(limiter.retryAfterMs('b')).toBeGreaterThan(0);
  });

  it('drops keys whose failures have all left the window', () => {
    const c = clock();
    const limiter = createFailureLimiter({ limit: 5, windowMs: 60_000, maxKeys: 100 }, c.now);
    for (let i = 0; i < 50; i++) limiter.recordFailure(`old${i}`);
    c.t += 60_000;
    limiter.recordFailure('new');
    expect(limiter.size()).toBe(1);
  });
});
