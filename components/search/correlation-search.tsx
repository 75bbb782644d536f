'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { classifySearch } from '@/lib/search/search-input';

const subscribeNothing = () => () => {};

/**
 * The header search box: a trace id opens the trace, a correlation id opens /search with its traces
 * and logs. Input is checked here for a quick message and again on the server.
 */
export function CorrelationSearch() {
  const router = useRouter();
  const params = useSearchParams();
  const [message, setMessage] = useState<string | null>(null);
  // True once hydrated: before that the form still works, as a plain GET to /search.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);

  const submit = (raw: string) => {
    const input = classifySearch(raw);
    if (input.kind === 'invalid') {
      setMessage(input.message);
      return;
    }
    setMessage(null);
    const sp = new URLSearchParams();
    for (const k of ['from', 'to']) {
      const v = params.get(k);
      if (v) sp.set(k, v);
    }
    if (input.kind === 'trace') router.push(`/traces/${input.traceId}${sp.size ? `?${sp}` : ''}`);
    else {
      sp.set('q', input.id);
      router.push(`/search?${sp}`);
    }
  };

  return (
    <form
      role="search"
      aria-label="Find a trace or correlation id"
      action="/search"
      method="get"
      data-hydrated={hydrated}
      className="relative mr-auto flex items-center"
      onSubmit={(e) => {
        e.preventDefault();
        submit(String(new FormData(e.currentTarget).get('q') ?? ''));
      }}
    >
      <input
        name="q"
        type="search"
        aria-label="Trace or correlation id"
        placeholder="Trace id or correlation id"
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        onChange={() => setMessage(null)}
        className="w-72 rounded border border-[var(--border)] bg-[var(--panel)] px-2 py-1 font-mono text-xs"
      />
      {message && (
        <p role="alert" className="absolute left-0 top-8 z-30 w-80 rounded border border-[var(--border)] bg-[var(--panel)] p-2 text-xs text-[var(--bad)] shadow">
          {message}
        </p>
      )}
    </form>
  );
}
