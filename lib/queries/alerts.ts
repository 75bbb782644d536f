'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AlertDetail, AlertListResponse } from '@/lib/alerts/types';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';
import { usePageRefreshMs } from './page-refresh';

/** Firing and pending alerts from `/api/alerts`, filtered by service and environment; refreshed as the header's picker says (30 s unless chosen). */
export function useAlerts(filter: { service?: string; environment?: string }) {
  const sp = new URLSearchParams();
  if (filter.service) sp.set('service', filter.service);
  if (filter.environment) sp.set('environment', filter.environment);
  const search = sp.toString();
  const refreshMs = usePageRefreshMs();
  return useQuery({
    queryKey: queryKeys.alerts(search),
    queryFn: ({ signal }) => fetchJson<AlertListResponse>(`/api/alerts${search ? `?${search}` : ''}`, { signal }),
    refetchInterval: refreshMs,
    // Live state: a page opened again asks at once rather than showing a firing alert from the cache for a while.
    staleTime: 0,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

/** One alert's drill-down data from `/api/alerts/{id}`; refreshed while open as the header's picker says (30 s unless chosen). */
export function useAlertDetail(id: string, lookup: { alertname?: string; labels?: string[]; environment?: string }) {
  const sp = new URLSearchParams();
  if (lookup.alertname) sp.set('alertname', lookup.alertname);
  for (const l of lookup.labels ?? []) sp.append('label', l);
  if (lookup.environment) sp.set('environment', lookup.environment);
  const search = sp.toString();
  const refreshMs = usePageRefreshMs();
  return useQuery({
    queryKey: queryKeys.alertDetail(id, search),
    queryFn: ({ signal }) => fetchJson<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}${search ? `?${search}` : ''}`, { signal }),
    refetchInterval: refreshMs,
    // Live state: a page opened again asks at once rather than showing a firing alert from the cache for a while.
    staleTime: 0,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
