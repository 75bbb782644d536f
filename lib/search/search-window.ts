import { resolveRange } from '@/lib/dashboards/time';
import type { UnixMs } from '@/lib/datasources/types';

/** Correlation ids are searched over the last day unless the URL says otherwise. */
export const DEFAULT_SEARCH_FROM = 'now-24h';
/** Longest range searched at once: Jaeger and Loki scans grow with it. */
const MAX_SEARCH_MS = 7 * 24 * 3_600_000;

/** The window to search: ?from&to (now-24h..now by default), at most seven days; throws INVALID_INPUT on bad times. */
export function resolveSearchWindow(from: string | undefined, to: string | undefined, now: number): { start: UnixMs; end: UnixMs } {
  const r = resolveRange(from || DEFAULT_SEARCH_FROM, to || 'now', now);
  return r.end - r.start > MAX_SEARCH_MS ? { start: (r.end - MAX_SEARCH_MS) as UnixMs, end: r.end } : r;
}
