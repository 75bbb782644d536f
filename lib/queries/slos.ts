'use client';

import { useQuery } from '@tanstack/react-query';
import type { SloDetail, SloList } from '@/lib/slo/bff-types';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';
import { usePageRefreshMs } from './page-refresh';

/** Every SLO with its live status, from `/api/slos`; refreshed as the header's picker says (each minute unless chosen: SLO figures move slowly). */
export function useSloList() {
  const refreshMs = usePageRefreshMs();
  return useQuery({
    queryKey: queryKeys.slos(),
    queryFn: ({ signal }) => fetchJson<SloList>('/api/slos', { signal }),
    refetchInterval: refreshMs,
    retry: retryServerErrors,
  });
}

/** One SLO's status, incidents, deployments and compliance, from `/api/slos/{id}`; refreshed as the header's picker says. */
export function useSloDetail(id: string) {
  const refreshMs = usePageRefreshMs();
  return useQuery({
    queryKey: queryKeys.slo(id),
    queryFn: ({ signal }) => fetchJson<SloDetail>(`/api/slos/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: refreshMs,
    retry: retryServerErrors,
  });
}
