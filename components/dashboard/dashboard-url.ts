import type { TimeSettings } from '@/lib/dashboards/schema';
import { isRefreshInterval, isTimeZone } from '@/lib/dashboards/time-settings';

/**
 * A dashboard's view as URL parameters (`?from=now-1h&to=now&refresh=30s&tz=Europe/Berlin`), read the
 * same way by the page, the dashboard and the header's time picker, so that what the picker shows is
 * what the dashboard does.
 */

/** The time zone a dashboard page shows its times in: a valid `tz` parameter, else the dashboard's own. */
export function dashboardTimeZone(tz: string | null, dashboardZone: string): string {
  return tz !== null && isTimeZone(tz) ? tz : dashboardZone;
}

type Search = Readonly<Record<string, string | string[] | undefined>>;

/** A page's search params as URLSearchParams, every value of a repeated key kept, without the `omit` key. */
export function toSearchParams(search: Search, omit?: string): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (k !== omit) for (const one of typeof v === 'string' ? [v] : (v ?? [])) sp.append(k, one);
  return sp;
}

/**
 * The query string a dashboard page should redirect to so that its view is explicit in the URL (the
 * header's picker reads the URL only): the default range when `from` is missing, the dashboard's
 * refresh when `refresh` is missing or unknown, and its time zone when it has its own and `tz` is
 * missing. Null when nothing is missing.
 */
export function completeDashboardSearch(search: Search, time: TimeSettings): string | null {
  const sp = toSearchParams(search);
  let changed = false;
  if (search.from === undefined) {
    sp.set('from', time.defaultRange);
    sp.set('to', typeof search.to === 'string' ? search.to : 'now');
    changed = true;
  }
  const refresh = search.refresh;
  if (typeof refresh !== 'string' || !isRefreshInterval(refresh)) {
    if (time.refresh !== 'off' || refresh !== undefined) {
      sp.set('refresh', time.refresh);
      changed = true;
    }
  }
  if (search.tz === undefined && time.timezone !== 'UTC') {
    sp.set('tz', time.timezone);
    changed = true;
  }
  return changed ? sp.toString() : null;
}

/** Why a `tz` parameter is refused, or null when it is absent or a time zone. */
export function timeZoneProblem(tz: string | string[] | undefined): string | null {
  if (tz === undefined) return null;
  if (typeof tz === 'string' && isTimeZone(tz)) return null;
  return `“${typeof tz === 'string' ? tz : tz.join(', ')}” is not a time zone: use an IANA name such as UTC or Europe/Berlin.`;
}
