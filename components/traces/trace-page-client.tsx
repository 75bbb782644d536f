'use client';

import { useCallback, useEffect, useState } from 'react';
import { isErrorBody } from '@/lib/api/errors';
import type { LogEntry, Trace } from '@/lib/datasources/types';
import { fromCompactTrace, type CompactTrace } from '@/lib/traces/compact-trace';
import { markTraceView, takeEarlyFetch } from '@/lib/traces/early-trace-view';
import { rangeForTraceLogs } from '@/lib/traces/trace-log-query';
import { traceLogsUrl, traceViewUrl } from '@/lib/traces/trace-view-url';
import { BffError, fetchJson } from '@/lib/queries/fetch-json';
import type { TraceLogsState } from './trace-logs';
import { TraceProblem } from './trace-problem';
import { TraceView } from './trace-view';

/** The response of the page's early fetch (an inline script in the HTML) when there is one, else a fresh fetch. */
async function fetchTraceView(traceId: string): Promise<CompactTrace> {
  const early = takeEarlyFetch(traceId);
  const res = (early && (await early.catch(() => null))) || (await fetch(traceViewUrl(traceId)));
  const body: unknown = await res.json().catch(() => null);
  markTraceView('parsed');
  if (!res.ok) {
    if (isErrorBody(body)) throw new BffError(body.error.code, body.error.message, res.status);
    throw new BffError(`HTTP_${res.status}`, `request failed with HTTP ${res.status}`, res.status);
  }
  // Safe: GET /api/traces/{id}/view answers toCompactTrace's output (app/api/traces/[traceId]/view/route.ts).
  return body as CompactTrace;
}

interface TracePageClientProps {
  traceId: string;
  initialSpanId?: string;
}

type TraceState = { state: 'loading' } | { state: 'ok'; trace: Trace } | { state: 'error'; error: BffError };

/**
 * The trace page's client root: fetches the trace in the compact view format (taking the page's early
 * fetch of it), then the trace's logs; retries the logs; keeps the selected span in the URL (?span=)
 * without navigating.
 */
export function TracePageClient({ traceId, initialSpanId }: TracePageClientProps) {
  const [trace, setTrace] = useState<TraceState>({ state: 'loading' });
  const [logs, setLogs] = useState<TraceLogsState>({ state: 'loading' });

  const loadLogs = useCallback((t: Trace, live: () => boolean = () => true) => {
    setLogs({ state: 'loading' });
    fetchJson<{ entries: LogEntry[] }>(traceLogsUrl(t.traceId, rangeForTraceLogs(t))).then(
      (r) => live() && setLogs({ state: 'ok', entries: r.entries }),
      (err: unknown) => live() && setLogs({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  }, []);

  useEffect(() => {
    let live = true;
    fetchTraceView(traceId).then(
      (c) => {
        if (!live) return;
        const t = fromCompactTrace(c);
        markTraceView('decoded');
        setTrace({ state: 'ok', trace: t });
        loadLogs(t, () => live);
      },
      (err: unknown) => live && setTrace({ state: 'error', error: err instanceof BffError ? err : new BffError('INTERNAL', String(err), 0) }),
    );
    return () => {
      live = false;
    };
  }, [traceId, loadLogs]);

  const keepInUrl = useCallback((spanId: string | null) => {
    const url = new URL(window.location.href);
    if (spanId) url.searchParams.set('span', spanId);
    else url.searchParams.delete('span');
    window.history.replaceState(window.history.state, '', url);
  }, []);

  const loaded = trace.state === 'ok' ? trace.trace : null;
  const retryLogs = useCallback(() => loaded && loadLogs(loaded), [loaded, loadLogs]);

  if (trace.state === 'loading') return <p className="text-[var(--muted)]">Loading trace {traceId}…</p>;
  if (trace.state === 'error') {
    if (trace.error.code === 'NOT_FOUND') return <TraceProblem title="Trace not found" message={`Jaeger holds no trace ${traceId}. It may have expired or not be flushed yet.`} />;
    return <TraceProblem title="Jaeger is unavailable" message={trace.error.message} />;
  }
  return <TraceView trace={trace.trace} logs={logs} initialSpanId={initialSpanId} onSpanSelect={keepInUrl} onRetryLogs={retryLogs} />;
}
