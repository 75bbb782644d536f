import { Suspense } from 'react';
import { PageGate } from '@/components/layout/page-gate';
import { TraceSearchView } from '@/components/trace-search/trace-search-view';

export const metadata = { title: 'Traces' };

/** Trace search (operators and up): the search lives in the URL, results as a scatter plot and a list. */
export default function TracesPage() {
  return (
    <PageGate role="operator" what="Traces">
      <h1 className="mb-3 text-lg font-semibold">Traces</h1>
      <Suspense>
        <TraceSearchView />
      </Suspense>
    </PageGate>
  );
}
