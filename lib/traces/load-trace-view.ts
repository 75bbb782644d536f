import 'server-only';
import type { CallOptions } from '@/lib/datasources/http';
import { jaeger } from '@/lib/datasources/jaeger';
import { createTraceViewCache } from './trace-view-cache';

/**
 * Loads and holds trace views (the compact wire format as a JSON string) for a short while.
 * 30 s covers the page → browser request hand-over and a reload; a few 50,000-span traces
 * (~4 MB each) fit in the size bound.
 */
const g = globalThis as typeof globalThis & { __sightlineTraceViews?: ReturnType<typeof createTraceViewCache> };
function traceViews() {
  g.__sightlineTraceViews ??= createTraceViewCache({ ttlMs: 30_000, maxEntries: 8, maxBytes: 64 * 1024 * 1024, sizeOf: (s) => s.length * 2 });
  return g.__sightlineTraceViews;
}

/**
 * The trace view of one trace as JSON (see compact-trace.ts), shared by concurrent callers; the
 * load is not tied to one caller's signal, since another caller may still want it.
 */
export function loadTraceView(traceId: string, opts: Pick<CallOptions, 'requestId'> = {}): Promise<string> {
  const key = traceId.toLowerCase();
  // Raw: the view shows spans as their services reported them and flags skew and orphans itself.
  return traceViews().load(key, async () => JSON.stringify(await jaeger().getCompactTrace(traceId, { ...opts, raw: true })));
}

/** Starts loading a trace view without waiting (the page does, so the browser's request finds it under way). */
export function prefetchTraceView(traceId: string): void {
  // Failures reach whoever asks for the view next; here they only must not go unhandled.
  loadTraceView(traceId).catch(() => undefined);
}
