'use client';

import { useId, useRef, type ReactNode } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';

interface QueryEditorProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** Runs the text in the box. */
  onRun: (text: string) => void;
  /** The upstream's own message (e.g. Loki's parse error), shown at the input. */
  error: string | null;
  placeholder?: string;
  /** Controls beside the Run button (label picker, instant/range switch). */
  extra?: ReactNode;
}

/**
 * A query text box: Enter runs (Shift+Enter adds a line); a parse error is shown under it and tied to
 * it. The server renders the box, so it can be typed in before the page is interactive: that text is
 * taken on hydration (instead of the empty state wiping it), and Run always runs what the box shows.
 */
export function QueryEditor({ label, value, onChange, onRun, error, placeholder, extra }: QueryEditorProps) {
  const errorId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const run = () => onRun(box.current?.value ?? value);
  useEarlyInput(box, (typed) => onChange(typed.value));
  return (
    <div className="flex flex-col gap-1">
      <label className="flex flex-col gap-1 text-xs">
        <span className="text-[var(--muted)]">{label}</span>
        <textarea
          ref={box}
          aria-label={label}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          rows={2}
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              run();
            }
          }}
          className={`rounded border bg-[var(--panel)] px-2 py-1 font-mono text-sm ${error ? 'border-[var(--bad)]' : 'border-[var(--border)]'}`}
        />
      </label>
      {error && <p id={errorId} role="alert" className="font-mono text-xs text-[var(--bad)]">{error}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={run} className="rounded bg-[var(--accent)] px-3 py-1 text-sm font-medium text-white">Run</button>
        {extra}
      </div>
    </div>
  );
}
