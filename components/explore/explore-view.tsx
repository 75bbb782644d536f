'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import { PanelNotices } from '@/components/dashboard/panel-states';
import { LogResults } from '@/components/logs/log-results';
import { NoLines } from '@/components/logs/no-lines';
import { QueryEditor } from '@/components/logs/query-editor';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useUrlUpdate } from '@/components/ui/use-url-update';
import { usePromQuery } from '@/lib/queries/explore';
import { BffError, isQueryMistake } from '@/lib/queries/fetch-json';
import { useLogQuery } from '@/lib/queries/logs';
import { NoSeries } from './no-series';
import { SeriesChart } from './series-chart';
import { SeriesTable } from './series-table';

type Lang = 'promql' | 'logql';
const noop = () => {};

/**
 * Developer explore: raw PromQL (instant or range; table and chart) and raw LogQL, through the
 * audited explore API. Language, mode and query live in the URL with the header's time range.
 */
export function ExploreView() {
  const sp = useSearchParams();
  const lang: Lang = sp.get('lang') === 'logql' ? 'logql' : 'promql';
  const mode = sp.get('mode') === 'instant' ? 'instant' : 'range';
  const query = sp.get('query') ?? '';
  const from = sp.get('from') ?? 'now-1h';
  const to = sp.get('to') ?? 'now';
  const [draft, setDraft] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    // The URL changed (Back, a link): show its query in the box.
    setShownQuery(query);
    setDraft(query);
  }

  const push = useUrlUpdate({ scroll: false });
  const modeList = useRef<HTMLSelectElement>(null);
  // A mode chosen before the page was interactive takes effect then (the list already shows it).
  useEarlyInput(modeList, (control) => push({ mode: control.value }));

  const prom = usePromQuery(lang === 'promql' && query ? { mode, query, from, to } : null);
  const logs = useLogQuery(lang === 'logql' && query ? { query, from, to, limit: 1_000 } : null, '/api/explore/loki/query_range');
  const active = lang === 'promql' ? prom : logs;
  const lines = useMemo(() => (logs.data?.kind === 'logs' ? [...logs.data.data].reverse() : []), [logs.data]);
  const zoom = (f: number, t: number) => push({ from: String(Math.round(f)), to: String(Math.round(t)) });
  // The answer holding series: PromQL's, or a LogQL metric query's (a log query's lines are not series).
  const seriesAnswer = lang === 'promql' ? prom.data : logs.data?.kind === 'metrics' ? logs.data : undefined;
  const series = seriesAnswer?.data;
  // Range answers say which window and step they covered; an instant answer has none and no chart.
  const queried = seriesAnswer?.window;

  return (
    <div className="flex flex-col gap-3">
      <div role="tablist" aria-label="Query language" className="flex gap-1 text-sm">
        {(['promql', 'logql'] as const).map((l) => (
          <button key={l} role="tab" aria-selected={lang === l} type="button" onClick={() => push({ lang: l, query: '' })} className={`rounded-t border-b-2 px-3 py-1 ${lang === l ? 'border-[var(--accent)] font-medium' : 'border-transparent text-[var(--muted)]'}`}>
            {l === 'promql' ? 'PromQL (Prometheus)' : 'LogQL (Loki)'}
          </button>
        ))}
      </div>
      <QueryEditor
        label={lang === 'promql' ? 'PromQL' : 'LogQL'}
        value={draft}
        onChange={setDraft}
        onRun={(text) => push({ query: text.trim() })}
        error={isQueryMistake(active.error) ? active.error!.message : null}
        placeholder={lang === 'promql' ? 'sum by (service) (rate(http_server_requests_total[5m]))' : '{service_name="payment"}'}
        extraParams={lang === 'promql' ? ['mode'] : []}
        extra={lang === 'promql' && (
          <label className="flex items-center gap-1 text-xs">
            Mode
            <select ref={modeList} name="mode" aria-label="Query mode" value={mode} onChange={(e) => push({ mode: e.target.value })} className="rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5">
              <option value="range">Range</option>
              <option value="instant">Instant</option>
            </select>
          </label>
        )}
      />
      {active.isError && !isQueryMistake(active.error) && (
        <div role="alert" className="rounded border border-[var(--bad)] p-3 text-sm">
          <p className="font-semibold text-[var(--bad)]">The query failed ({active.error instanceof BffError ? active.error.code : 'error'})</p>
          <p className="text-[var(--muted)]">{active.error.message}</p>
        </div>
      )}
      {active.isFetching && <p role="status" className="text-xs text-[var(--muted)]">Running…</p>}
      {active.data && !active.isError && <PanelNotices notices={active.data.notices} />}
      {series && !active.isError && (
        <>
          {queried && series.length > 0 && <SeriesChart key={`${lang} ${mode} ${query}`} series={series} window={queried} onZoom={zoom} />}
          {series.length === 0 && lang === 'promql' ? <NoSeries query={query} from={from} to={to} /> : <SeriesTable series={series} />}
        </>
      )}
      {lang === 'logql' && logs.data?.kind === 'logs' && !logs.isError && (
        lines.length ? <LogResults entries={lines} follow={false} onScrolledUp={noop} /> : <NoLines query={query} from={from} to={to} />
      )}
    </div>
  );
}
