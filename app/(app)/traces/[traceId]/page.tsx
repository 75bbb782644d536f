import Link from 'next/link';
import { PageGate } from '@/components/layout/page-gate';
import { TracePageClient } from '@/components/traces/trace-page-client';
import { TraceProblem } from '@/components/traces/trace-problem';
import { readAlertBackLink, toAlertHref } from '@/lib/alerts/alert-link';
import { readContext } from '@/lib/alerts/context-params';
import { TRACE_ID } from '@/lib/datasources/jaeger';
import { prefetchTraceView } from '@/lib/traces/load-trace-view';
import { buildEarlyFetchScript } from '@/lib/traces/early-trace-view';

export const metadata = { title: 'Trace' };

interface PageProps {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * One trace: waterfall, critical path, span detail and the trace's logs (operators and up). The page
 * is a light shell; the trace travels separately in the compact view format, so that a 50,000-span
 * trace is never serialised into the HTML.
 */
export default async function TracePage({ params, searchParams }: PageProps) {
  const { traceId } = await params;
  const sp = await searchParams;
  const { span } = sp;
  // Opened from an alert's drill-down: lead back to it with the same context (and its labels, so it opens after it resolved).
  const backTo = readAlertBackLink((k) => sp[k]);
  const context = readContext((k) => { const v = sp[k]; return typeof v === 'string' ? v : null; });
  return (
    <PageGate role="operator" what="Traces">
      {backTo && (
        <Link href={toAlertHref(backTo, context)} className="mb-2 inline-block text-xs text-[var(--accent)] underline">
          ← Back to alert
        </Link>
      )}
      {TRACE_ID.test(traceId) ? (
        <TraceOpener traceId={traceId} spanId={typeof span === 'string' ? span : undefined} />
      ) : (
        <TraceProblem title="Not a trace id" message={`"${traceId}" is not 1 to 32 hex digits.`} />
      )}
    </PageGate>
  );
}

/** Rendered only for users the gate lets in: starts the load on the server and has the browser ask for it at once. */
function TraceOpener({ traceId, spanId }: { traceId: string; spanId?: string }) {
  prefetchTraceView(traceId);
  return (
    <>
      {/* Runs as soon as the HTML arrives, before the page's scripts load; TracePageClient takes its response (lib/traces/early-trace-view.ts). */}
      <script dangerouslySetInnerHTML={{ __html: buildEarlyFetchScript(traceId) }} />
      <TracePageClient traceId={traceId} initialSpanId={spanId} />
    </>
  );
}
