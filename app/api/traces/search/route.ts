import { route } from '@/lib/api/route-handler';
import { jaeger } from '@/lib/datasources/jaeger';
import type { ResultNotice } from '@/lib/datasources/types';
import { TraceSearchRequestSchema, toTraceSearch } from '@/lib/traces/search-request';

/** Trace search (operators and up): summaries for the scatter plot and list, newest first. */
export const GET = route({ access: { role: 'operator' }, name: 'traces.search', query: TraceSearchRequestSchema }, async ({ query, signal, requestId }) => {
  const found = await jaeger().findTraces(toTraceSearch(query), { signal, requestId });
  // Jaeger already kept errored traces only (tag error=true); the check guards against a store ignoring the tag.
  const traces = (query.errors ? found.filter((t) => t.errorCount > 0) : found).slice(0, query.limit);
  const notices: ResultNotice[] = [];
  if (traces.length === query.limit) notices.push({ code: 'ENTRIES_CAPPED', message: `Showing the newest ${query.limit} traces; raise the limit or narrow the search to see more` });
  return { traces, notices };
});
