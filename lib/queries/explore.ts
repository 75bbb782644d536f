'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QueryWindow, ResultNotice, TimeSeries } from '@/lib/datasources/types';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';

/** What the explore PromQL endpoints answer. */
export interface PromResult {
  data: TimeSeries[];
  notices: ResultNotice[];
  /** A range query's window and step; an instant query has none. */
  window?: QueryWindow;
}

/** A raw PromQL request: `range` over from/to (step chosen by the BFF unless given), or `instant` at `to`. */
export interface PromRequest {
  mode: 'range' | 'instant';
  query: string;
  from: string;
  to: string;
}

/** Runs raw PromQL through the developer explore API; disabled while `req` is null. */
export function usePromQuery(req: PromRequest | null) {
  const url = req
    ? req.mode === 'range'
      ? `/api/explore/prometheus/query_range?${new URLSearchParams({ query: req.query, start: req.from, end: req.to })}`
      : `/api/explore/prometheus/query?${new URLSearchParams({ query: req.query, ...(req.to === 'now' ? {} : { time: req.to }) })}`
    : '';
  return useQuery({
    queryKey: queryKeys.explore('promql', url),
    queryFn: ({ signal }) => fetchJson<PromResult>(url, { signal }),
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
    enabled: req !== null,
  });
}

/** The metric names Prometheus has over the range. */
export function usePromMetricNames(from: string, to: string) {
  const search = new URLSearchParams({ start: from, end: to }).toString();
  return useQuery({
    queryKey: queryKeys.explore('promql-metric-names', search),
    queryFn: ({ signal }) => fetchJson<{ data: string[] }>(`/api/explore/prometheus/label/__name__/values?${search}`, { signal }).then((r) => r.data),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}
