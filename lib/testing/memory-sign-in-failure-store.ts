import type { FailureTally, Limiter, SignInFailureStore } from '@/lib/auth/sign-in-throttle';

/**
 * The sign-in failure store of lib/auth/sign-in-failure-store.ts in memory, for unit tests of the
 * throttle's logic: the same rows and the same answers, without a database. Every method awaits
 * once before acting, as a database call does, so attempts sent together interleave as they would.
 */

interface Row {
  attempt: string;
  limiter: Limiter;
  key: string;
  at: number;
}

/** An empty store; `rows()` shows what it holds. */
export function createMemorySignInFailureStore(): SignInFailureStore & { rows(): readonly Row[] } {
  let rows: Row[] = [];
  const tick = () => Promise.resolve();
  return {
    async record(attempt, at, a) {
      await tick();
      rows.push({ attempt, limiter: 'account', key: a.email, at });
      if (a.client !== null) rows.push({ attempt, limiter: 'client', key: a.client, at });
    },
    async tally({ limiter, key, sinceMs, attempt, rank }): Promise<FailureTally> {
      await tick();
      const inWindow = rows.filter((r) => r.limiter === limiter && r.key === key && r.at > sinceMs);
      const others = inWindow.filter((r) => r.attempt !== attempt).map((r) => r.at).sort((x, y) => y - x);
      return { count: inWindow.length, rankedAtMs: others[rank - 1] ?? null };
    },
    async forget(attempt) {
      await tick();
      rows = rows.filter((r) => r.attempt !== attempt);
    },
    async clearAccount(email, attempt) {
      await tick();
      rows = rows.filter((r) => r.attempt !== attempt && !(r.limiter === 'account' && r.key === email));
    },
    async prune(beforeMs, max) {
      await tick();
      let deleted = 0;
      rows = rows.filter((r) => !(r.at <= beforeMs && deleted++ < max));
    },
    rows: () => rows,
  };
}
