import { describe, expect, it } from 'vitest';
import { alignRange, alignWindow, computeRateInterval, computeStep, formatDuration, parseDuration, parseTimeRef, resolveRange } from './time';
import { parseEnv } from '@/lib/env';
import { asUnixMs } from '@/lib/datasources/types';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const H = 3_600_000;
const D = 24 * H;

describe('parseDuration / formatDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['7d', 7 * D],
    ['250ms', 250],
  ])('%s is %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 'm5', '1.5h', '-5m', '5 m'])('rejects %j', (text) => expect(parseDuration(text)).toBeNull());

  it('formats seconds as the shortest duration', () => {
    expect(formatDuration(270)).toBe('4m30s');
    expect(formatDuration(86400 + 3600)).toBe('1d1h');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('parseTimeRef', () => {
  it('resolves now and now-<duration> against the given clock', () => {
    expect(parseTimeRef('now', NOW)).toBe(NOW);
    expect(parseTimeRef('now-1h', NOW)).toBe(NOW - H);
    expect(parseTimeRef('now-1d12h', NOW)).toBe(NOW - 36 * H);
  });

  it('accepts ISO 8601 and epoch milliseconds', () => {
    expect(parseTimeRef('2025-01-15T10:00:00Z', NOW)).toBe(NOW - 2 * H);
    expect(parseTimeRef(String(NOW - 5000), NOW)).toBe(NOW - 5000);
  });

  it.each(['yesterday', 'now-', 'now-5', 'now+1h', '2025-13-45T99:00:00Z', '12'])('rejects %j with a message naming it', (ref) => {
    expect(() => parseTimeRef(ref, NOW)).toThrow(ref);
  });

  it.each(['9999999999999999', 'now-9999999999999d', 'now-99999999999999999999d', 'now-60y', '1969-12-31T23:59:59Z'])(
    'rejects %j, a time outside 1970 to 9999, with INVALID_INPUT naming it rather than an invalid date',
    (ref) => {
      expect(() => parseTimeRef(ref, NOW)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`"${ref}" is outside`) }));
    },
  );

  it('accepts the ends of the supported span', () => {
    expect(parseTimeRef('1970-01-01T00:00:00Z', NOW)).toBe(0);
    expect(parseTimeRef('9999-12-31T23:59:59.999Z', NOW)).toBe(253_402_300_799_999);
    expect(new Date(parseTimeRef('253402300799999', NOW)).toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => resolveRange('now', 'now-1h', NOW)).toThrow(/start before it ends/);
    expect(resolveRange('now-6h', 'now', NOW)).toEqual({ start: NOW - 6 * H, end: NOW });
  });
});

describe('computeStep', () => {
  it('spreads maxPoints over the range and rounds up to a readable step', () => {
    expect(computeStep(6 * H, 'auto', 300)).toEqual({ stepSeconds: 120, raised: false, requestedSeconds: 120 });
    expect(computeStep(15 * 60_000, 'auto', 300)).toMatchObject({ stepSeconds: 5, raised: false });
  });

  it('keeps a fixed resolution while it stays under 11,000 points', () => {
    expect(computeStep(24 * H, '30s', 300)).toEqual({ stepSeconds: 30, raised: false, requestedSeconds: 30 });
  });

  it('raises a step that would exceed 11,000 points and says so', () => {
    const step = computeStep(30 * D, '30s', 300);
    expect(step.raised).toBe(true);
    expect(step.requestedSeconds).toBe(30);
    expect((30 * D) / 1000 / step.stepSeconds).toBeLessThanOrEqual(11_000);
    expect(step.stepSeconds).toBe(300);
  });

  it('caps auto resolution with a huge maxPoints too', () => {
    const step = computeStep(30 * D, 'auto', 11_000);
    expect((30 * D) / 1000 / step.stepSeconds).toBeLessThanOrEqual(11_000);
  });

  it('rejects sub-second or malformed resolutions', () => {
    expect(() => computeStep(H, '500ms', 300)).toThrow(/at least 1s/);
    expect(() => computeStep(H, 'fast', 300)).toThrow(/resolution/);
  });
});

describe('alignRange', () => {
  it('aligns both ends down to the step so nearby requests share a range', () => {
    const a = alignRange({ start: asUnixMs(NOW - H + 7_000), end: asUnixMs(NOW + 7_000) }, 60);
    const b = alignRange({ start: asUnixMs(NOW - H + 42_000), end: asUnixMs(NOW + 42_000) }, 60);
    expect(a).toEqual(b);
    expect(a.start % 60_000).toBe(0);
    expect(a.end % 60_000).toBe(0);
  });

  it('never returns an empty range', () => {
    const r = alignRange({ start: asUnixMs(NOW + 1000), end: asUnixMs(NOW + 2000) }, 60);
    expect(r.end - r.start).toBe(60_000);
  });
});

describe('alignWindow', () => {
  const at = Date.UTC(2025, 5, 10, 14, 58, 37);
  const week = (now: number) => alignWindow({ start: asUnixMs(now - 7 * D), end: asUnixMs(now) }, 3600, 15);

  it('reaches now to within a scrape interval, while range queries stay on the step', () => {
    const w = week(at);
    expect(new Date(w.end).toISOString()).toBe('2025-06-10T14:58:30.000Z');
    expect(new Date(w.rangeEnd).toISOString()).toBe('2025-06-10T14:00:00.000Z');
    expect(w.start % H).toBe(0);
    expect((w.rangeEnd - w.start) % H).toBe(0);
  });

  it('gives viewers within one scrape interval the same window, and a refresh after it a newer end on the same range', () => {
    expect(week(at + 5_000)).toEqual(week(at));
    const later = week(at + 15_000);
    expect(later.end - week(at).end).toBe(15_000);
    expect([later.start, later.rangeEnd]).toEqual([week(at).start, week(at).rangeEnd]);
  });

  it('never ends range queries after the window, nor leaves them empty', () => {
    const fine = alignWindow({ start: asUnixMs(NOW - H + 7_000), end: asUnixMs(NOW + 7_000) }, 5, 15);
    expect(fine.rangeEnd).toBe(fine.end);
    expect(fine.end).toBe(NOW + 5_000);
    const short = alignWindow({ start: asUnixMs(NOW + 1000), end: asUnixMs(NOW + 2000) }, 60, 15);
    expect(short.rangeEnd - short.start).toBe(60_000);
    expect(short.end).toBeGreaterThanOrEqual(short.rangeEnd);
  });
});

describe('PROMETHEUS_SCRAPE_INTERVAL', () => {
  it('defaults to 15s and takes a duration of whole seconds', () => {
    expect(parseEnv({}).PROMETHEUS_SCRAPE_INTERVAL).toBe(15);
    expect(parseEnv({ PROMETHEUS_SCRAPE_INTERVAL: '1m' }).PROMETHEUS_SCRAPE_INTERVAL).toBe(60);
  });

  it.each(['15', '500ms', 'fast', '0s'])('refuses %j, naming the variable', (value) => {
    expect(() => parseEnv({ PROMETHEUS_SCRAPE_INTERVAL: value })).toThrow(/PROMETHEUS_SCRAPE_INTERVAL/);
  });
});

describe('computeRateInterval', () => {
  it('covers at least four scrapes and one step plus a scrape', () => {
    expect(computeRateInterval(15)).toBe(60);
    expect(computeRateInterval(120)).toBe(135);
    expect(computeRateInterval(30, 30)).toBe(120);
  });
});
