'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { REFRESH_MS } from '@/lib/dashboards/time-settings';
import { pageRefresh } from '@/lib/navigation/page-controls';

/**
 * The current page's auto-refresh in ms, or false for off: the URL's `refresh` (set by the header's
 * picker) or else the page's default, read exactly as the picker reads it so both agree.
 */
export function usePageRefreshMs(): number | false {
  const interval = pageRefresh(usePathname(), useSearchParams().get('refresh'));
  return interval === null || interval === 'off' ? false : REFRESH_MS[interval];
}
