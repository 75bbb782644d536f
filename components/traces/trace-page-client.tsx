'use client';

import { useCallback, useEffect, useState } from 'react';
import type { LogEntry, Trace } from '@/lib/datasources/types';
import { fetchJson } from '@/lib/queries/fetch-json';
import type { TraceLogsState } from './trace-logs';
import { TraceView } from './trace-view';

interface TracePageClientProps {
  trace: Trace;
  /** Started on the server alongside the trace; never rejects (errors arrive as state 'error'). */
  logsPromise: Promise<TraceLogsState>;
  /** Epoch ms range the logs were searched in, reused by Retry. */
  logsRange: { start: number; end: number };
  initialSpanId?: string;
}

/**
 * The trace page's client root: shows the trace at once and the logs when Loki answers, retries
 * the logs through the BFF, and keeps the selected span in the URL (?span=) without navigating.
 */
export function TracePageClient({ trace, logsPromise, logsRange, initialSpanId }: TracePageClientProps) {
  const [logs, setLogs] = useState<TraceLogsState>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    logsPromise.then((s) => live && setLogs(s));
    return () => {
      live = false;
    };
  }, [logsPromise]);

  const retry = useCallback(() => {
    setLogs({ state: 'loading' });
    const qs = new URLSearchParams({ start: String(logsRange.start), end: String(logsRange.end) });
    fetchJson<{ entries: LogEntry[] }>(`/api/traces/${encodeURIComponent(trace.traceId)}/logs?${qs}`).then(
      (r) => setLogs({ state: 'ok', entries: r.entries }),
      (err: unknown) => setLogs({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  }, [trace.traceId, logsRange.start, logsRange.end]);

  const keepInUrl = useCallback((spanId: string | null) => {
    const url = new URL(window.location.href);
    if (spanId) url.searchParams.set('span', spanId);
    else url.searchParams.delete('span');
    window.history.replaceState(window.history.state, '', url);
  }, []);

  return <TraceView trace={trace} logs={logs} initialSpanId={initialSpanId} onSpanSelect={keepInUrl} onRetryLogs={retry} />;
}
