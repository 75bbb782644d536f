/**
 * Values of a dashboard's time settings that the browser checks too (the time picker, a `?tz=`
 * parameter): kept apart from the zod schema so that client code does not load it.
 */

/** Auto-refresh intervals a dashboard and the time picker offer. */
export const REFRESH_INTERVALS = ['off', '30s', '1m', '5m'] as const;

/** True when the runtime knows the IANA zone (Intl throws a RangeError otherwise). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
