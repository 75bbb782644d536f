import type { Unit } from '@/lib/dashboards/schema';

/**
 * Value and time formatting shared by every chart. Pure functions, so axis ticks, tooltips and
 * stats agree. Null is "no data" and always prints as an em dash, never as 0.
 */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Trims a number to `digits` significant decimals without trailing zeros. */
function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * Scales of a duration, smallest first: `size` in seconds, `below` the largest value shown in the
 * scale (in that scale), and whether it shows three significant digits (µs, ms, s) or `decimals`
 * (default 1) of a longer unit.
 */
const DURATION_SCALES = [
  { unit: 'µs', size: 1e-6, below: 1000, significant: true },
  { unit: 'ms', size: 1e-3, below: 1000, significant: true },
  { unit: 's', size: 1, below: 120, significant: true },
  { unit: 'min', size: 60, below: 120, significant: false },
  { unit: 'h', size: 3600, below: Infinity, significant: false },
] as const;

/**
 * Formats seconds in the scale that reads best: 480 ms, 48.2 ms, 1.23 s, 2.5 min. The scale is
 * chosen after rounding, so 0.9996 s is "1 s", not "1,000 ms".
 */
function formatSeconds(value: number, decimals: number | undefined): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0 s';
  const first = DURATION_SCALES.findIndex((s) => abs / s.size < s.below);
  for (const scale of DURATION_SCALES.slice(first)) {
    const scaled = abs / scale.size;
    // Durations default to three significant digits in their unit: 480 ms, 48.2 ms, 1.23 s.
    const d = decimals ?? (scale.significant ? Math.max(0, 2 - Math.floor(Math.log10(scaled))) : 1);
    // Rounded up to the next scale's first value (999.6 ms to "1,000 ms"): the next scale says it ("1 s").
    if (Number(scaled.toFixed(d)) < scale.below) return `${trim(value / scale.size, d)} ${scale.unit}`;
  }
  return '+Inf'; // unreachable: hours have no upper bound
}

/** Formats a value in its unit: 0.0123 ratio → "1.23%", 0.25 seconds → "250 ms", 2048 bytes → "2 KiB". */
export function formatValue(value: number | null | undefined, unit: Unit, decimals?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const d = decimals ?? 2;
  switch (unit) {
    case 'ratio':
      return `${trim(value * 100, d)}%`;
    case 'percent':
      return `${trim(value, d)}%`;
    case 'seconds':
      return formatSeconds(value, decimals);
    case 'milliseconds':
      return formatValue(value / 1000, 'seconds', decimals);
    case 'bytes': {
      let i = 0;
      let v = value;
      while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
        v /= 1024;
        i++;
      }
      return `${trim(v, d)} ${BYTE_UNITS[i]}`;
    }
    case 'reqps':
      return `${trim(value, d)} req/s`;
    case 'ops':
      return `${trim(value, d)} ops/s`;
    case 'boolean':
      return value === 0 ? 'false' : 'true';
    case 'count':
    case 'none':
      return formatPlain(value, d);
  }
}

/** SI prefixes of plain numbers, largest first; from 10,000 on (1,234 reads better than 1.2k). */
const SI_SCALES = [
  { size: 1e15, prefix: 'P' },
  { size: 1e12, prefix: 'T' },
  { size: 1e9, prefix: 'G' },
  { size: 1e6, prefix: 'M' },
  { size: 1e4, divisor: 1e3, prefix: 'k' },
] as const;

/**
 * A plain number in the scale that keeps it short: 25k, 3.24M, 1.8G (a Unix time in seconds), 20T;
 * past the largest prefix in exponent notation (1.23e18); `decimals` in the scale, so that axis ticks
 * stay apart (1.795G, 1.7955G). Axis labels have room for about ten characters.
 */
function formatPlain(value: number, decimals: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e18) return value.toExponential(Math.min(decimals, 3)).replace('e+', 'e');
  for (const scale of SI_SCALES) {
    const divisor = 'divisor' in scale ? scale.divisor : scale.size;
    if (abs >= scale.size) return `${trim(value / divisor, decimals)}${scale.prefix}`;
  }
  return trim(value, decimals);
}

/**
 * Formats an axis tick's value exactly: with as few decimals as show it without rounding (up to 4),
 * so that ticks 0.35 apart read 0.35, 0.7, 1.05 (not 0.3, 0.7, 1.1) and 0.625 s reads 625 ms.
 */
export function formatTickValue(value: number, unit: Unit): string {
  const seconds = unit === 'milliseconds' ? value / 1000 : value;
  // Axis ticks fall on round decimal numbers (250 s, not 4 min 10 s): durations of a second and more
  // stay in seconds, where every such tick is exact (minutes would print 200 s as "3.3 min").
  if ((unit === 'seconds' || unit === 'milliseconds') && Math.abs(seconds) >= 1) return fewestExactDecimals((d) => `${trim(seconds, d)} s`);
  return fewestExactDecimals((d) => formatValue(value, unit, d));
}

/** The text of `format` with the fewest decimals (up to 4) that still shows the value as 6 decimals would. */
function fewestExactDecimals(format: (decimals: number) => string): string {
  const exact = format(6);
  for (let d = 0; d < 4; d++) {
    const text = format(d);
    if (text === exact) return text;
  }
  return format(4);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick intervals of a time axis, smallest first. */
const TIME_STEPS = [SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** One Intl.DateTimeFormat per locale and options, made once: charts format every tick on every render. */
function dateFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(opts)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, opts);
    dateFormats.set(key, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `t`, in ms. */
function zoneOffsetMs(t: number, timeZone: string): number {
  const parts = dateFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/**
 * Ticks of a time axis over [start, end]: at most `maxTicks`, on round wall-clock times of
 * `timeZone` (every 10 minutes, on the hour, at midnight ...) rather than wherever the range begins.
 */
export function timeTicks(start: number, end: number, timeZone: string, maxTicks = 6): number[] {
  // One instant (a single trace or bar) is its own tick.
  if (end === start) return [start];
  if (!(end > start)) return [];
  const step = TIME_STEPS.find((s) => (end - start) / s <= maxTicks) ?? Math.ceil((end - start) / maxTicks / DAY) * DAY;
  const offset = zoneOffsetMs(start, timeZone);
  const ticks: number[] = [];
  for (let t = Math.ceil((start + offset) / step) * step - offset; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** Ranges up to this long have ticks less than a minute apart (timeTicks), which show their seconds. */
const SECONDS_TICKS_MAX_SPAN_MS = 3 * MINUTE;

/** Formats an epoch-ms time for an axis tick in `timeZone`; ranges over a day include the date, ranges of a few minutes the seconds. */
export function formatTick(t: number, timeZone: string, spanMs: number): string {
  const opts: Intl.DateTimeFormatOptions =
    spanMs >= DAY
      ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { hour: '2-digit', minute: '2-digit', ...(spanMs <= SECONDS_TICKS_MAX_SPAN_MS ? { second: '2-digit' } : {}), hourCycle: 'h23' };
  return dateFormat('en-GB', { ...opts, timeZone }).format(t);
}

/**
 * A time axis over [start, end] for recharts' XAxis: its domain, round ticks (timeTicks) and their
 * labels (formatTick), so every chart's time axis reads alike.
 */
export function timeAxis(start: number, end: number, timeZone: string): { domain: [number, number]; ticks: number[]; tickFormatter: (t: number) => string } {
  return { domain: [start, end], ticks: timeTicks(start, end, timeZone), tickFormatter: (t) => formatTick(t, timeZone, end - start) };
}

/** Formats an epoch-ms time in full, with the zone name, for tooltips: "2025-01-10 12:00:07 UTC". */
export function formatTimestamp(t: number, timeZone: string): string {
  const parts = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${timeZone}`;
}

/** An epoch-ms time to the millisecond in `timeZone`, without the zone's name: "2025-01-10 12:00:07.123". */
export function formatPreciseTimestamp(t: number, timeZone: string): string {
  return `${formatTimestamp(t, timeZone).slice(0, 19)}.${String(((t % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

/** An epoch-ms time as `timeZone`'s wall clock for a datetime-local input: "2025-01-10T13:00". */
export function toWallClock(t: number, timeZone: string): string {
  return formatTimestamp(t, timeZone).slice(0, 16).replace(' ', 'T');
}

/**
 * The epoch-ms time at which `timeZone`'s wall clock reads `wallClock` ("2025-01-10T13:00", a
 * datetime-local value); NaN when it is not one. A time a DST change skips is read with the offset
 * from before the change, and one it repeats as the later of the two.
 */
export function fromWallClock(wallClock: string, timeZone: string): number {
  const asUtc = Date.parse(`${wallClock}Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(wallClock) || !Number.isFinite(asUtc)) return NaN;
  // The zone's offsets a day before and a day after: a wall-clock time is one of them (both when a
  // change repeats it), or neither when a change skips it.
  const before = zoneOffsetMs(asUtc - DAY, timeZone);
  const after = zoneOffsetMs(asUtc + DAY, timeZone);
  const readsBack = (t: number) => t + zoneOffsetMs(t, timeZone) === asUtc;
  const matching = [asUtc - before, asUtc - after].filter(readsBack);
  return matching.length > 0 ? Math.max(...matching) : asUtc - before;
}
