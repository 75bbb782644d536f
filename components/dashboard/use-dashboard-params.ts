'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { DashboardParams } from '@/lib/queries/dashboards';

const REFRESH_MS: Record<string, number> = { '30s': 30_000, '1m': 60_000, '5m': 300_000 };

/**
 * The dashboard's state as it lives in the URL (`?from=now-1h&to=now&refresh=30s&var-route=/api/cart`),
 * and a setter that pushes a new history entry so Back restores the previous view.
 */
export function useDashboardParams(defaultFrom: string, defaultRefresh: string) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const params = useMemo<DashboardParams>(() => {
    const vars: Record<string, string[]> = {};
    for (const key of new Set(search.keys())) if (key.startsWith('var-')) vars[key.slice(4)] = search.getAll(key);
    const refresh = search.get('refresh') ?? defaultRefresh;
    return { from: search.get('from') ?? defaultFrom, to: search.get('to') ?? 'now', vars, refreshMs: REFRESH_MS[refresh] ?? false };
  }, [search, defaultFrom, defaultRefresh]);

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

  return { params, update };
}
