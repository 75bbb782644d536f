'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useRef, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useUrlUpdate } from '@/components/ui/use-url-update';
import { fromWallClock, toWallClock } from '@/components/charts/format';
import { dashboardTimeZone } from '@/components/dashboard/dashboard-url';
import { REFRESH_INTERVALS } from '@/lib/dashboards/time-settings';
import { pageControls, pageRefresh } from '@/lib/navigation/page-controls';
import { choosePreferredZone, useBrowserZone, usePreferredZone, usePreferredZoneChoice } from './preferred-zone';

const PRESETS = [
  { from: 'now-15m', label: 'Last 15 minutes' },
  { from: 'now-1h', label: 'Last 1 hour' },
  { from: 'now-6h', label: 'Last 6 hours' },
  { from: 'now-24h', label: 'Last 24 hours' },
  { from: 'now-7d', label: 'Last 7 days' },
  { from: 'now-30d', label: 'Last 30 days' },
] as const;

/** Formats an epoch-ms URL value for a datetime-local input in `zone`. */
const toInput = (v: string | null, zone: string) => (v && /^\d+$/.test(v) ? toWallClock(Number(v), zone) : '');

/** Shows a from/to pair in words, absolute times in `zone`. */
export function describeRange(from: string, to: string, zone = 'UTC'): string {
  const preset = PRESETS.find((p) => p.from === from && to === 'now');
  if (preset) return preset.label;
  const fmt = (v: string) => (/^\d+$/.test(v) ? toWallClock(Number(v), zone).replace('T', ' ') : v);
  return `${fmt(from)} → ${fmt(to)}`;
}

/** Chooses the zone of the pages outside dashboards: UTC or this browser's. */
function ZoneChoiceSelect() {
  const choice = usePreferredZoneChoice();
  const local = useBrowserZone();
  return (
    <select
      aria-label="Time zone"
      title="Times on this page are shown in this zone (a dashboard has its own)"
      value={choice}
      onChange={(e) => choosePreferredZone(e.target.value === 'local' ? 'local' : 'UTC')}
      className="rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5 text-[var(--muted)]"
    >
      <option value="UTC">UTC</option>
      <option value="local">{local ? `Local (${local})` : 'Local time'}</option>
    </select>
  );
}

/**
 * The global time range, kept in the URL (`?from=now-1h&to=now&refresh=30s`) so that every view is
 * shareable and Back restores it. Absolute times are entered and shown in the page's zone: a
 * dashboard's own, elsewhere the one chosen here (UTC or the browser's). The range and the
 * auto-refresh are shown only on pages that use them, the refresh with the page's own default
 * (lib/navigation/page-controls.ts), so the header never offers a control that does nothing.
 */
export function TimeRangePicker({ defaultFrom = 'now-1h' }: { defaultFrom?: string }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const controls = pageControls(pathname);
  const [open, setOpen] = useState(false);
  const from = params.get('from') ?? defaultFrom;
  const to = params.get('to') ?? 'now';
  // What the page refreshes at (a dashboard page writes its own default into the URL).
  const refresh = pageRefresh(pathname, params.get('refresh')) ?? 'off';
  // A dashboard shows its own zone, which it puts in the URL (?tz=) unless it is UTC; other pages
  // the one chosen in the header.
  const onDashboard = pathname.startsWith('/d/');
  const preferred = usePreferredZone();
  // A ?tz= that is not a zone is the dashboard's to refuse; the header shows UTC meanwhile.
  const zone = onDashboard ? dashboardTimeZone(params.get('tz'), 'UTC') : preferred;
  // What was typed, with the zone it was typed in: a zone chosen while the dialog is open converts it.
  const [typed, setTyped] = useState({ from: '', to: '', zone });
  const inZone = (text: string) => {
    if (typed.zone === zone) return text;
    const t = fromWallClock(text, typed.zone);
    return Number.isFinite(t) ? toWallClock(t, zone) : text;
  };
  const absFrom = inZone(typed.from);
  const absTo = inZone(typed.to);
  const setAbsFrom = (text: string) => setTyped({ from: text, to: absTo, zone });
  const setAbsTo = (text: string) => setTyped({ from: absFrom, to: text, zone });
  const openDialog = () => {
    // The inputs start from the range shown, in the zone shown.
    setTyped({ from: toInput(from, zone), to: toInput(to, zone), zone });
    setOpen((o) => !o);
  };

  const push = useUrlUpdate();
  // "off" is written out: without it, a dashboard would fall back to its own default refresh.
  const setRefresh = (value: string) => push({ refresh: value });
  const refreshList = useRef<HTMLSelectElement>(null);
  // A refresh chosen before the page was interactive takes effect then (the list already shows it).
  useEarlyInput(refreshList, (control) => setRefresh(control.value));

  const applyAbsolute = () => {
    const f = fromWallClock(absFrom, zone);
    const t = fromWallClock(absTo, zone);
    if (Number.isFinite(f) && Number.isFinite(t) && f < t) {
      push({ from: String(f), to: String(t) });
      setOpen(false);
    }
  };

  return (
    <div className="relative flex items-center gap-2 text-xs">
      {controls.range && (
        <button
          type="button"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-label="Time range"
          onClick={openDialog}
          className="rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 hover:bg-[var(--panel-2)]"
        >
          {describeRange(from, to, zone)}
        </button>
      )}
      {onDashboard ? (
        <span className="text-[var(--muted)]" title="All times on this dashboard are shown in its timezone">
          {zone}
        </span>
      ) : (
        <ZoneChoiceSelect />
      )}
      {controls.refresh !== null && (
        <label className="flex items-center gap-1 text-[var(--muted)]">
          Refresh
          <select ref={refreshList} aria-label="Auto-refresh" value={refresh} onChange={(e) => setRefresh(e.target.value)} className="rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5 text-[var(--text)]">
            {REFRESH_INTERVALS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      )}
      {open && controls.range && (
        <div role="dialog" aria-label="Choose time range" className="absolute right-0 top-8 z-30 flex w-80 gap-3 rounded border border-[var(--border)] bg-[var(--panel)] p-3 shadow-lg">
          <ul className="flex w-32 flex-col gap-0.5">
            {PRESETS.map((p) => (
              <li key={p.from}>
                <button type="button" className="w-full rounded px-2 py-1 text-left hover:bg-[var(--panel-2)]" onClick={() => { push({ from: p.from, to: 'now' }); setOpen(false); }}>
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
          <div className="flex flex-1 flex-col gap-1">
            <label className="flex flex-col gap-0.5">From ({zone})<input type="datetime-local" value={absFrom} onChange={(e) => setAbsFrom(e.target.value)} className="rounded border border-[var(--border)] bg-[var(--panel)] px-1" /></label>
            <label className="flex flex-col gap-0.5">To ({zone})<input type="datetime-local" value={absTo} onChange={(e) => setAbsTo(e.target.value)} className="rounded border border-[var(--border)] bg-[var(--panel)] px-1" /></label>
            <button type="button" onClick={applyAbsolute} className="mt-1 rounded bg-[var(--accent)] px-2 py-1 text-white">Apply</button>
          </div>
        </div>
      )}
    </div>
  );
}
