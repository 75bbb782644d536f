'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { isErrorBody } from '@/lib/api/errors';
import type { Trace } from '@/lib/datasources/types';
import { fromCompactTrace, type CompactTrace } from '@/lib/traces/compact-trace';
import { markTraceView, takeEarlyFetch } from '@/lib/traces/early-trace-view';
import { describeTraceFailure } from '@/lib/traces/trace-failure';
import { toTraceLogsFailure, type TraceLogDirection } from '@/lib/traces/trace-log-messages';
import { rangeForTraceLogs, type TraceLogRange } from '@/lib/traces/trace-log-query';
import { traceViewUrl } from '@/lib/traces/trace-view-url';
import { BffError } from '@/lib/queries/fetch-json';
import { useTraceLogs } from '@/lib/queries/traces';
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

/** The logs query as the panel shows it: loading (also while retrying), the lines of the end asked for, or why they failed. */
function toTraceLogsState(q: ReturnType<typeof useTraceLogs>, range: TraceLogRange | null, direction: TraceLogDirection): TraceLogsState {
  if (q.isSuccess && range) return { state: 'ok', entries: q.data.entries, notices: q.data.notices, direction, range };
  if (q.isError && !q.isFetching) return { state: 'error', ...toTraceLogsFailure(q.error) };
  return { state: 'loading' };
}

/**
 * The trace page's client root: fetches the trace in the compact view format (taking the page's early
 * fetch of it), then the trace's logs (useTraceLogs); retries the logs or loads their other end when
 * capped; keeps the selected span in the URL (?span=) without navigating.
 */
export function TracePageClient({ traceId, initialSpanId }: TracePageClientProps) {
  const [trace, setTrace] = useState<TraceState>({ state: 'loading' });
  const [direction, setDirection] = useState<TraceLogDirection>('forward');

  useEffect(() => {
    let live = true;
    fetchTraceView(traceId).then(
      (c) => {
        if (!live) return;
        const t = fromCompactTrace(c);
        markTraceView('decoded');
        setTrace({ state: 'ok', trace: t });
        setDirection('forward');
      },
      (err: unknown) => live && setTrace({ state: 'error', error: err instanceof BffError ? err : new BffError('INTERNAL', String(err), 0) }),
    );
    return () => {
      live = false;
    };
  }, [traceId]);

  const keepInUrl = useCallback((spanId: string | null) => {
    const url = new URL(window.location.href);
    if (spanId) url.searchParams.set('span', spanId);
    else url.searchParams.delete('span');
    window.history.replaceState(window.history.state, '', url);
  }, []);

  // The logs of the trace shown (until another trace has loaded, the previous one).
  const loaded = trace.state === 'ok' ? trace.trace : null;
  const range = useMemo(() => (loaded ? rangeForTraceLogs(loaded) : null), [loaded]);
  const logsQuery = useTraceLogs(loaded?.traceId ?? traceId, range, direction);
  const { refetch } = logsQuery;
  const retryLogs = useCallback(() => void refetch(), [refetch]);

  if (trace.state === 'loading') return <p className="text-[var(--muted)]">Loading trace {traceId}…</p>;
  if (trace.state === 'error') {
    const { title, message } = describeTraceFailure(trace.error, traceId);
    return <TraceProblem title={title} message={message} />;
  }
  return <TraceView trace={trace.trace} logs={toTraceLogsState(logsQuery, range, direction)} initialSpanId={initialSpanId} onSpanSelect={keepInUrl} onRetryLogs={retryLogs} onLogDirection={setDirection} />;
}
