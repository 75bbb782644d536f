import type { TraceSummary } from '@/lib/datasources/types';

/** Columns the result list sorts by. */
export const SORT_KEYS = ['root', 'spans', 'services', 'errors', 'duration', 'start'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface TraceSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const value = (t: TraceSummary, key: SortKey): number | string => {
  switch (key) {
    case 'root':
      return `${t.rootService} ${t.rootOperation}`.toLowerCase();
    case 'spans':
      return t.spanCount;
    case 'services':
      return t.services.length;
    case 'errors':
      return t.errorCount;
    case 'duration':
      return t.durationMicros;
    case 'start':
      return t.startMicros;
  }
};

/** A sorted copy; ties keep the newest trace first so the order is stable across re-sorts. */
export function sortTraces(traces: readonly TraceSummary[], sort: TraceSort): TraceSummary[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...traces].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return c !== 0 ? c * sign : b.startMicros - a.startMicros;
  });
}

/** Clicking a column: the same column flips direction; a new one starts descending (biggest first), names ascending. */
export function nextSort(current: TraceSort, key: SortKey): TraceSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'root' ? 'asc' : 'desc' };
}
