'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { refreshMsOf } from '@/lib/dashboards/time-settings';
import { pageControls } from '@/lib/navigation/page-controls';

/**
 * The current page's auto-refresh in ms, or false for off: the URL's `refresh` (set by the header's
 * picker) or else the page's default, read exactly as the picker reads it so both agree.
 */
export function usePageRefreshMs(): number | false {
  const refresh = useSearchParams().get('refresh');
  const controls = pageControls(usePathname());
  return controls.refresh === null ? false : refreshMsOf(refresh, controls.refresh);
}
