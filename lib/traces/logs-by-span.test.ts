import { describe, expect, it } from 'vitest';
import type { LogEntry, NanosString, UnixMs } from '@/lib/datasources/types';
import { makeFakeTrace } from './fake-trace';
import { compareNanos, nanosToMicros, tieLogsToSpans } from './logs-by-span';
import { buildSpanTree } from './tree';

function entry(id: string, ns: string, spanId: string | null): LogEntry {
  return {
    id, ns: ns as NanosString, t: Math.floor(Number(ns) / 1e6) as UnixMs, line: `line ${id}`, level: 'info',
    labels: {}, fields: {}, traceId: 'trace-1', spanId,
  };
}

const tree = buildSpanTree(makeFakeTrace([
  { id: 'orph', parent: 'gone', start: 0, duration: 5 },
  { id: 'root', start: 1, duration: 100 },
  { id: 'child', parent: 'root', start: 10, duration: 20 },
]));

describe('tieLogsToSpans', () => {
  it('sorts lines by their nanosecond time, beyond double precision', () => {
    const logs = tieLogsToSpans(tree, [
      entry('b', '1700000000000000002', 'child'),
      entry('a', '1700000000000000001', 'child'),
      entry('c', '999999999999999999', 'root'),
    ]);
    expect(logs.lines.map((l) => l.entry.id)).toEqual(['c', 'a', 'b']);
  });

  it('ties lines to their span and answers which lines a span has', () => {
    const logs = tieLogsToSpans(tree, [entry('a', '2', 'CHILD'), entry('b', '1', 'root'), entry('c', '3', 'child')]);
    const child = tree.indexById.get('child')!;
    expect(logs.linesBySpan.get(child)!.map((p) => logs.lines[p]!.entry.id)).toEqual(['a', 'c']);
    expect(logs.detachedCount).toBe(0);
  });

  it('attaches lines without a known span to the true root and flags why', () => {
    const logs = tieLogsToSpans(tree, [entry('a', '1', null), entry('b', '2', 'nope')]);
    const root = tree.indexById.get('root')!;
    expect(logs.lines.map((l) => [l.span, l.detached])).toEqual([[root, 'no-span-id'], [root, 'unknown-span']]);
    expect(logs.detachedCount).toBe(2);
  });
});

describe('compareNanos', () => {
  it('orders by numeric value', () => {
    expect(compareNanos('99', '100')).toBeLessThan(0);
    expect(compareNanos('100', '100')).toBe(0);
  });
});

describe('nanosToMicros', () => {
  it('keeps microsecond precision of an epoch timestamp', () => {
    expect(nanosToMicros('1700000000123456789')).toBe(1700000000123456);
  });
});
