import { describe, expect, it } from 'vitest';
import { formatTick, formatTickValue, formatTimestamp, formatValue, timeAxis, timeTicks } from './format';

describe('formatValue', () => {
  it.each([
    [0.0123, 'ratio', '1.23%'],
    [99.5, 'percent', '99.5%'],
    [0.25, 'seconds', '250 ms'],
    [0.0005, 'seconds', '500 µs'],
    [3, 'seconds', '3 s'],
    [2048, 'bytes', '2 KiB'],
    [12.345, 'reqps', '12.35 req/s'],
    [0, 'reqps', '0 req/s'],
    [25_000, 'count', '25k'],
  ] as const)('%d %s → %s', (v, unit, text) => {
    expect(formatValue(v, unit)).toBe(text);
  });

  it('gives durations three significant digits in their unit unless told the decimals', () => {
    expect([0.480031, 0.0482, 0.00482, 1.2345, 12.345, 0.0001234].map((v) => formatValue(v, 'seconds'))).toEqual(['480 ms', '48.2 ms', '4.82 ms', '1.23 s', '12.3 s', '123 µs']);
    expect(formatValue(480.031, 'milliseconds')).toBe('480 ms');
    expect(formatValue(0.480031, 'seconds', 3)).toBe('480.031 ms');
  });

  it('picks the scale of a duration after rounding it: 0.9996 s is 1 s, not 1,000 ms', () => {
    expect([0.9996, 0.00099996, 0.99999, 119.96, 7199].map((v) => formatValue(v, 'seconds'))).toEqual(['1 s', '1 ms', '1 s', '2 min', '2 h']);
    expect(formatValue(999.7, 'milliseconds')).toBe('1 s');
    expect(formatValue(0.9996, 'seconds', 0)).toBe('1 s');
    expect(formatValue(-0.9996, 'seconds')).toBe('-1 s');
    expect([0.999, 0.000999, 150, 5400, 9000].map((v) => formatValue(v, 'seconds'))).toEqual(['999 ms', '999 µs', '2.5 min', '90 min', '2.5 h']);
  });

  it('keeps large plain numbers short enough for an axis: SI prefixes up to P, then an exponent', () => {
    expect([1234, 25_000, 3_240_000, 1_795_370_985, 2e13, -4.5e15, 1.23e18].map((v) => formatValue(v, 'none'))).toEqual(['1,234', '25k', '3.24M', '1.8G', '20T', '-4.5P', '1.23e18']);
    expect([2e13, 1.5e13, 1_795_000_000, 1_795_500_000].map((v) => formatTickValue(v, 'count'))).toEqual(['20T', '15T', '1.795G', '1.7955G']);
  });

  it('shows no data as a dash, never as zero', () => {
    expect(formatValue(null, 'reqps')).toBe('—');
    expect(formatValue(Number.NaN, 'ratio')).toBe('—');
  });
});

describe('formatTickValue', () => {
  it('shows each tick exactly, with no more decimals than it needs', () => {
    expect([0, 0.35, 0.7, 1.05, 1.4].map((v) => formatTickValue(v, 'reqps'))).toEqual(['0 req/s', '0.35 req/s', '0.7 req/s', '1.05 req/s', '1.4 req/s']);
    expect([0.625, 1.25, 1.875].map((v) => formatTickValue(v, 'seconds'))).toEqual(['625 ms', '1.25 s', '1.875 s']);
    expect([0.004, 0.0125].map((v) => formatTickValue(v, 'ratio'))).toEqual(['0.4%', '1.25%']);
    expect(formatTickValue(1 / 3, 'none')).toBe('0.3333');
  });

  it('keeps duration ticks of a second and more in seconds, so that every tick is exact', () => {
    expect([0, 50, 100, 150, 200, 250].map((v) => formatTickValue(v, 'seconds'))).toEqual(['0 s', '50 s', '100 s', '150 s', '200 s', '250 s']);
    expect([0.25, 1, 7200, 12_500].map((v) => formatTickValue(v, 'seconds'))).toEqual(['250 ms', '1 s', '7,200 s', '12,500 s']);
    expect(formatTickValue(200_000, 'milliseconds')).toBe('200 s');
    expect(formatTickValue(0.0005, 'seconds')).toBe('500 µs');
  });
});

describe('time formatting', () => {
  const t = Date.UTC(2025, 0, 10, 23, 30, 5);
  it('formats in the dashboard timezone', () => {
    expect(formatTimestamp(t, 'UTC')).toBe('2025-01-10 23:30:05 UTC');
    expect(formatTimestamp(t, 'Europe/Berlin')).toBe('2025-01-11 00:30:05 Europe/Berlin');
    expect(formatTick(t, 'UTC', 3_600_000)).toBe('23:30');
    expect(formatTick(t, 'Asia/Tokyo', 3_600_000)).toBe('08:30');
  });
  it('names the day on ticks of a window of a day or more, whose ends share a time of day', () => {
    expect([formatTick(t, 'UTC', 86_400_000), formatTick(t + 86_400_000, 'UTC', 86_400_000)]).toEqual(['10 Jan, 23:30', '11 Jan, 23:30']);
    expect(formatTick(t, 'UTC', 86_399_999)).toBe('23:30');
  });
});

describe('timeTicks', () => {
  const at = (iso: string) => Date.parse(iso);
  const utc = (ts: number[]) => ts.map((t) => new Date(t).toISOString().slice(11, 16));
  it('puts ticks on round wall-clock times, at most six', () => {
    expect(utc(timeTicks(at('2026-11-22T12:07:31Z'), at('2026-11-22T13:07:31Z'), 'UTC'))).toEqual(['12:10', '12:20', '12:30', '12:40', '12:50', '13:00']);
    expect(utc(timeTicks(at('2026-11-22T07:20:00Z'), at('2026-11-22T13:20:00Z'), 'UTC'))).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
    const week = timeTicks(at('2026-11-15T13:00:00Z'), at('2026-11-22T13:00:00Z'), 'UTC');
    expect(week.every((t) => new Date(t).toISOString().endsWith('T00:00:00.000Z'))).toBe(true);
    expect(week.length).toBeLessThanOrEqual(6);
  });

  it("rounds in the dashboard's time zone, half-hour offsets included", () => {
    // Asia/Kolkata is UTC+5:30: its whole hours fall at half past in UTC.
    expect(utc(timeTicks(at('2026-11-22T07:10:00Z'), at('2026-11-22T13:10:00Z'), 'Asia/Kolkata'))).toEqual(['07:30', '08:30', '09:30', '10:30', '11:30', '12:30']);
  });

  it('ticks seconds apart over a range of seconds, and those ticks show their seconds', () => {
    const ticks = timeTicks(at('2026-11-22T13:40:05.300Z'), at('2026-11-22T13:40:36.900Z'), 'UTC');
    expect(ticks.map((t) => formatTick(t, 'UTC', 31_600))).toEqual(['13:40:10', '13:40:20', '13:40:30']);
    // Ticks a minute or more apart keep hours and minutes only.
    expect(formatTick(at('2026-11-22T13:40:00Z'), 'UTC', 10 * 60_000)).toBe('13:40');
  });

  it('makes a time axis: the domain, its round ticks and their labels', () => {
    const axis = timeAxis(at('2026-11-22T12:07:31Z'), at('2026-11-22T13:07:31Z'), 'Europe/Berlin');
    expect(axis.domain).toEqual([at('2026-11-22T12:07:31Z'), at('2026-11-22T13:07:31Z')]);
    expect(axis.ticks.map(axis.tickFormatter)).toEqual(['13:10', '13:20', '13:30', '13:40', '13:50', '14:00']);
  });

  it('has one tick for an instant and none for a reversed range', () => {
    expect(timeTicks(5, 5, 'UTC')).toEqual([5]);
    expect(timeTicks(6, 5, 'UTC')).toEqual([]);
  });
});
