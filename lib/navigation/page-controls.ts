import { refreshIntervalOf, type RefreshInterval } from '@/lib/dashboards/time-settings';

/**
 * What the header's time controls mean on each page, so that they show what the page does: the
 * time range only where the page reads it (or carries it on its links), and the auto-refresh only
 * where the page refreshes, with the interval it uses when the URL names none.
 */
export interface PageControls {
  /** The page reads the header's from/to, or passes them on to the pages it links to. */
  range: boolean;
  /** The page's auto-refresh when the URL has no valid `refresh`; null where nothing refreshes. */
  refresh: RefreshInterval | null;
}

const STATIC: PageControls = { range: false, refresh: null };

/**
 * Pages by path prefix, the first match wins. A dashboard's own default refresh is written into its
 * URL by the page (components/dashboard/dashboard-url.ts), so 'off' here is only its fallback.
 */
const PAGES: readonly (readonly [prefix: string, controls: PageControls])[] = [
  ['/d/', { range: true, refresh: 'off' }],
  // Alerts are live state; their links carry the range to the trace and logs they lead to.
  ['/alerts', { range: true, refresh: '30s' }],
  // SLO figures cover their own windows (28 or 30 days, burn-rate windows), not the header's range.
  ['/slos', { range: false, refresh: '1m' }],
  ['/traces', { range: true, refresh: null }],
  ['/logs', { range: true, refresh: null }],
  ['/explore', { range: true, refresh: null }],
  ['/deployments', { range: true, refresh: null }],
  ['/search', { range: true, refresh: null }],
];

/** The header controls of the page at `pathname`; pages not listed (settings, the dashboard list) have none. */
export function pageControls(pathname: string): PageControls {
  const found = PAGES.find(([prefix]) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
  return found ? found[1] : STATIC;
}

/** The auto-refresh the page at `pathname` runs with, given its URL's `refresh`; null where nothing refreshes. */
export function pageRefresh(pathname: string, refresh: string | null): RefreshInterval | null {
  const own = pageControls(pathname).refresh;
  return own === null ? null : refreshIntervalOf(refresh, own);
}
