import { describe, expect, it } from 'vitest';
import type { LogEntry, NanosString, UnixMs } from '@/lib/datasources/types';
import { appendNewLines } from './use-follow-logs';

const entry = (ns: number, line: string, index = 0): LogEntry => ({
  id: `{app="x"}:${ns}:${index}`,
  t: Math.floor(ns / 1e6) as UnixMs,
  ns: String(ns) as NanosString,
  line,
  level: 'info',
  labels: { app: 'x' },
  fields: {},
  traceId: null,
  spanId: null,
});

describe('appendNewLines', () => {
  it('appends only lines not already shown, even when the poll numbers them differently', () => {
    const base = [entry(1e6, 'a'), entry(2e6, 'b')];
    const next = appendNewLines(base, [entry(2e6, 'b', 7), entry(3e6, 'c')]);
    expect(next.map((e) => e.line)).toEqual(['a', 'b', 'c']);
  });
  it('keeps the same array when nothing is new (no re-render)', () => {
    const base = [entry(1e6, 'a')];
    expect(appendNewLines(base, [entry(1e6, 'a', 3)])).toBe(base);
  });
  it('drops the oldest lines past the maximum', () => {
    const next = appendNewLines([entry(1e6, 'a'), entry(2e6, 'b')], [entry(3e6, 'c')], 2);
    expect(next.map((e) => e.line)).toEqual(['b', 'c']);
  });
});
