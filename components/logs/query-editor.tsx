'use client';

import { useSearchParams } from 'next/navigation';
import { useId, useRef, type ReactNode } from 'react';
import { KeptParams } from '@/components/ui/kept-params';
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
  /** The URL parameters that named controls in `extra` set (sent by them, not kept from the URL). */
  extraParams?: readonly string[];
}

/**
 * The query box of a page whose query lives in the URL (`?query=`): Enter runs (Shift+Enter adds a
 * line); a parse error is shown under it and tied to it. The server renders the box, so it can be
 * used before the page is interactive: text typed then is taken on hydration (instead of the empty
 * state wiping it), and Run then is a plain GET of the page with the query and the page's other
 * parameters. Run always runs what the box shows.
 */
export function QueryEditor({ label, value, onChange, onRun, error, placeholder, extra, extraParams = [] }: QueryEditorProps) {
  const params = useSearchParams();
  const errorId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const run = () => onRun(box.current?.value ?? value);
  useEarlyInput(box, (typed) => onChange(typed.value));
  return (
    <form
      method="get"
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <label className="flex flex-col gap-1 text-xs">
        <span className="text-[var(--muted)]">{label}</span>
        <textarea
          ref={box}
          name="query"
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
        <button type="submit" className="rounded bg-[var(--accent)] px-3 py-1 text-sm font-medium text-white">Run</button>
        {extra}
      </div>
      <KeptParams params={params} except={['query', ...extraParams]} />
    </form>
  );
}
