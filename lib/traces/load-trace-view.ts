import 'server-only';
import type { CallOptions } from '@/lib/datasources/http';
import { jaeger } from '@/lib/datasources/jaeger';
import { createTraceViewCache } from './trace-view-cache';

/** A loaded trace view: the compact format as JSON, and how long its load took (a Server-Timing value). */
export interface TraceView {
  json: string;
  serverTiming: string;
}

/**
 * Loads and holds trace views (the compact wire format as JSON, with its load's timing) for a short while.
 * 30 s covers the page → browser request hand-over and a reload; a few 50,000-span traces
 * (~4 MB each) fit in the size bound.
 */
const g = globalThis as typeof globalThis & { __sightlineTraceViews?: ReturnType<typeof createTraceViewCache<TraceView>> };
function traceViews() {
  g.__sightlineTraceViews ??= createTraceViewCache<TraceView>({ ttlMs: 30_000, maxEntries: 8, maxBytes: 64 * 1024 * 1024, sizeOf: (v) => v.json.length * 2 });
  return g.__sightlineTraceViews;
}

const ms = (n: number) => n.toFixed(1);

/**
 * The trace view of one trace as JSON (see compact-trace.ts), shared by concurrent callers; the
 * load is not tied to one caller's signal, since another caller may still want it.
 */
export function loadTraceView(traceId: string, opts: Pick<CallOptions, 'requestId'> = {}): Promise<TraceView> {
  const key = traceId.toLowerCase();
  return traceViews().load(key, async () => {
    const t0 = performance.now();
    const phases: string[] = [];
    // Raw: the view shows spans as their services reported them and flags skew and orphans itself.
    const compact = await jaeger().getCompactTrace(traceId, { ...opts, raw: true, onTiming: (phase, took, via) => phases.push(`${phase};desc="${via}";dur=${ms(took)}`) });
    const t1 = performance.now();
    const json = JSON.stringify(compact);
    const t2 = performance.now();
    return { json, serverTiming: [...phases, `encode;dur=${ms(t2 - t1)}`, `load;dur=${ms(t2 - t0)}`].join(', ') };
  });
}

/** Starts loading a trace view without waiting (the page does, so the browser's request finds it under way). */
export function prefetchTraceView(traceId: string): void {
  // Failures reach whoever asks for the view next; here they only must not go unhandled.
  loadTraceView(traceId).catch(() => undefined);
}
