'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LogEntry, ResultNotice, TraceSummary } from '@/lib/datasources/types';
import type { TraceLogDirection } from '@/lib/traces/trace-log-messages';
import type { TraceLogRange } from '@/lib/traces/trace-log-query';
import { traceLogsUrl } from '@/lib/traces/trace-view-url';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';

/** What GET /api/traces/search answers. */
export interface TraceSearchResult {
  traces: TraceSummary[];
  notices: ResultNotice[];
}

/** What GET /api/traces/{id}/logs answers. */
export interface TraceLogsResult {
  entries: LogEntry[];
  notices: ResultNotice[];
}

/** Services that reported spans, for the search form. */
export function useTraceServices() {
  return useQuery({
    queryKey: queryKeys.traceServices(),
    queryFn: ({ signal }) => fetchJson<{ services: string[] }>('/api/traces/services', { signal }).then((r) => r.services),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/** Operations of one service (disabled until a service is chosen). */
export function useTraceOperations(service: string) {
  return useQuery({
    queryKey: queryKeys.traceOperations(service),
    queryFn: ({ signal }) => fetchJson<{ operations: string[] }>(`/api/traces/services/${encodeURIComponent(service)}/operations`, { signal }).then((r) => r.operations),
    staleTime: 60_000,
    retry: retryServerErrors,
    enabled: service !== '',
  });
}

/** Runs the search described by `search` (the page's own query string); disabled while it is null. */
export function useTraceSearch(search: string | null) {
  return useQuery({
    queryKey: queryKeys.traceSearch(search ?? ''),
    queryFn: ({ signal }) => fetchJson<TraceSearchResult>(`/api/traces/search?${search}`, { signal }),
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
    enabled: search !== null,
  });
}

/**
 * A trace's log lines over `range` (rangeForTraceLogs), the oldest (`forward`) or newest (`backward`)
 * when there are too many; disabled while range is null (the trace not loaded yet). Each end is cached
 * apart and never refetched on its own (the page never did; Retry asks again), so switching back to
 * an end shows it at once instead of asking Loki for up to 5,000 lines again.
 */
export function useTraceLogs(traceId: string, range: TraceLogRange | null, direction: TraceLogDirection) {
  return useQuery({
    queryKey: queryKeys.traceLogs(traceId, range ?? { start: 0, end: 0 }, direction),
    queryFn: ({ signal }) => fetchJson<TraceLogsResult>(traceLogsUrl(traceId, range!, direction), { signal }), // enabled only when range is set
    staleTime: Infinity,
    retry: retryServerErrors,
    enabled: range !== null,
  });
}
