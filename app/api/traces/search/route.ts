import { route } from '@/lib/api/route-handler';
import { jaeger } from '@/lib/datasources/jaeger';
import { searchNotices, TraceSearchRequestSchema, toTraceSearch } from '@/lib/traces/search-request';

/** Trace search (operators and up): summaries for the scatter plot and list, newest first. */
export const GET = route({ access: { role: 'operator' }, name: 'traces.search', query: TraceSearchRequestSchema }, async ({ query, signal, requestId }) => {
  const search = toTraceSearch(query);
  const { data: found, notices: upstream } = await jaeger().searchTraces(search, { signal, requestId });
  const traces = (query.errors ? found.filter((t) => t.errorCount > 0) : found).slice(0, query.limit);
  // Jaeger's own notices (a partial answer) first, then what the search itself says.
  return { traces, notices: [...upstream, ...searchNotices(query, found.length, traces.length)] };
});
