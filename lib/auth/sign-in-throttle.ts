/**
 * Throttling of failed password sign-ins, in memory (per process): per account (normalized email)
 * and per client address, over a sliding window. While a key is throttled a sign-in is refused
 * without checking the password, so a guesser gets a handful of tries per window whatever it sends.
 */

// A person who mistypes gets 5 tries per account per 5 minutes; one address spraying many accounts
// gets 20 failures per 5 minutes in all. Constants (not settings): lib/env has no knob for them.
export const ACCOUNT_FAILURE_LIMIT = 5;
export const CLIENT_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 5 * 60_000;
// Keys tracked per limiter at most (~10 000 × ≤20 timestamps ≈ a few MB); past it the key that failed
// least recently is forgotten first.
const MAX_TRACKED_KEYS = 10_000;

/** The `error` codes next-auth puts on /signin when a sign-in is refused unchecked (app/signin shows their messages). */
export const SIGN_IN_THROTTLED = { account: 'SignInThrottled', client: 'SignInThrottledClient' } as const;

export interface FailureLimits {
  /** Failures within windowMs after which the key is refused. */
  limit: number;
  windowMs: number;
  maxKeys: number;
}

/** Counts failures per key over a sliding window; bounded to `maxKeys` keys. */
export function createFailureLimiter({ limit, windowMs, maxKeys }: FailureLimits, now: () => number = Date.now) {
  // key → times of its most recent failures (ms, ascending, at most `limit`). Map order is the order
  // of each key's latest failure, so the oldest entries are at the front.
  const failures = new Map<string, number[]>();
  const inWindow = (key: string, t: number): number[] => (failures.get(key) ?? []).filter((x) => x > t - windowMs);
  return {
    /** How long (ms) until `key` may try again; 0 when it is not throttled. */
    retryAfterMs(key: string): number {
      const t = now();
      const times = inWindow(key, t);
      if (times.length === 0) failures.delete(key);
      // times.length ≤ limit, so times[0] is the failure whose leaving the window frees a try.
      return times.length >= limit ? Math.max(1, (times[0] ?? t) + windowMs - t) : 0;
    },
    /** Records a failure of `key` now. */
    recordFailure(key: string): void {
      const t = now();
      const times = [...inWindow(key, t), t].slice(-limit);
      failures.delete(key);
      for (const [k, v] of failures) {
        if ((v[v.length - 1] ?? 0) > t - windowMs) break;
        failures.delete(k);
      }
      failures.set(key, times);
      while (failures.size > maxKeys) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
    },
    /** Forgets the failures of `key`. */
    reset: (key: string) => void failures.delete(key),
    /** Forgets the newest failure of `key` (one counted before it was known to be one). */
    forgetNewest(key: string): void {
      const times = failures.get(key);
      if (!times) return;
      times.pop();
      if (times.length === 0) failures.delete(key);
    },
    size: () => failures.size,
  };
}

/** Who is signing in: the normalized email, and the client address when known. */
export interface SignInAttempt {
  email: string;
  client: string | null;
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/** The account and client limiters together, with the limits above unless told otherwise. */
export function createSignInThrottle(
  now: () => number = Date.now,
  limits: { account: FailureLimits; client: FailureLimits } = {
    account: { limit: ACCOUNT_FAILURE_LIMIT, windowMs: FAILURE_WINDOW_MS, maxKeys: MAX_TRACKED_KEYS },
    client: { limit: CLIENT_FAILURE_LIMIT, windowMs: FAILURE_WINDOW_MS, maxKeys: MAX_TRACKED_KEYS },
  },
) {
  const account = createFailureLimiter(limits.account, now);
  const client = createFailureLimiter(limits.client, now);
  return {
    /** Which limit refuses this attempt and for how long (ms), or null when it may go ahead. */
    check(a: SignInAttempt): { by: keyof typeof SIGN_IN_THROTTLED; retryAfterMs: number } | null {
      const byAccount = account.retryAfterMs(a.email);
      if (byAccount > 0) return { by: 'account', retryAfterMs: byAccount };
      const byClient = a.client === null ? 0 : client.retryAfterMs(a.client);
      return byClient > 0 ? { by: 'client', retryAfterMs: byClient } : null;
    },
    /**
     * Counts an attempt as a failure against both the account and the client, before its password is
     * checked: attempts sent together must not all pass check() while the first is still hashing.
     */
    recordFailure(a: SignInAttempt): void {
      account.recordFailure(a.email);
      if (a.client !== null) client.recordFailure(a.client);
    },
    /** A correct password clears the account's failures and takes back the client's count of this attempt (its others stay: it may be guessing other accounts). */
    recordSuccess(a: SignInAttempt): void {
      account.reset(a.email);
      if (a.client !== null) client.forgetNewest(a.client);
    },
  };
}
