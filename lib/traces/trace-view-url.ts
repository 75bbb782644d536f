/** The BFF URL of a trace's compact view (GET /api/traces/{id}/view); page preload and client fetch must agree on it exactly. */
export function traceViewUrl(traceId: string): string {
  return `/api/traces/${encodeURIComponent(traceId)}/view`;
}

/** The BFF URL of a trace's logs over an epoch-ms range; `backward` keeps the newest lines when there are too many. */
export function traceLogsUrl(traceId: string, range: { start: number; end: number }, direction: 'forward' | 'backward' = 'forward'): string {
  const qs = new URLSearchParams({ start: String(range.start), end: String(range.end) });
  if (direction === 'backward') qs.set('direction', direction);
  return `/api/traces/${encodeURIComponent(traceId)}/logs?${qs}`;
}

/** Trace ids as the view accepts them (same rule as Jaeger's TRACE_ID): 1 to 32 hex digits. */
export const TRACE_ID_PATTERN = /^[0-9a-fA-F]{1,32}$/;
