import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { PageGate } from '@/components/layout/page-gate';
import { SearchResults } from '@/components/search/search-results';
import { AppError } from '@/lib/api/errors';
import { searchCorrelationId } from '@/lib/search/correlation-search';
import { classifySearch } from '@/lib/search/search-input';
import type { CorrelationSearchResult } from '@/lib/search/types';
import { resolveSearchWindow } from '@/lib/search/search-window';

export const metadata = { title: 'Search' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

/** /search?q=: a trace id opens the trace; a correlation id lists its traces and logs (operators and up). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  return (
    <PageGate role="operator" what="Search">
      <Suspense fallback={<p className="text-[var(--muted)]">Searching Jaeger and Loki…</p>}>
        <SearchContent q={one(sp.q) ?? ''} from={one(sp.from)} to={one(sp.to)} />
      </Suspense>
    </PageGate>
  );
}

type Outcome = { kind: 'empty' } | { kind: 'problem'; message: string } | { kind: 'redirect'; href: string } | { kind: 'ok'; id: string; result: CorrelationSearchResult; ctx: string };

/** Decides what the page shows; bad input and bad times stop before any upstream call. */
async function runSearch(q: string, from: string | undefined, to: string | undefined): Promise<Outcome> {
  if (q.trim() === '') return { kind: 'empty' };
  const input = classifySearch(q);
  const ctx = new URLSearchParams();
  if (from) ctx.set('from', from);
  if (to) ctx.set('to', to);
  if (input.kind === 'trace') return { kind: 'redirect', href: `/traces/${input.traceId}${ctx.size ? `?${ctx}` : ''}` };
  if (input.kind === 'invalid') return { kind: 'problem', message: input.message };
  try {
    const window = resolveSearchWindow(from, to, Date.now());
    return { kind: 'ok', id: input.id, result: await searchCorrelationId(input.id, window), ctx: ctx.toString() };
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVALID_INPUT') return { kind: 'problem', message: err.message };
    throw err;
  }
}

async function SearchContent({ q, from, to }: { q: string; from?: string; to?: string }) {
  const outcome = await runSearch(q, from, to);
  if (outcome.kind === 'redirect') redirect(outcome.href);
  if (outcome.kind === 'empty') {
    return (
      <div className="flex flex-col gap-1">
        <h1 className="text-lg font-semibold">Search</h1>
        <p className="text-[var(--muted)]">Type a correlation id (e.g. a request id) or a trace id in the box at the top to see its traces and log lines.</p>
      </div>
    );
  }
  if (outcome.kind === 'problem') return <Problem title="Nothing searched" message={outcome.message} />;
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-lg font-semibold">
        Correlation id <span className="font-mono">{outcome.id}</span>
      </h1>
      <SearchResults result={outcome.result} traceSearch={outcome.ctx} />
    </div>
  );
}

function Problem({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded border border-[var(--border)] bg-[var(--panel)] p-4">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="text-[var(--muted)]">{message}</p>
    </div>
  );
}
