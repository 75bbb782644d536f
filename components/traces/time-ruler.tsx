'use client';

import type { Tick } from '@/lib/traces/time-scale';

/** Height of the ruler in pixels (Tailwind h-6). */
export const RULER_HEIGHT = 24;

/** The ruler above the waterfall: tick labels as offsets from the trace start. */
export function TimeRuler({ ticks }: { ticks: Tick[] }) {
  return (
    <div className="flex h-6 border-b border-[var(--border)] bg-[var(--panel-2)] text-[10px] text-[var(--muted)]" aria-hidden>
      <div className="flex items-center border-r border-[var(--border)] px-2 font-medium" style={{ width: 'var(--name-col)' }}>
        Service &amp; operation
      </div>
      <div className="relative flex-1">
        {ticks.map((t) => (
          <span
            key={t.offsetMicros}
            className="absolute top-1 whitespace-nowrap border-l border-[var(--border)] pl-1"
            style={t.fraction > 0.92 ? { right: 0 } : { left: `${t.fraction * 100}%` }}
          >
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Faint vertical lines at the ruler's ticks, drawn once over the timeline column (not per row). */
export function TickLines({ ticks }: { ticks: Tick[] }) {
  return (
    <div className="pointer-events-none absolute inset-y-0 right-0 flex" style={{ left: 'var(--name-col)' }} aria-hidden>
      <div className="relative flex-1">
        {ticks.map((t) => (
          <span key={t.offsetMicros} className="absolute inset-y-0 border-l border-[var(--border)]/60" style={{ left: `${t.fraction * 100}%` }} />
        ))}
      </div>
    </div>
  );
}
