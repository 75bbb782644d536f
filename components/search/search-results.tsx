import Link from 'next/link';
import type { CorrelationSearchResult } from '@/lib/search/types';
import { plural } from '@/lib/text/plural';
import { findTraceIds } from '@/lib/traces/trace-id';
import { ShownTime } from '@/components/ui/shown-time';

const LEVEL_STYLE: Record<string, string> = { error: 'text-[var(--bad)]', fatal: 'text-[var(--bad)]', warn: 'text-amber-600' };
const formatMs = (micros: number) => (micros >= 1e6 ? `${(micros / 1e6).toFixed(2)} s` : `${(micros / 1e3).toFixed(1)} ms`);

/** The traces and log lines of one correlation id: traces link to their waterfall; logs in time order. */
export function SearchResults({ result, traceSearch }: { result: CorrelationSearchResult; traceSearch: string }) {
  const href = (traceId: string) => `/traces/${traceId}${traceSearch ? `?${traceSearch}` : ''}`;
  return (
    <div className="flex flex-col gap-3" data-testid="search-results">
      <p className="text-xs text-[var(--muted)]">
        Searched <ShownTime t={result.window.start} /> → <ShownTime t={result.window.end} />: {plural(result.traces.length, 'trace')}, {plural(result.logs.length, 'log line')}.
      </p>
      {result.notices.map((n) => (
        <p key={n.message} role="status" className="text-xs text-amber-600">{n.message}</p>
      ))}
      <section aria-label="Matching traces" className="rounded border border-[var(--border)] bg-[var(--panel)] p-2">
        <h2 className="mb-1 text-sm font-semibold">Traces</h2>
        {result.traces.length === 0 ? (
          <p className="text-xs text-[var(--muted)]">No trace carries this correlation id in the window.</p>
        ) : (
          <ul className="flex flex-col gap-0.5 text-xs">
            {result.traces.map((t) => (
              <li key={t.traceId} className="flex gap-3">
                <Link href={href(t.traceId)} className="font-mono text-[var(--accent)] underline" aria-label={`Trace ${t.traceId}`}>{t.traceId}</Link>
                {t.summary ? (
                  <span className="text-[var(--muted)]">
                    {t.summary.rootService} {t.summary.rootOperation} · {formatMs(t.summary.durationMicros)} · {plural(t.summary.spanCount, 'span')} · {plural(t.summary.services.length, 'service')}{t.summary.errorCount ? ` · ${plural(t.summary.errorCount, 'error')}` : ''}
                  </span>
                ) : (
                  <span className="text-[var(--muted)]">seen in logs only</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Matching log lines" className="rounded border border-[var(--border)] bg-[var(--panel)] p-2">
        <h2 className="mb-1 text-sm font-semibold">Logs</h2>
        {result.logs.length === 0 ? (
          <p className="text-xs text-[var(--muted)]">No log line carries this correlation id in the window.</p>
        ) : (
          <ol className="flex flex-col font-mono text-[11px]">
            {result.logs.map((e) => {
              const traceId = findTraceIds(e)[0];
              return (
                <li key={e.id} role="listitem" className="flex gap-2 border-b border-[var(--border)] py-0.5 last:border-0">
                  <ShownTime t={e.t} part="clock" className="shrink-0 text-[var(--muted)]" />
                  <span className={`w-10 shrink-0 uppercase ${LEVEL_STYLE[e.level] ?? ''}`}>{e.level}</span>
                  <span className="w-24 shrink-0 truncate">{e.labels.service_name ?? ''}</span>
                  <span className="min-w-0 flex-1 break-all">{e.line}</span>
                  {traceId && <Link href={href(traceId)} className="shrink-0 text-[var(--accent)] underline">trace</Link>}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
