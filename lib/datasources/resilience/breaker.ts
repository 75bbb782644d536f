import type { BreakerState } from '../types';

/**
 * A circuit breaker over a sliding time window. Closed: every call passes and its outcome is
 * recorded. When at least `minRequests` outcomes in the last `windowMs` fail at `failureRate` or more,
 * it opens: calls are refused at once for `openMs`. Then it lets `halfOpenProbes` calls through
 * (half-open); one success closes it with a clean window, one failure opens it again. The move to
 * half-open happens on a timer at the end of the open period, not only when a call asks, so the
 * state reported through `onChange` (the breaker gauge) is right for an idle datasource too.
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
  // The window's outcomes, oldest first from `head`, and how many of them failed: recording and
  // pruning cost O(1) however many calls the window holds (a busy datasource makes tens of thousands
  // in 30 s; counting them on every call cost ~0.1 ms per request).
  let outcomes: { t: number; ok: boolean }[] = [];
  let head = 0;
  let failures = 0;
  let openedAt = 0;
  let failuresAtOpen = 0;
  let probesInFlight = 0;
  let halfOpenTimer: ReturnType<typeof setTimeout> | undefined;

  const set = (s: BreakerState) => {
    if (s !== state) {
      state = s;
      if (s !== 'open') clearTimeout(halfOpenTimer);
      onChange?.(s);
    }
  };
  const prune = (t: number) => {
    const from = t - config.windowMs;
    while (head < outcomes.length && outcomes[head]!.t < from) {
      if (!outcomes[head]!.ok) failures--;
      head++;
    }
    // Drop the pruned prefix once it is most of the array (amortized O(1) per outcome).
    if (head > 1024 && head * 2 > outcomes.length) {
      outcomes = outcomes.slice(head);
      head = 0;
    }
  };
  const clear = () => {
    outcomes = [];
    head = 0;
    failures = 0;
  };
  const open = (t: number, failures: number) => {
    openedAt = t;
    failuresAtOpen = failures;
    probesInFlight = 0;
    set('open');
    clearTimeout(halfOpenTimer);
    // Unref'd: a breaker waiting out its open period does not keep the process alive.
    halfOpenTimer = setTimeout(() => {
      if (state === 'open') set('half_open');
    }, config.openMs);
    halfOpenTimer.unref?.();
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
          clear();
          set('closed');
        } else open(t, failuresAtOpen + 1);
        return;
      }
      if (state !== 'closed') return; // a late answer from before the breaker opened changes nothing
      outcomes.push({ t, ok });
      if (!ok) failures++;
      prune(t);
      const count = outcomes.length - head;
      if (count >= config.minRequests && failures / count >= config.failureRate) open(t, failures);
    },
    /** Releases a probe slot without an outcome (the caller went away). */
    release(probe: boolean) {
      if (probe) probesInFlight = Math.max(0, probesInFlight - 1);
    },
  };
}

export type Breaker = ReturnType<typeof createBreaker>;
