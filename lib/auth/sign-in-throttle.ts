/**
 * Throttling of failed password sign-ins, per account (normalized email) and per client address,
 * over a sliding window. The failures live in the database (lib/auth/sign-in-failure-store.ts), so
 * every instance behind a load balancer counts the same ones: a guesser gets a handful of tries per
 * window whatever it sends and whichever instance answers. While a key is throttled a sign-in is
 * refused without checking the password. This module is the logic, over a store and a clock.
 */

// A person who mistypes gets 5 tries per account per 5 minutes; one address spraying many accounts
// gets 20 failures per 5 minutes in all. Constants (not settings): lib/env has no knob for them.
export const ACCOUNT_FAILURE_LIMIT = 5;
export const CLIENT_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 5 * 60_000;
// Expired failures deleted per attempt at most: each attempt adds at most 2 rows, so expired rows go
// far faster than they come, and no attempt pays for a large backlog at once.
export const PRUNE_BATCH = 100;

/** The `error` codes next-auth puts on /signin when a sign-in is refused unchecked (app/signin shows their messages). */
export const SIGN_IN_THROTTLED = { account: 'SignInThrottled', client: 'SignInThrottledClient' } as const;

/** What a failure is counted against: the account (normalized email) or the client address. */
export type Limiter = keyof typeof SIGN_IN_THROTTLED;

export interface FailureLimits {
  /** Failures within windowMs after which the key is refused. */
  limit: number;
  windowMs: number;
}

export type ThrottleLimits = Record<Limiter, FailureLimits>;

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  account: { limit: ACCOUNT_FAILURE_LIMIT, windowMs: FAILURE_WINDOW_MS },
  client: { limit: CLIENT_FAILURE_LIMIT, windowMs: FAILURE_WINDOW_MS },
};

/** Who is signing in: the normalized email, and the client address when known. */
export interface SignInAttempt {
  email: string;
  client: string | null;
}

/** One limiter's key as seen just after an attempt was counted against it, in one snapshot. */
export interface FailureTally {
  /** Failures of the key after `sinceMs`, the attempt's own included. */
  count: number;
  /** Time (epoch ms) of the `rank`-th newest of those failures other than the attempt's own; null when there are fewer. */
  rankedAtMs: number | null;
}

/**
 * Where failures are kept, shared by every instance. Each method is one statement, committed when
 * it resolves, so whatever another instance does next sees it.
 */
export interface SignInFailureStore {
  /** Counts attempt `attempt` (made at `atMs`) as a failure against its account and, when known, its client. */
  record(attempt: string, atMs: number, a: SignInAttempt): Promise<void>;
  /** Tallies one key's failures after `sinceMs`, and finds the `rank`-th newest other than `attempt`'s. */
  tally(q: { limiter: Limiter; key: string; sinceMs: number; attempt: string; rank: number }): Promise<FailureTally>;
  /** Deletes the failures of attempt `attempt`. */
  forget(attempt: string): Promise<void>;
  /** Deletes every failure of account `email`, and the failures of attempt `attempt`. */
  clearAccount(email: string, attempt: string): Promise<void>;
  /** Deletes at most `max` failures made at or before `beforeMs`. */
  prune(beforeMs: number, max: number): Promise<void>;
}

/** The answer to an attempt: go ahead (its `attempt` id is needed to take the failure back), or refused for a while. */
export type Admission = { admitted: true; attempt: string } | { admitted: false; by: Limiter; retryAfterMs: number };

/**
 * How long (ms) until a key may try again, given its tally just after this attempt was counted;
 * 0 when the attempt may go ahead (it is at most the `limit`-th failure in the window).
 */
export function retryAfterMs(tally: FailureTally, { limit, windowMs }: FailureLimits, nowMs: number): number {
  if (tally.count <= limit) return 0;
  // count > limit, so at least `limit` others are in the window: the limit-th newest of them leaving
  // it frees a try (this attempt is not kept, see admit()).
  return Math.max(1, (tally.rankedAtMs ?? nowMs) + windowMs - nowMs);
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/** The account and client limiters over `store`, with the limits above unless told otherwise. */
export function createSignInThrottle(
  store: SignInFailureStore,
  now: () => number = Date.now,
  limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  newAttemptId: () => string = () => crypto.randomUUID(),
) {
  const longestWindowMs = Math.max(limits.account.windowMs, limits.client.windowMs);
  return {
    /**
     * Counts an attempt as a failure against both the account and the client, before its password is
     * checked, and tells whether it may go ahead. Recording first and then counting, each in its own
     * committed statement, is what keeps concurrent attempts (in this process or another) within the
     * limit: of the attempts admitted for a key, the one whose row was committed last counted all of
     * their rows (an admitted attempt's row stays until a right password or age removes it), so past
     * the limit it would have been refused. A check before recording would let every attempt that
     * checks before the others record through. Attempts that record together may refuse each other
     * (a burst, all of it): conservative, never more than the limit.
     */
    async admit(a: SignInAttempt): Promise<Admission> {
      const t = Math.floor(now());
      const attempt = newAttemptId();
      // Housekeeping first, bounded and by the `at` index: the table keeps about one window of rows.
      await store.prune(t - longestWindowMs, PRUNE_BATCH);
      await store.record(attempt, t, a);
      const keys: [Limiter, string][] = a.client === null ? [['account', a.email]] : [['account', a.email], ['client', a.client]];
      for (const [limiter, key] of keys) {
        const { limit, windowMs } = limits[limiter];
        const wait = retryAfterMs(await store.tally({ limiter, key, sinceMs: t - windowMs, attempt, rank: limit }), limits[limiter], t);
        if (wait > 0) {
          // A refused attempt is not a failure: its password was never checked. Kept, it would keep a
          // throttled account locked for as long as a guesser keeps sending (each refusal pushing the
          // window on) and count against the client for an account it never tried. Its rows were
          // visible to concurrent attempts until now, which at worst refused them too.
          await store.forget(attempt);
          return { admitted: false, by: limiter, retryAfterMs: wait };
        }
      }
      return { admitted: true, attempt };
    },
    /**
     * A correct password clears the account's failures and takes back the client's count of this
     * attempt (its others stay: it may be guessing other accounts).
     */
    async recordSuccess(a: SignInAttempt, attempt: string): Promise<void> {
      await store.clearAccount(a.email, attempt);
    },
  };
}
