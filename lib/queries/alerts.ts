'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AlertDetail, AlertListResponse } from '@/lib/alerts/types';
import { fetchJson, retryServerErrors } from './fetch-json';
import { queryKeys } from './keys';

/** Firing and pending alerts from `/api/alerts`, filtered by service and environment; refreshed every 30 s. */
export function useAlerts(filter: { service?: string; environment?: string }) {
  const sp = new URLSearchParams();
  if (filter.service) sp.set('service', filter.service);
  if (filter.environment) sp.set('environment', filter.environment);
  const search = sp.toString();
  return useQuery({
    queryKey: queryKeys.alerts(search),
    queryFn: ({ signal }) => fetchJson<AlertListResponse>(`/api/alerts${search ? `?${search}` : ''}`, { signal }),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}

/** One alert's drill-down data from `/api/alerts/{id}`; refreshed every 30 s while open. */
export function useAlertDetail(id: string, lookup: { alertname?: string; labels?: string[]; environment?: string }) {
  const sp = new URLSearchParams();
  if (lookup.alertname) sp.set('alertname', lookup.alertname);
  for (const l of lookup.labels ?? []) sp.append('label', l);
  if (lookup.environment) sp.set('environment', lookup.environment);
  const search = sp.toString();
  return useQuery({
    queryKey: queryKeys.alertDetail(id, search),
    queryFn: ({ signal }) => fetchJson<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}${search ? `?${search}` : ''}`, { signal }),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
