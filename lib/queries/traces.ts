'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ResultNotice, TraceSummary } from '@/lib/datasources/types';
import { BffError, fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** What GET /api/traces/search answers. */
export interface TraceSearchResult {
  traces: TraceSummary[];
  notices: ResultNotice[];
}

// 4xx answers (bad input, forbidden) will not change on retry; a down Jaeger is retried once.
const retryServerErrors = (count: number, err: Error) => count < 1 && !(err instanceof BffError && err.status < 500);

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
