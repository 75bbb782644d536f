import { describe, expect, it } from 'vitest';
import type { UnixMs } from '@/lib/datasources/types';
import { describeTraceLogNotices, describeTraceLogRange, describeTraceLogsError } from './trace-log-messages';
import { TRACE_LOG_MARGIN_MS } from './trace-log-query';

const capped = { code: 'ENTRIES_CAPPED' as const, message: 'Showing the oldest 5000 entries; narrow the time range or the query to see the rest' };

describe('describeTraceLogNotices', () => {
  it('says which end of a capped trace is missing and offers the other end', () => {
    expect(describeTraceLogNotices([capped], 'forward', 5000).capped).toEqual({
      message: 'Showing the oldest 5,000 lines of this trace; later lines are missing.',
      switchLabel: 'Show the newest lines instead',
      switchTo: 'backward',
    });
    expect(describeTraceLogNotices([capped], 'backward', 5000).capped).toEqual({
      message: 'Showing the newest 5,000 lines of this trace; earlier lines are missing.',
      switchLabel: 'Show the oldest lines instead',
      switchTo: 'forward',
    });
  });

  it('passes other notices through and says nothing of a cap that was not hit', () => {
    expect(describeTraceLogNotices([{ code: 'UPSTREAM_WARNING', message: 'query timed out partially' }], 'forward', 12)).toEqual({ capped: null, others: ['query timed out partially'] });
  });
});

describe('describeTraceLogRange', () => {
  it('says which part of a trace too long to search whole was searched', () => {
    const start = Date.UTC(2025, 5, 10, 14, 53, 30) as UnixMs;
    const full = { start, end: (start + 72 * 3_600_000 + 2 * TRACE_LOG_MARGIN_MS) as UnixMs };
    expect(describeTraceLogRange({ start, end: (start + 24 * 3_600_000) as UnixMs, full })).toBe(
      "This trace lasts 3 days, longer than the one day searched for logs at once: searched 2025-06-10 14:53:30 UTC to 2025-06-11 14:53:30 UTC, which holds its root span's start. Lines outside that are not shown.",
    );
    expect(describeTraceLogRange({ start, end: (start + 60_000) as UnixMs, full: null })).toBeNull();
  });
});

describe('describeTraceLogsError', () => {
  it('blames Loki, and offers a retry, only when Loki failed or could not be reached', () => {
    expect(describeTraceLogsError({ status: 503, code: 'UPSTREAM_UNAVAILABLE', message: 'loki: connection refused' })).toEqual({ message: 'Loki is unavailable: loki: connection refused', retry: true });
    expect(describeTraceLogsError({ status: 500, code: 'INTERNAL', message: 'boom' })).toEqual({ message: "The trace's logs could not be loaded: boom", retry: true });
    expect(describeTraceLogsError({ status: 0, code: 'NETWORK', message: 'Failed to fetch' })).toMatchObject({ retry: true });
  });

  it('tells a refused request apart, without a retry that cannot work', () => {
    expect(describeTraceLogsError({ status: 400, code: 'INVALID_INPUT', message: 'end: the range may span at most one day' })).toEqual({
      message: "The trace's logs could not be searched: end: the range may span at most one day",
      retry: false,
    });
    expect(describeTraceLogsError({ status: 422, code: 'UPSTREAM_BAD_QUERY', message: 'parse error at line 1' })).toMatchObject({ message: expect.stringMatching(/^Loki refused the query/), retry: false });
    expect(describeTraceLogsError({ status: 401, code: 'UNAUTHENTICATED', message: 'sign in' })).toMatchObject({ retry: false });
  });
});
