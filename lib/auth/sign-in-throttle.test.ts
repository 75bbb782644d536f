import { describe, expect, it } from 'vitest';
import { createMemorySignInFailureStore } from '@/lib/testing/memory-sign-in-failure-store';
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, createSignInThrottle, FAILURE_WINDOW_MS, PRUNE_BATCH, retryAfterMs, type SignInAttempt } from './sign-in-throttle';

// The throttle's logic over the in-memory store and a fake clock; the same over SQLite and
// PostgreSQL, with instances sharing them, is in sign-in-throttle.int.test.ts.
const clock = (start = 1_000_000) => {
  const c = { t: start, now: () => c.t };
  return c;
};

function setup() {
  const c = clock();
  const store = createMemorySignInFailureStore();
  return { c, store, throttle: createSignInThrottle(store, c.now) };
}

describe('retryAfterMs', () => {
  const limits = { limit: 3, windowMs: 10_000 };
  it('lets an attempt through while it is at most the limit-th failure of the window', () => {
    expect(retryAfterMs({ count: 1, rankedAtMs: null }, limits, 50_000)).toBe(0);
    expect(retryAfterMs({ count: 3, rankedAtMs: null }, limits, 50_000)).toBe(0);
  });
  it('past the limit, waits until the limit-th newest other failure leaves the window', () => {
    expect(retryAfterMs({ count: 4, rankedAtMs: 42_000 }, limits, 50_000)).toBe(2_000);
    expect(retryAfterMs({ count: 9, rankedAtMs: 40_000 }, limits, 50_000)).toBe(1);
  });
});

describe('createSignInThrottle', () => {
  it('refuses an account after 5 failures within 5 minutes, whichever address they come from', async () => {
    const { c, throttle } = setup();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect((await throttle.admit({ email: 'ann@example.com', client: `10.0.0.${i}` })).admitted).toBe(true);
      c.t += 1000;
    }
    expect(await throttle.admit({ email: 'ann@example.com', client: '10.0.0.99' })).toEqual({ admitted: false, by: 'account', retryAfterMs: FAILURE_WINDOW_MS - 5000 });
    // another account from the same addresses is not affected
    expect((await throttle.admit({ email: 'bob@example.com', client: '10.0.0.1' })).admitted).toBe(true);
  });

  it('slides: each failure leaving the window frees one more try, and a refusal does not push the window on', async () => {
    const { c, throttle } = setup();
    const a = { email: 'ann@example.com', client: null };
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect((await throttle.admit(a)).admitted).toBe(true);
      c.t += 60_000;
    }
    // failures at 0, 1, 2, 3, 4 minutes; now is 5 minutes: the first has just left the window
    expect((await throttle.admit(a)).admitted).toBe(true);
    expect(await throttle.admit(a)).toMatchObject({ admitted: false, retryAfterMs: 60_000 });
    c.t += 30_000;
    expect(await throttle.admit(a)).toMatchObject({ admitted: false, retryAfterMs: 30_000 });
    c.t += 30_000;
    expect((await throttle.admit(a)).admitted).toBe(true);
  });

  it('a success clears the account but takes back only its own count of the address', async () => {
    const { throttle } = setup();
    for (let i = 0; i < CLIENT_FAILURE_LIMIT - 1; i++) expect((await throttle.admit({ email: `user${i % 10}@example.com`, client: '10.0.0.1' })).admitted).toBe(true);
    // The 20th attempt of the address is counted as it starts (lib/auth/credentials.ts); its success takes that back.
    const right = await throttle.admit({ email: 'user0@example.com', client: '10.0.0.1' });
    if (!right.admitted) throw new Error('the 20th attempt of the address should go ahead');
    await throttle.recordSuccess({ email: 'user0@example.com', client: '10.0.0.1' }, right.attempt);
    // user0's failures are gone: 5 more tries from elsewhere
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) expect((await throttle.admit({ email: 'user0@example.com', client: `10.0.1.${i}` })).admitted).toBe(true);
    // the address still has its 19 other failures: one more is its 20th, the next is refused
    expect((await throttle.admit({ email: 'user1@example.com', client: '10.0.0.1' })).admitted).toBe(true);
    expect(await throttle.admit({ email: 'other@example.com', client: '10.0.0.1' })).toEqual({ admitted: false, by: 'client', retryAfterMs: FAILURE_WINDOW_MS });
    expect((await throttle.admit({ email: 'other@example.com', client: '10.0.0.2' })).admitted).toBe(true);
  });

  it('refuses one address after 20 failures over many accounts, and the refused attempt counts against neither', async () => {
    const { throttle, store } = setup();
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) expect((await throttle.admit({ email: `user${i}@example.com`, client: '10.0.0.1' })).admitted).toBe(true);
    expect(await throttle.admit({ email: 'fresh@example.com', client: '10.0.0.1' })).toMatchObject({ admitted: false, by: 'client' });
    expect(store.rows().filter((r) => r.key === 'fresh@example.com')).toEqual([]);
    expect(store.rows().filter((r) => r.key === '10.0.0.1')).toHaveLength(CLIENT_FAILURE_LIMIT);
  });

  it('lets at most the limit through when attempts are counted together, and refuses none of them afterwards', async () => {
    const { throttle, store } = setup();
    const a: SignInAttempt = { email: 'ann@example.com', client: null };
    const burst = await Promise.all(Array.from({ length: 12 }, () => throttle.admit(a)));
    const through = burst.filter((x) => x.admitted).length;
    expect(through).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT);
    // The refused ones left nothing behind: what the burst did not use is still there, no more.
    expect(store.rows()).toHaveLength(through);
    const after = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT + 2; i++) after.push((await throttle.admit(a)).admitted);
    expect(after.filter(Boolean)).toHaveLength(ACCOUNT_FAILURE_LIMIT - through);
  });

  it('deletes failures older than the window as attempts come, a bounded number at a time', async () => {
    const { c, throttle, store } = setup();
    for (let i = 0; i < PRUNE_BATCH + 50; i++) await throttle.admit({ email: `user${i}@example.com`, client: null });
    c.t += FAILURE_WINDOW_MS;
    await throttle.admit({ email: 'late@example.com', client: null });
    expect(store.rows()).toHaveLength(50 + 1);
    await throttle.admit({ email: 'later@example.com', client: null });
    expect(store.rows().map((r) => r.key).sort()).toEqual(['late@example.com', 'later@example.com']);
  });
});
