/**
 * Values of a dashboard's time settings that the browser checks too (the time picker, a `?tz=`
 * parameter): kept apart from the zod schema so that client code does not load it.
 */

/** Auto-refresh intervals a dashboard and the time picker offer. */
export const REFRESH_INTERVALS = ['off', '30s', '1m', '5m'] as const;
export type RefreshInterval = (typeof REFRESH_INTERVALS)[number];

/** Each auto-refresh interval in ms: written out, not parsed, so client code does not load the duration parser. */
export const REFRESH_MS: Record<Exclude<RefreshInterval, 'off'>, number> = { '30s': 30_000, '1m': 60_000, '5m': 300_000 };

/** True for one of REFRESH_INTERVALS. */
export function isRefreshInterval(value: string): value is RefreshInterval {
  return (REFRESH_INTERVALS as readonly string[]).includes(value);
}

/** The interval a page's `refresh` parameter names; a missing or unknown value means the page's default. */
export function refreshIntervalOf(refresh: string | null, defaultRefresh: RefreshInterval): RefreshInterval {
  return refresh !== null && isRefreshInterval(refresh) ? refresh : defaultRefresh;
}

/**
 * The auto-refresh in ms of a page's `refresh` parameter, or false for off. A missing or unknown
 * value means the page's default (a dashboard's own, or the page's in lib/navigation/page-controls).
 */
export function refreshMsOf(refresh: string | null, defaultRefresh: RefreshInterval): number | false {
  const interval = refreshIntervalOf(refresh, defaultRefresh);
  return interval === 'off' ? false : REFRESH_MS[interval];
}

/** True when the runtime knows the IANA zone (Intl throws a RangeError otherwise). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
