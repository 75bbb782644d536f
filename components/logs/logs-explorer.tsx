'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { PanelNotices } from '@/components/dashboard/panel-states';
import { SeriesChart } from '@/components/explore/series-chart';
import { useUrlUpdate } from '@/components/ui/use-url-update';
import { BffError, isQueryMistake } from '@/lib/queries/fetch-json';
import { useLogQuery } from '@/lib/queries/logs';
import { plural } from '@/lib/text/plural';
import { LabelPicker } from './label-picker';
import { LogResults } from './log-results';
import { LogVolumeChart } from './log-volume-chart';
import { NoLines } from './no-lines';
import { QueryEditor } from './query-editor';
import { addMatcher, startsWithStreamSelector, pickVolumeStep, resolveRangeAt, toVolumeBars, toVolumeQuery } from './logql';
import { useFollowLogs } from './use-follow-logs';

/** Lines one query shows (Loki pages across its own cap; the BFF says when more exist). */
const LINE_LIMIT = 1_000;

/**
 * The logs explorer: LogQL with label pickers, a volume histogram by level, a virtualized list
 * (oldest first, newest at the bottom) and follow mode. Query and range live in the URL.
 */
export function LogsExplorer() {
  const sp = useSearchParams();
  const query = sp.get('query') ?? '';
  const from = sp.get('from') ?? 'now-1h';
  const to = sp.get('to') ?? 'now';
  const [follow, setFollow] = useState(false);
  const [paused, setPaused] = useState(false);
  const [draft, setDraft] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    // The URL changed (Back, a link): show its query in the box and start over without following.
    setShownQuery(query);
    setDraft(query);
    setFollow(false);
    setPaused(false);
  }
  const [followError, setFollowError] = useState<string | null>(null);

  const result = useLogQuery(query ? { query, from, to, limit: LINE_LIMIT, direction: 'backward' } : null);
  // "now" is when the data was fetched: relative ranges resolve to what the server searched.
  const span = resolveRangeAt(from, to, result.dataUpdatedAt);
  const step = span ? pickVolumeStep(span.end - span.start) : 60;
  const volumeQuery = query ? toVolumeQuery(query, step) : null;
  const volume = useLogQuery(volumeQuery ? { query: volumeQuery, from, to, stepSeconds: step } : null);
  const lines = useMemo(() => (result.data?.kind === 'logs' ? [...result.data.data].reverse() : []), [result.data]);
  const following = follow && !paused && startsWithStreamSelector(query);
  const shown = useFollowLogs(query, lines, following, setFollowError);
  // Over the window and step the volume query covered, which the answer says.
  const volumeWindow = volume.data?.kind === 'metrics' ? volume.data.window : null;
  const bars = useMemo(() => {
    if (volume.data?.kind !== 'metrics') return null;
    const { start, end, stepSeconds } = volume.data.window;
    return end > start ? toVolumeBars(volume.data.data, start, end, stepSeconds) : null;
  }, [volume.data]);

  const push = useUrlUpdate({ scroll: false });
  const run = (q: string) => push({ query: q.trim() });
  const zoom = (f: number, t: number) => push({ from: String(Math.round(f)), to: String(Math.round(t)) });
  const badQuery = isQueryMistake(result.error) ? result.error!.message : null;

  return (
    <div className="flex flex-col gap-3">
      <QueryEditor
        label="LogQL"
        value={draft}
        onChange={setDraft}
        onRun={run}
        error={badQuery}
        placeholder='{service_name="payment"} |= "failed"'
        extra={<LabelPicker from={from} to={to} onPick={(n, v) => setDraft((d) => addMatcher(d, n, v))} />}
      />
      {!query && <p className="text-sm text-[var(--muted)]">Write a LogQL query (pick a label to start one) and press Run.</p>}
      {result.isError && !badQuery && (
        <div role="alert" className="rounded border border-[var(--bad)] p-3 text-sm">
          <p className="font-semibold text-[var(--bad)]">{result.error instanceof BffError && result.error.status >= 503 ? 'Loki is unavailable' : 'The query failed'}</p>
          <p className="text-[var(--muted)]">{result.error.message}</p>
        </div>
      )}
      {bars && volumeWindow && <LogVolumeChart bars={bars} stepSeconds={volumeWindow.stepSeconds} />}
      {volume.isError && !result.isError && <p className="text-xs text-[var(--muted)]">Log volume unavailable: {volume.error.message}</p>}
      {result.data?.kind === 'metrics' && <SeriesChart series={result.data.data} window={result.data.window} onZoom={zoom} />}
      {result.data?.kind === 'logs' && !result.isError && (
        <>
          <div className="flex items-center justify-between gap-2 text-xs">
            <span className="text-[var(--muted)]" aria-live="polite">
              {plural(shown.length, 'line')}{result.isFetching ? ' (updating…)' : ''}
            </span>
            <div className="flex items-center gap-2">
              {follow && paused && <span className="text-[var(--warn)]">Paused while you read</span>}
              {followError && follow && <span role="alert" className="text-[var(--bad)]">{followError}</span>}
              <button
                type="button"
                aria-pressed={follow}
                onClick={() => {
                  setFollow(paused ? true : !follow);
                  setPaused(false);
                  setFollowError(null);
                }}
                className={`rounded border px-2 py-0.5 ${follow ? 'border-[var(--accent)] text-[var(--accent)]' : 'border-[var(--border)]'}`}
              >
                {follow ? (paused ? 'Resume following' : 'Following (stop)') : 'Follow'}
              </button>
            </div>
          </div>
          <PanelNotices notices={result.data.notices} />
          {shown.length === 0 ? (
            <NoLines query={query} from={from} to={to} />
          ) : (
            <LogResults entries={shown} follow={following} onScrolledUp={() => setPaused(true)} />
          )}
        </>
      )}
    </div>
  );
}
