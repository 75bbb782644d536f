'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { TimeSettings } from '@/lib/dashboards/schema';
import type { DashboardParams } from '@/lib/queries/dashboards';
import { refreshMsOf } from '@/lib/dashboards/time-settings';
import { dashboardTimeZone } from './dashboard-url';

/**
 * The dashboard's state as it lives in the URL (`?from=now-1h&to=now&refresh=30s&tz=UTC&var-route=/api/cart`),
 * read as the header's time picker reads it, and a setter that pushes a new history entry so Back
 * restores the previous view.
 */
export function useDashboardParams(time: Pick<TimeSettings, 'defaultRange' | 'refresh' | 'timezone'>) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { defaultRange, refresh, timezone } = time;

  const params = useMemo<DashboardParams>(() => {
    const vars: Record<string, string[]> = {};
    for (const key of new Set(search.keys())) if (key.startsWith('var-')) vars[key.slice(4)] = search.getAll(key);
    return { from: search.get('from') ?? defaultRange, to: search.get('to') ?? 'now', vars, refreshMs: refreshMsOf(search.get('refresh'), refresh) };
  }, [search, defaultRange, refresh]);
  const tz = search.get('tz');
  const timeZone = useMemo(() => dashboardTimeZone(tz, timezone), [tz, timezone]);

  /** Replaces URL parameters (null deletes, an array repeats the key) with a new history entry. */
  const update = useCallback(
    (changes: Record<string, string | string[] | null>) => {
      const next = new URLSearchParams(search.toString());
      for (const [k, v] of Object.entries(changes)) {
        next.delete(k);
        if (v === null) continue;
        for (const one of typeof v === 'string' ? [v] : v) next.append(k, one);
      }
      router.push(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [search, router, pathname],
  );

  return { params, timeZone, update };
}
