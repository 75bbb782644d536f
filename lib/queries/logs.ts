'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LogQlResult } from '@/lib/datasources/loki/run-logql';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';

/** What GET /api/logs/query (and /api/explore/loki/query_range) answers: runLogQl's result. */
export type LogQueryResult = LogQlResult;

/** One LogQL request; from/to are what the URL holds (`now-1h`, epoch ms, RFC 3339). */
export interface LogQueryParams {
  query: string;
  from: string;
  to: string;
  limit?: number;
  direction?: 'forward' | 'backward';
  stepSeconds?: number;
}

/** The query string the BFF's LogQL endpoints take. */
export function toLogQuerySearch(p: LogQueryParams): string {
  const sp = new URLSearchParams({ query: p.query, start: p.from, end: p.to });
  if (p.limit) sp.set('limit', String(p.limit));
  if (p.direction) sp.set('direction', p.direction);
  if (p.stepSeconds) sp.set('step', String(p.stepSeconds));
  return sp.toString();
}

/** Runs LogQL through `endpoint` (operators: /api/logs/query; developers' explore: /api/explore/loki/query_range). */
export function fetchLogQuery(p: LogQueryParams, signal?: AbortSignal, endpoint = '/api/logs/query'): Promise<LogQueryResult> {
  return fetchJson<LogQueryResult>(`${endpoint}?${toLogQuerySearch(p)}`, { signal });
}

/** A LogQL query's result; disabled while `params` is null. */
export function useLogQuery(params: LogQueryParams | null, endpoint = '/api/logs/query') {
  const search = params ? toLogQuerySearch(params) : '';
  return useQuery({
    queryKey: queryKeys.logQuery(`${endpoint}?${search}`),
    queryFn: ({ signal }) => fetchLogQuery(params!, signal, endpoint), // enabled only when params is set
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
    enabled: params !== null,
  });
}

/** Loki's label names over the range. */
export function useLogLabels(from: string, to: string) {
  const search = new URLSearchParams({ start: from, end: to }).toString();
  return useQuery({
    queryKey: queryKeys.logLabels(search),
    queryFn: ({ signal }) => fetchJson<{ labels: string[] }>(`/api/logs/labels?${search}`, { signal }).then((r) => r.labels),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/** Values of one label over the range (disabled until a label is chosen). */
export function useLogLabelValues(name: string, from: string, to: string) {
  const search = new URLSearchParams({ start: from, end: to }).toString();
  return useQuery({
    queryKey: queryKeys.logLabelValues(name, search),
    queryFn: ({ signal }) => fetchJson<{ values: string[] }>(`/api/logs/labels/${encodeURIComponent(name)}/values?${search}`, { signal }).then((r) => r.values),
    staleTime: 60_000,
    retry: retryServerErrors,
    enabled: name !== '',
  });
}
