'use client';

import { useQuery } from '@tanstack/react-query';
import type { SloDetail, SloList } from '@/lib/slo/bff-types';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';

/** SLO figures move slowly: refresh once a minute. */
const REFRESH_MS = 60_000;

/** Every SLO with its live status, from `/api/slos`. */
export function useSloList() {
  return useQuery({
    queryKey: queryKeys.slos(),
    queryFn: ({ signal }) => fetchJson<SloList>('/api/slos', { signal }),
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

/** One SLO's status, incidents, deployments and compliance, from `/api/slos/{id}`. */
export function useSloDetail(id: string) {
  return useQuery({
    queryKey: queryKeys.slo(id),
    queryFn: ({ signal }) => fetchJson<SloDetail>(`/api/slos/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}
