import type { BreakerState } from '../types';

/**
 * A circuit breaker over a sliding time window. Closed: every call passes and its outcome is
 * recorded. When at least `minRequests` outcomes in the last `windowMs` fail at `failureRate` or more,
 * it opens: calls are refused at once for `openMs`. Then it lets `halfOpenProbes` calls through
 * (half-open); one success closes it with a clean window, one failure opens it again.
 */
export interface BreakerConfig {
  /** 0 < rate <= 1, e.g. 0.5 opens when half the recent calls failed. */
  failureRate: number;
  minRequests: number;
  windowMs: number;
  openMs: number;
  halfOpenProbes?: number;
}

export type BreakerDecision = { ok: true; probe: boolean } | { ok: false; retryInMs: number; failures: number };

/** Creates a breaker; `now` returns epoch ms and is injectable for tests. */
export function createBreaker(config: BreakerConfig, now: () => number = Date.now, onChange?: (s: BreakerState) => void) {
  const probes = config.halfOpenProbes ?? 1;
  let state: BreakerState = 'closed';
  let outcomes: { t: number; ok: boolean }[] = [];
  let openedAt = 0;
  let failuresAtOpen = 0;
  let probesInFlight = 0;

  const set = (s: BreakerState) => {
    if (s !== state) {
      state = s;
      onChange?.(s);
    }
  };
  const prune = (t: number) => {
    const from = t - config.windowMs;
    if (outcomes.length && outcomes[0]!.t < from) outcomes = outcomes.filter((o) => o.t >= from);
  };
  const open = (t: number, failures: number) => {
    openedAt = t;
    failuresAtOpen = failures;
    probesInFlight = 0;
    set('open');
  };

  return {
    /** The current state, moving open → half-open once the open period is over. */
    state(): BreakerState {
      if (state === 'open' && now() - openedAt >= config.openMs) set('half_open');
      return state;
    },
    /** Asks to make a call; a probe must be reported through `record` like any other call. */
    acquire(): BreakerDecision {
      const s = this.state();
      if (s === 'closed') return { ok: true, probe: false };
      if (s === 'half_open' && probesInFlight < probes) {
        probesInFlight++;
        return { ok: true, probe: true };
      }
      const retryInMs = s === 'open' ? Math.max(0, openedAt + config.openMs - now()) : 0;
      return { ok: false, retryInMs, failures: failuresAtOpen };
    },
    /** Records a call's outcome; `probe` is what `acquire` returned for it. */
    record(ok: boolean, probe = false) {
      const t = now();
      if (probe) {
        probesInFlight = Math.max(0, probesInFlight - 1);
        if (ok) {
          outcomes = [];
          set('closed');
        } else open(t, failuresAtOpen + 1);
        return;
      }
      if (state !== 'closed') return; // a late answer from before the breaker opened changes nothing
      outcomes.push({ t, ok });
      prune(t);
      const failures = outcomes.filter((o) => !o.ok).length;
      if (outcomes.length >= config.minRequests && failures / outcomes.length >= config.failureRate) open(t, failures);
    },
    /** Releases a probe slot without an outcome (the caller went away). */
    release(probe: boolean) {
      if (probe) probesInFlight = Math.max(0, probesInFlight - 1);
    },
  };
}

export type Breaker = ReturnType<typeof createBreaker>;
