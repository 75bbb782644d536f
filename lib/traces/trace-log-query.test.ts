import { describe, expect, it } from 'vitest';
import type { Micros } from '@/lib/datasources/types';
import { buildTraceLogQuery, rangeForTraceLogs, TRACE_LOG_MARGIN_MS, TRACE_LOG_MAX_RANGE_MS } from './trace-log-query';

const DEFAULT_TEMPLATE = '{service_name=~".+"} | trace_id="${traceId}"';
const LONG = '4bf92f3577b34da6a3ce929d0e0e4736';
const SHORT = '463ac35c9f6413ad';
const PADDED = `0000000000000000${SHORT}`;

describe('buildTraceLogQuery', () => {
  it('puts the trace id into every placeholder of the template', () => {
    expect(buildTraceLogQuery('{service_name=~".+"} | trace_id="${traceId}" or span="${traceId}"', LONG.toUpperCase()))
      .toBe(`{service_name=~".+"} | trace_id="${LONG}" or span="${LONG}"`);
  });

  it('refuses anything but a hex id, so the query cannot be altered', () => {
    expect(() => buildTraceLogQuery('| trace_id="${traceId}"', 'x" or 1=1')).toThrow(/not a trace id/);
  });

  it('finds the lines of a 64-bit trace written with or without the zero padding Jaeger adds', () => {
    const both = `{service_name=~".+"} | trace_id=~"${PADDED}|${SHORT}"`;
    expect(buildTraceLogQuery(DEFAULT_TEMPLATE, PADDED)).toBe(both);
    expect(buildTraceLogQuery(DEFAULT_TEMPLATE, SHORT.toUpperCase())).toBe(both);
    expect(buildTraceLogQuery('{trace_id = `${traceId}`}', PADDED)).toBe(`{trace_id =~ \`${PADDED}|${SHORT}\`}`);
    expect(buildTraceLogQuery('{app="shop"} | json | trace_id=~"${traceId}"', PADDED)).toBe(`{app="shop"} | json | trace_id=~"${PADDED}|${SHORT}"`);
  });

  it('searches a line filter for the 16-digit form, which the padded one contains', () => {
    expect(buildTraceLogQuery('{app="shop"} |= "${traceId}"', PADDED)).toBe(`{app="shop"} |= "${SHORT}"`);
    expect(buildTraceLogQuery('{app="shop"} |~ "${traceId}"', PADDED)).toBe(`{app="shop"} |~ "${SHORT}"`);
  });

  it('leaves other uses of the placeholder, and 128-bit ids, as they were', () => {
    expect(buildTraceLogQuery('{app="shop"} | trace_id!="${traceId}"', PADDED)).toBe(`{app="shop"} | trace_id!="${PADDED}"`);
    expect(buildTraceLogQuery('{app="shop"} | line_format "${traceId}"', PADDED)).toBe(`{app="shop"} | line_format "${PADDED}"`);
    expect(buildTraceLogQuery(DEFAULT_TEMPLATE, LONG)).toBe(`{service_name=~".+"} | trace_id="${LONG}"`);
  });
});

describe('rangeForTraceLogs', () => {
  const HOUR_US = 3_600_000_000;
  const T0 = 1_700_000_000_000_000;

  it('covers the trace with a margin on both sides', () => {
    const r = rangeForTraceLogs({ startMicros: 1_700_000_000_000_500 as Micros, durationMicros: 2_000_000 as Micros });
    expect(r.start).toBe(1_700_000_000_000 - TRACE_LOG_MARGIN_MS);
    expect(r.end).toBe(1_700_000_002_001 + TRACE_LOG_MARGIN_MS);
    expect(r.full).toBeNull();
  });

  it('searches a multi-day trace for at most the range the logs route accepts, from a margin before its root span', () => {
    const trace = { startMicros: T0 as Micros, durationMicros: (72 * HOUR_US) as Micros, spans: [{ parentSpanId: null, startMicros: T0 as Micros }, { parentSpanId: 'a', startMicros: (T0 + 70 * HOUR_US) as Micros }] };
    const r = rangeForTraceLogs(trace);
    expect(r.end - r.start).toBe(TRACE_LOG_MAX_RANGE_MS);
    expect(r.start).toBe(T0 / 1000 - TRACE_LOG_MARGIN_MS);
    expect(r.full).toEqual({ start: T0 / 1000 - TRACE_LOG_MARGIN_MS, end: T0 / 1000 + 72 * 3_600_000 + TRACE_LOG_MARGIN_MS });
  });

  it('keeps the root span in range when a child with a skewed clock starts days before it', () => {
    const root = T0 + 48 * HOUR_US;
    const trace = { startMicros: T0 as Micros, durationMicros: (48 * HOUR_US + 1_000_000) as Micros, spans: [{ parentSpanId: 'r', startMicros: T0 as Micros }, { parentSpanId: null, startMicros: root as Micros }] };
    const r = rangeForTraceLogs(trace);
    expect(r.end - r.start).toBe(TRACE_LOG_MAX_RANGE_MS);
    expect(r.start).toBeLessThan(root / 1000);
    expect(r.end).toBeGreaterThan(root / 1000 + 1000);
    expect(r.end).toBe(r.full!.end);
  });
});
