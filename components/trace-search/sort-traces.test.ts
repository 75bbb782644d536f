import { describe, expect, it } from 'vitest';
import type { Micros, TraceSummary } from '@/lib/datasources/types';
import { nextSort, sortTraces } from './sort-traces';

const t = (id: string, over: Partial<TraceSummary>): TraceSummary => ({
  traceId: id,
  rootService: 'api',
  rootOperation: 'GET /',
  spanCount: 1,
  errorCount: 0,
  services: [{ name: 'api', spanCount: 1 }],
  startMicros: 0 as Micros,
  durationMicros: 0 as Micros,
  ...over,
});

const traces = [
  t('a', { durationMicros: 300 as Micros, startMicros: 1 as Micros, rootService: 'payment' }),
  t('b', { durationMicros: 900 as Micros, startMicros: 2 as Micros, errorCount: 2, rootService: 'Checkout' }),
  t('c', { durationMicros: 100 as Micros, startMicros: 3 as Micros, errorCount: 2, rootService: 'cart' }),
];

describe('sortTraces', () => {
  it('sorts by duration, slowest first', () => {
    expect(sortTraces(traces, { key: 'duration', dir: 'desc' }).map((x) => x.traceId)).toEqual(['b', 'a', 'c']);
  });
  it('sorts root names case-insensitively', () => {
    expect(sortTraces(traces, { key: 'root', dir: 'asc' }).map((x) => x.traceId)).toEqual(['c', 'b', 'a']);
  });
  it('breaks ties by the newest start', () => {
    expect(sortTraces(traces, { key: 'errors', dir: 'desc' }).map((x) => x.traceId)).toEqual(['c', 'b', 'a']);
  });
  it('does not reorder the input', () => {
    sortTraces(traces, { key: 'duration', dir: 'asc' });
    expect(traces.map((x) => x.traceId)).toEqual(['a', 'b', 'c']);
  });
});

describe('nextSort', () => {
  it('flips the direction of the same column and starts a new number column descending', () => {
    expect(nextSort({ key: 'duration', dir: 'desc' }, 'duration')).toEqual({ key: 'duration', dir: 'asc' });
    expect(nextSort({ key: 'duration', dir: 'asc' }, 'spans')).toEqual({ key: 'spans', dir: 'desc' });
    expect(nextSort({ key: 'duration', dir: 'asc' }, 'root')).toEqual({ key: 'root', dir: 'asc' });
  });
});
