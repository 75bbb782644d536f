'use client';

interface TraceFindProps {
  query: string;
  onQueryChange: (query: string) => void;
  matchCount: number;
  /** Position of the current match, 0-based; -1 when there is none. */
  current: number;
  onNext: () => void;
  onPrev: () => void;
}

/** The find-in-trace box: Enter goes to the next match, Shift+Enter to the previous one. */
export function TraceFind({ query, onQueryChange, matchCount, current, onNext, onPrev }: TraceFindProps) {
  const hasQuery = query.trim().length > 0;
  return (
    <div role="search" className="flex items-center gap-1 text-xs">
      <input
        type="search"
        aria-label="Find in trace"
        placeholder="Find: service, operation, span id, key=value"
        value={query}
        onChange={(e) => onQueryChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (e.shiftKey) onPrev();
          else onNext();
        }}
        className="w-72 rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1"
      />
      <span aria-live="polite" className="min-w-16 text-[var(--muted)]">
        {hasQuery ? (matchCount === 0 ? 'no matches' : `${current + 1} of ${matchCount}`) : ''}
      </span>
      <button type="button" aria-label="Previous match" disabled={matchCount === 0} onClick={onPrev} className="rounded border border-[var(--border)] px-2 py-0.5 disabled:opacity-40">↑</button>
      <button type="button" aria-label="Next match" disabled={matchCount === 0} onClick={onNext} className="rounded border border-[var(--border)] px-2 py-0.5 disabled:opacity-40">↓</button>
    </div>
  );
}
