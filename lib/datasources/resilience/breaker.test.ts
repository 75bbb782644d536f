import { describe, expect, it, vi } from 'vitest';
import type { BreakerState } from '../types';
import { createBreaker } from './breaker';

const CONFIG = { failureRate: 0.5, minRequests: 4, windowMs: 10_000, openMs: 5_000 };

function breakerAt(start = 0) {
  let t = start;
  const changes: BreakerState[] = [];
  const breaker = createBreaker(CONFIG, () => t, (s) => changes.push(s));
  return { breaker, changes, advance: (ms: number) => (t += ms), record: (ok: boolean) => breaker.record(ok, false) };
}

describe('createBreaker', () => {
  it('opens once at least minRequests outcomes in the window fail at the failure rate', () => {
    const { breaker, record } = breakerAt();
    record(false);
    record(false);
    record(false);
    expect(breaker.state()).toBe('closed'); // 3 < minRequests
    record(true);
    expect(breaker.state()).toBe('open'); // 3 of 4 failed
    expect(breaker.acquire()).toEqual({ ok: false, retryInMs: 5_000, failures: 3 });
  });

  it('stays closed below the failure rate and opens when it is reached', () => {
    const { breaker, record } = breakerAt();
    for (const ok of [true, true, true, true, true, true, false, false, false, false]) record(ok); // at most 4 of 10 failed
    expect(breaker.state()).toBe('closed');
    record(false); // 5 of 11
    expect(breaker.state()).toBe('closed');
    record(false); // 6 of 12
    expect(breaker.state()).toBe('open');
  });

  it('forgets outcomes older than the window, counting failures exactly at its edge', () => {
    const { breaker, record, advance } = breakerAt();
    record(false);
    record(false);
    record(false);
    advance(10_000); // the three failures are exactly windowMs old: still inside
    record(true);
    expect(breaker.state()).toBe('open');

    const later = breakerAt();
    later.record(false);
    later.record(false);
    later.record(false);
    later.advance(10_001); // now outside
    later.record(true);
    later.record(false);
    later.record(true);
    later.record(false);
    expect(later.breaker.state()).toBe('open'); // 2 of 4 in the window failed: 0.5
    const fresh = breakerAt();
    fresh.record(false);
    fresh.record(false);
    fresh.record(false);
    fresh.advance(10_001);
    for (const ok of [true, true, true, false]) fresh.record(ok);
    expect(fresh.breaker.state()).toBe('closed'); // 1 of 4 in the window
  });

  it('keeps an exact count over a window of many calls as old ones fall out', () => {
    const { breaker, record, advance } = breakerAt();
    // 50,000 successes over 10 s, then failures: the breaker must see the window's true rate.
    for (let i = 0; i < 50_000; i++) {
      record(true);
      advance(0.2);
    }
    for (let i = 0; i < 1_000; i++) record(false);
    expect(breaker.state()).toBe('closed'); // ~1,000 of ~51,000
    // Time passes with failures only: once the failures are most of the window, it opens.
    let opened = -1;
    for (let i = 0; i < 60_000 && opened < 0; i++) {
      advance(0.2);
      record(false);
      if (breaker.state() === 'open') opened = i;
    }
    // Successes fall out at the rate failures come in: half the window has turned over after ~24,000 more.
    expect(opened).toBeGreaterThan(23_000);
    expect(opened).toBeLessThan(25_000);
  });

  it('turns half-open after openMs; a successful probe closes it with a clean window, a failed one opens it again', () => {
    const { breaker, record, advance, changes } = breakerAt();
    for (let i = 0; i < 4; i++) record(false);
    advance(5_000);
    expect(breaker.state()).toBe('half_open');
    const probe = breaker.acquire();
    expect(probe).toEqual({ ok: true, probe: true });
    expect(breaker.acquire().ok).toBe(false); // one probe at a time
    breaker.record(false, true);
    expect(breaker.state()).toBe('open');
    advance(5_000);
    expect(breaker.acquire()).toEqual({ ok: true, probe: true });
    breaker.record(true, true);
    expect(breaker.state()).toBe('closed');
    // The window starts clean: the failures that opened it no longer count.
    record(false);
    record(true);
    record(true);
    record(true);
    expect(breaker.state()).toBe('closed');
    expect(changes).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
  });

  it('ignores late non-probe outcomes while open, and a released probe frees its slot', () => {
    const { breaker, record, advance } = breakerAt();
    for (let i = 0; i < 4; i++) record(false);
    record(true);
    expect(breaker.state()).toBe('open');
    advance(5_000);
    expect(breaker.acquire()).toEqual({ ok: true, probe: true });
    breaker.release(true);
    expect(breaker.acquire()).toEqual({ ok: true, probe: true });
  });

  it('reports half-open when the open period ends, with no call asking for the state (the gauge of an idle datasource)', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const changes: BreakerState[] = [];
      const breaker = createBreaker(CONFIG, Date.now, (s) => changes.push(s));
      for (let i = 0; i < 4; i++) breaker.record(false);
      vi.advanceTimersByTime(4_999);
      expect(changes).toEqual(['open']);
      vi.advanceTimersByTime(1);
      expect(changes).toEqual(['open', 'half_open']);
      // A probe that fails opens it again, with a new period and timer.
      expect(breaker.acquire()).toEqual({ ok: true, probe: true });
      breaker.record(false, true);
      vi.advanceTimersByTime(5_000);
      expect(changes).toEqual(['open', 'half_open', 'open', 'half_open']);
    } finally {
      vi.useRealTimers();
    }
  });
});
