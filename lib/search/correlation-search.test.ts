import { describe, expect, it } from 'vitest';
import type { LogEntry, Micros, NanosString, TraceSummary, UnixMs } from '@/lib/datasources/types';
import { mergeCorrelatedTraces } from './correlation-search';

describe('mergeCorrelatedTraces', () => {
  const summary = (traceId: string, start: number): TraceSummary => ({ traceId, rootService: 'web', rootOperation: 'GET /', spanCount: 3, errorCount: 0, services: [], startMicros: start as Micros, durationMicros: 10 as Micros });
  const line = (traceId: string | null): LogEntry => ({ id: String(traceId), t: 1 as UnixMs, ns: '1' as NanosString, line: 'x', level: 'info', labels: {}, fields: {}, traceId, spanId: null });

  it('lists each trace once, oldest first, then traces seen only in log lines', () => {
    const merged = mergeCorrelatedTraces([summary('b'.repeat(32), 2), summary('a'.repeat(32), 1), summary('b'.repeat(32), 2)], [line('C'.repeat(32)), line('a'.repeat(32)), line(null), line('0'.repeat(32))]);
    expect(merged.map((t) => [t.traceId[0], t.summary !== null])).toEqual([['a', true], ['b', true], ['c', false]]);
  });
});
