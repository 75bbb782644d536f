import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry, Micros, NanosString, ResultNotice, TraceSummary, UnixMs } from '@/lib/datasources/types';

const searchRows = vi.fn<(q: { service: string; limit?: number }, opts?: unknown) => Promise<TraceSummary[]>>();
const searchNotices: ResultNotice[] = [];
// Jaeger's searchTraces: the rows of searchRows, with the notices of searchNotices.
const searchTraces = async (q: { service: string; limit?: number }, opts?: unknown) => ({ data: await searchRows(q, opts), notices: searchNotices });
const services = vi.fn<() => Promise<string[]>>();
const queryLogs = vi.fn<() => Promise<{ data: LogEntry[]; notices: [] }>>();
vi.mock('@/lib/datasources/jaeger', () => ({ jaeger: () => ({ services, searchTraces }) }));
vi.mock('@/lib/datasources/loki', () => ({ loki: () => ({ queryLogs }) }));
vi.mock('@/lib/env', () => ({ env: () => ({ CORRELATION_ID_ATTRIBUTE: 'correlation_id', CORRELATION_ID_LOG_FIELD: 'correlation_id' }) }));
const { mergeCorrelatedTraces, searchCorrelationId, TRACES_PER_SERVICE } = await import('./correlation-search');

const summary = (traceId: string, start: number): TraceSummary => ({ traceId, rootService: 'web', rootOperation: 'GET /', spanCount: 3, errorCount: 0, services: [], startMicros: start as Micros, durationMicros: 10 as Micros });
const line = (traceId: string | null, text = 'x'): LogEntry => ({ id: `${traceId}:${text}`, t: 1 as UnixMs, ns: '1' as NanosString, line: text, level: 'info', labels: {}, fields: {}, traceId, spanId: null });

describe('mergeCorrelatedTraces', () => {
  it('lists each trace once, oldest first, then traces seen only in log lines', () => {
    const merged = mergeCorrelatedTraces([summary('b'.repeat(32), 2), summary('a'.repeat(32), 1), summary('b'.repeat(32), 2)], [line('C'.repeat(32)), line('a'.repeat(32)), line(null), line('0'.repeat(32))]);
    expect(merged.map((t) => [t.traceId[0], t.summary !== null])).toEqual([['a', true], ['b', true], ['c', false]]);
  });

  it('counts a 64-bit trace once whether its id carries the zero padding Jaeger adds or not', () => {
    const short = '463ac35c9f6413ad';
    const merged = mergeCorrelatedTraces([summary(`${'0'.repeat(16)}${short}`, 1)], [line(short), line(short.toUpperCase())]);
    expect(merged).toEqual([{ traceId: `${'0'.repeat(16)}${short}`, summary: expect.objectContaining({ spanCount: 3 }) }]);
  });

  it('takes trace ids from traceparent values in the lines', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(mergeCorrelatedTraces([], [line(null, `GET /cart traceparent=00-${id}-00f067aa0ba902b7-01`)])).toEqual([{ traceId: id, summary: null }]);
  });
});

describe('searchCorrelationId', () => {
  const window = { start: 1_700_000_000_000 as UnixMs, end: 1_700_003_600_000 as UnixMs };
  const traces = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => summary(`${prefix}${String(i).padStart(31, '0')}`, i));

  beforeEach(() => {
    services.mockResolvedValue(['cart', 'payment', 'web']);
    queryLogs.mockResolvedValue({ data: [], notices: [] });
    searchNotices.length = 0;
    searchRows.mockImplementation(async ({ service }) => (service === 'cart' ? traces(TRACES_PER_SERVICE, 'a') : service === 'payment' ? traces(3, 'b') : []));
  });

  it('says which services returned as many traces as one search asks Jaeger for, as more may exist', async () => {
    const r = await searchCorrelationId('req-42', window);
    expect(searchRows).toHaveBeenCalledWith(expect.objectContaining({ service: 'cart', limit: TRACES_PER_SERVICE }), {});
    expect(r.traces).toHaveLength(TRACES_PER_SERVICE + 3);
    expect(r.notices).toEqual([{ code: 'ENTRIES_CAPPED', message: `Jaeger returned its limit of ${TRACES_PER_SERVICE} traces for cart; other traces with this id may be missing. Narrow the time range to see them.` }]);
  });

  it('adds no notice when every service returned fewer', async () => {
    searchRows.mockResolvedValue(traces(2, 'c'));
    expect((await searchCorrelationId('req-42', window)).notices).toEqual([]);
  });

  it('passes on the notice Jaeger sends with a partial search result', async () => {
    searchRows.mockResolvedValue(traces(2, 'c'));
    const partial: ResultNotice = { code: 'PARTIAL', message: 'Jaeger answered with errors, so the result may be incomplete: trace abc not found' };
    searchNotices.push(partial);
    expect((await searchCorrelationId('req-42', window)).notices).toEqual([partial, partial, partial]);
  });
});
