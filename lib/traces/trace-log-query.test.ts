import { describe, expect, it } from 'vitest';
import type { Micros } from '@/lib/datasources/types';
import { buildTraceLogQuery, rangeForTraceLogs, TRACE_LOG_MARGIN_MS } from './trace-log-query';

describe('buildTraceLogQuery', () => {
  it('puts the trace id into every placeholder of the template', () => {
    expect(buildTraceLogQuery('{service_name=~".+"} | trace_id="${traceId}" or span="${traceId}"', 'ABC123'))
      .toBe('{service_name=~".+"} | trace_id="abc123" or span="abc123"');
  });

  it('refuses anything but a hex id, so the query cannot be altered', () => {
    expect(() => buildTraceLogQuery('| trace_id="${traceId}"', 'x" or 1=1')).toThrow(/not a trace id/);
  });
});

describe('rangeForTraceLogs', () => {
  it('covers the trace with a margin on both sides', () => {
    const r = rangeForTraceLogs({ startMicros: 1_700_000_000_000_500 as Micros, durationMicros: 2_000_000 as Micros });
    expect(r.start).toBe(1_700_000_000_000 - TRACE_LOG_MARGIN_MS);
    expect(r.end).toBe(1_700_000_002_001 + TRACE_LOG_MARGIN_MS);
  });
});
