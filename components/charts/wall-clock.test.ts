import { describe, expect, it } from 'vitest';
import { formatTimestamp, fromWallClock, toWallClock } from './format';

describe('wall-clock times of a zone (datetime-local inputs)', () => {
  it('reads and writes a time in UTC, in a zone without DST and in one with it', () => {
    const t = Date.UTC(2025, 0, 10, 12, 0);
    expect(toWallClock(t, 'UTC')).toBe('2025-01-10T12:00');
    expect(toWallClock(t, 'Asia/Kolkata')).toBe('2025-01-10T17:30');
    expect(toWallClock(t, 'Europe/Berlin')).toBe('2025-01-10T13:00');
    expect(fromWallClock('2025-01-10T17:30', 'Asia/Kolkata')).toBe(t);
    expect(fromWallClock('2025-01-10T13:00', 'Europe/Berlin')).toBe(t);
    expect(fromWallClock('2025-07-10T14:00', 'Europe/Berlin')).toBe(Date.UTC(2025, 6, 10, 12, 0));
    expect(fromWallClock('2025-01-10T12:00', 'UTC')).toBe(t);
  });

  it('takes a time the spring change skips with the winter offset, and a repeated autumn time as the later one', () => {
    // Berlin skips 02:00–03:00 on 30 March 2025: 02:30 reads as 03:30 summer time.
    expect(formatTimestamp(fromWallClock('2025-03-30T02:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2025-03-30 03:30:00 Europe/Berlin');
    // 02:30 happens twice on 26 October 2025, in summer and then in winter time: the later one.
    expect(fromWallClock('2025-10-26T02:30', 'Europe/Berlin')).toBe(Date.UTC(2025, 9, 26, 1, 30));
    // West of UTC alike: New York skips 02:00–03:00 on 9 March 2025 and repeats 01:00–02:00 on 2 November.
    expect(fromWallClock('2025-03-09T02:30', 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 7, 30));
    expect(fromWallClock('2025-11-02T01:30', 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 6, 30));
    expect(fromWallClock('2025-07-04T12:00', 'America/New_York')).toBe(Date.UTC(2025, 6, 4, 16, 0));
  });

  it('answers NaN for text that is not a datetime-local value', () => {
    expect(fromWallClock('', 'UTC')).toBeNaN();
    expect(fromWallClock('2025-13-40T99:00', 'UTC')).toBeNaN();
    expect(fromWallClock('yesterday', 'Europe/Berlin')).toBeNaN();
  });
});
