import { expect } from 'vitest';
import { openDriver, type DriverConnection } from '@/lib/db/driver';
import { describeOnDatabases, type DriverTestContext } from '@/lib/db/driver-test-databases';
import { createSignInFailureStore } from './sign-in-failure-store';
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, createSignInThrottle, FAILURE_WINDOW_MS, PRUNE_BATCH, type SignInAttempt, type SignInThrottle } from './sign-in-throttle';

// The sign-in throttle over the SignInFailure table on both databases Sightline runs on. Two
// instances (as two processes behind a load balancer would) each have their own connection (a pool
// of several on PostgreSQL, so their statements really run at once) to the one database.

/** Runs `body` with two throttle instances on the test database, both on clock `now`; closes their connections afterwards. */
async function withTwoInstances(t: DriverTestContext, now: () => number, body: (a: SignInThrottle, b: SignInThrottle) => Promise<void>): Promise<void> {
  const conns: DriverConnection[] = [openDriver(t.url, { maxConnections: 8 }), openDriver(t.url, { maxConnections: 8 })];
  try {
    const [a, b] = conns.map((c) => createSignInThrottle(createSignInFailureStore(c), now));
    if (!a || !b) throw new Error('two instances expected');
    await body(a, b);
  } finally {
    await Promise.all(conns.map((c) => c.close()));
  }
}

const admitted = async (throttle: SignInThrottle, a: SignInAttempt) => (await throttle.admit(a)).admitted;
const rowsOf = (t: DriverTestContext, limiter: string, key: string) => t.prisma.signInFailure.count({ where: { limiter, key } });

describeOnDatabases('sign-in throttle', 'two instances together allow 5 failures per account and 20 per address in the window', async (t) => {
  await withTwoInstances(t, Date.now, async (a, b) => {
    const email = `ann-${t.tag}@example.com`;
    const answers = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT + 3; i++) answers.push(await admitted(i % 2 ? b : a, { email, client: `10.1.0.${i}` }));
    expect(answers).toEqual([...Array<boolean>(ACCOUNT_FAILURE_LIMIT).fill(true), false, false, false]);
    const refused = await b.admit({ email, client: '10.1.0.99' });
    expect(refused).toMatchObject({ admitted: false, by: 'account' });
    expect(refused.admitted ? 0 : refused.retryAfterMs).toBeGreaterThan(FAILURE_WINDOW_MS - 60_000);
    expect(await rowsOf(t, 'account', email)).toBe(ACCOUNT_FAILURE_LIMIT);

    const client = `192.0.2.1-${t.tag}`;
    const byClient = [];
    for (let i = 0; i < CLIENT_FAILURE_LIMIT + 2; i++) byClient.push(await admitted(i % 2 ? a : b, { email: `user${i}-${t.tag}@example.com`, client }));
    expect(byClient.filter(Boolean)).toHaveLength(CLIENT_FAILURE_LIMIT);
    expect(await a.admit({ email: `fresh-${t.tag}@example.com`, client })).toMatchObject({ admitted: false, by: 'client' });
  });
});

describeOnDatabases('sign-in throttle', 'attempts sent together to two instances get at most the limit through, and refused ones leave nothing behind', async (t) => {
  await withTwoInstances(t, Date.now, async (a, b) => {
    // With 0..3 earlier failures of the account, a burst of 20 may use at most what is left of the 5.
    for (let earlier = 0; earlier <= 3; earlier++) {
      const email = `burst${earlier}-${t.tag}@example.com`;
      for (let i = 0; i < earlier; i++) expect(await admitted(a, { email, client: null })).toBe(true);
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => admitted(i % 2 ? b : a, { email, client: `10.2.${earlier}.${i}` })));
      const through = burst.filter(Boolean).length;
      expect(through).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT - earlier);
      expect(await rowsOf(t, 'account', email)).toBe(earlier + through);
      // What the burst left of the limit is there for later attempts, and no more.
      const later = [];
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) later.push(await admitted(i % 2 ? a : b, { email, client: null }));
      expect(later.filter(Boolean)).toHaveLength(ACCOUNT_FAILURE_LIMIT - earlier - through);
    }
  });
});

describeOnDatabases('sign-in throttle', 'a right password on one instance clears the account for both and takes back only its own count of the address', async (t) => {
  await withTwoInstances(t, Date.now, async (a, b) => {
    const email = `ann-${t.tag}@example.com`;
    const client = `198.51.100.1-${t.tag}`;
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) expect(await admitted(a, { email, client })).toBe(true);
    const right = await b.admit({ email, client });
    if (!right.admitted) throw new Error('the 5th attempt should go ahead');
    await b.recordSuccess({ email, client }, right.attempt);
    expect([await rowsOf(t, 'account', email), await rowsOf(t, 'client', client)]).toEqual([0, ACCOUNT_FAILURE_LIMIT - 1]);
    const after = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT + 1; i++) after.push(await admitted(a, { email, client: null }));
    expect(after).toEqual([...Array<boolean>(ACCOUNT_FAILURE_LIMIT).fill(true), false]);
  });
});

describeOnDatabases('sign-in throttle', 'deletes failures older than the window as attempts come, a bounded number each, and keeps the window', async (t) => {
  const clock = { t: Date.now() };
  await withTwoInstances(t, () => clock.t, async (a, b) => {
    const old = Array.from({ length: PRUNE_BATCH + 30 }, (_, i) => ({ email: `old${i}-${t.tag}@example.com`, client: `10.3.0.${i}` }));
    for (const [i, attempt] of old.entries()) await (i % 2 ? a : b).admit(attempt);
    clock.t += FAILURE_WINDOW_MS / 2;
    const recent = { email: `recent-${t.tag}@example.com`, client: null };
    await a.admit(recent);
    clock.t += FAILURE_WINDOW_MS / 2;
    const expired = () => t.prisma.signInFailure.count({ where: { at: { lte: BigInt(clock.t - FAILURE_WINDOW_MS) } } });
    const before = await expired();
    expect(before).toBeGreaterThanOrEqual(2 * old.length);
    let left = before;
    for (let i = 0; left > 0; i++) {
      await (i % 2 ? a : b).admit({ email: `new${i}-${t.tag}@example.com`, client: null });
      const now = await expired();
      expect(now).toBe(Math.max(0, left - PRUNE_BATCH));
      left = now;
    }
    expect(await rowsOf(t, 'account', recent.email)).toBe(1);
  });
});
