import Link from 'next/link';
import { Suspense } from 'react';
import { PageGate } from '@/components/layout/page-gate';
import { TracePageClient } from '@/components/traces/trace-page-client';
import type { TraceLogsState } from '@/components/traces/trace-logs';
import { readContext, withContext } from '@/lib/alerts/context-params';
import { AppError } from '@/lib/api/errors';
import { jaeger, TRACE_ID } from '@/lib/datasources/jaeger';
import type { Trace } from '@/lib/datasources/types';
import { loadTraceLogs } from '@/lib/traces/load-trace-logs';
import { rangeForTraceLogs } from '@/lib/traces/trace-log-query';

export const metadata = { title: 'Trace' };

interface PageProps {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** One trace: waterfall, critical path, span detail and the trace's logs (operators and up). */
export default async function TracePage({ params, searchParams }: PageProps) {
  const { traceId } = await params;
  const sp = await searchParams;
  const { span } = sp;
  // Opened from an alert's drill-down: lead back to it with the same context.
  const alertId = typeof sp.alert === 'string' && /^[\w.-]{1,200}$/.test(sp.alert) ? sp.alert : null;
  const context = readContext((k) => { const v = sp[k]; return typeof v === 'string' ? v : null; });
  return (
    <PageGate role="operator" what="Traces">
      {alertId && (
        <Link href={withContext(`/alerts/${alertId}`, context)} className="mb-2 inline-block text-xs text-[var(--accent)] underline">
          ← Back to alert
        </Link>
      )}
      <Suspense fallback={<p className="text-[var(--muted)]">Loading trace {traceId}…</p>}>
        <TraceLoader traceId={traceId} spanId={typeof span === 'string' ? span : undefined} />
      </Suspense>
    </PageGate>
  );
}

async function TraceLoader({ traceId, spanId }: { traceId: string; spanId?: string }) {
  if (!TRACE_ID.test(traceId)) return <Problem title="Not a trace id" message={`"${traceId}" is not 1 to 32 hex digits.`} />;
  let trace: Trace;
  try {
    trace = await jaeger().getTrace(traceId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return <Problem title="Trace not found" message={`Jaeger holds no trace ${traceId}. It may have expired or not be flushed yet.`} />;
    return <Problem title="Jaeger is unavailable" message={err instanceof Error ? err.message : String(err)} />;
  }
  const range = rangeForTraceLogs(trace);
  // Started now, in parallel with rendering; the client shows the trace first and the logs when they come.
  const logsPromise: Promise<TraceLogsState> = loadTraceLogs(traceId, range).then(
    (r) => ({ state: 'ok', entries: r.data }),
    (err: unknown) => ({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
  return <TracePageClient trace={trace} logsPromise={logsPromise} logsRange={range} initialSpanId={spanId} />;
}

function Problem({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded border border-[var(--border)] bg-[var(--panel)] p-4">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="text-[var(--muted)]">{message}</p>
    </div>
  );
}
