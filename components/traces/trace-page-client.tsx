'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { isErrorBody } from '@/lib/api/errors';
import type { LogEntry, ResultNotice, Trace } from '@/lib/datasources/types';
import { fromCompactTrace, type CompactTrace } from '@/lib/traces/compact-trace';
import { markTraceView, takeEarlyFetch } from '@/lib/traces/early-trace-view';
import type { TraceLogDirection } from '@/lib/traces/trace-log-messages';
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
 * fetch of it), then the trace's logs; retries the logs or loads their other end when capped; keeps the
 * selected span in the URL (?span=) without navigating.
 */
export function TracePageClient({ traceId, initialSpanId }: TracePageClientProps) {
  const [trace, setTrace] = useState<TraceState>({ state: 'loading' });
  const [logs, setLogs] = useState<TraceLogsState>({ state: 'loading' });
  const [direction, setDirection] = useState<TraceLogDirection>('forward');

  // Only the latest request may set the logs: switching ends twice quickly must not show the first answer.
  const logRequest = useRef(0);
  const loadLogs = useCallback((t: Trace, dir: TraceLogDirection, stillWanted: () => boolean = () => true) => {
    const request = ++logRequest.current;
    const live = () => stillWanted() && request === logRequest.current;
    setLogs({ state: 'loading' });
    const range = rangeForTraceLogs(t);
    fetchJson<{ entries: LogEntry[]; notices: ResultNotice[] }>(traceLogsUrl(t.traceId, range, dir)).then(
      (r) => live() && setLogs({ state: 'ok', entries: r.entries, notices: r.notices, direction: dir, range }),
      (err: unknown) =>
        live() &&
        setLogs({
          state: 'error',
          // No BffError: the request got no answer (network down, server gone).
          ...(err instanceof BffError ? { status: err.status, code: err.code } : { status: 0, code: 'NETWORK' }),
          message: err instanceof Error ? err.message : String(err),
        }),
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
        setDirection('forward');
        loadLogs(t, 'forward', () => live);
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
  const retryLogs = useCallback(() => loaded && loadLogs(loaded, direction), [loaded, direction, loadLogs]);
  const switchLogDirection = useCallback((dir: TraceLogDirection) => {
    if (!loaded) return;
    setDirection(dir);
    loadLogs(loaded, dir);
  }, [loaded, loadLogs]);

  if (trace.state === 'loading') return <p className="text-[var(--muted)]">Loading trace {traceId}…</p>;
  if (trace.state === 'error') {
    if (trace.error.code === 'NOT_FOUND') return <TraceProblem title="Trace not found" message={`Jaeger holds no trace ${traceId}. It may have expired or not be flushed yet.`} />;
    return <TraceProblem title="Jaeger is unavailable" message={trace.error.message} />;
  }
  return <TraceView trace={trace.trace} logs={logs} initialSpanId={initialSpanId} onSpanSelect={keepInUrl} onRetryLogs={retryLogs} onLogDirection={switchLogDirection} />;
}
