import { AppError } from '@/lib/api/errors';
import { asUnixMs, type RangeQuery, type ResultNotice, type UnixMs } from '@/lib/datasources/types';

/**
 * Time ranges and steps shared by every panel of a dashboard. Pure: "now" is always passed in,
 * so a panel request and its cache key are reproducible.
 */

/** Prometheus refuses range queries above 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
/** The longest range the time picker offers; lint checks steps against it. */
export const LONGEST_RANGE = '30d';
/** Relative ranges the time picker offers, shortest first. */
export const SELECTABLE_RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
/** Prometheus' scrape interval when none is configured (PROMETHEUS_SCRAPE_INTERVAL), in seconds. */
export const DEFAULT_SCRAPE_INTERVAL_S = 15;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Steps a chart reads well at (seconds); computed steps round up to one of these. */
const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Milliseconds in a Prometheus duration ("90s", "1h30m", "7d"), or null when it is not one. */
export function parseDuration(text: string): number | null {
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return total;
}

/** Formats seconds as the shortest Prometheus duration, e.g. 270 → "4m30s". */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** The earliest and latest times accepted (epoch ms): 1970-01-01 to the end of 9999, the years an ISO 8601 date can name. */
const EARLIEST_MS = 0;
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** `ms` as UnixMs; INVALID_INPUT naming `ref` when it is outside EARLIEST_MS..LATEST_MS (or not a number), which no Date could print. */
function withinSpan(ms: number, ref: string): UnixMs {
  if (!(ms >= EARLIEST_MS && ms <= LATEST_MS)) throw new AppError('INVALID_INPUT', `"${ref}" is outside the supported times, 1970-01-01 to 9999-12-31`);
  return asUnixMs(ms);
}

/**
 * Resolves "now", "now-<duration>", an ISO 8601 timestamp or epoch milliseconds to epoch ms, from
 * 1970 to 9999. Throws INVALID_INPUT naming the bad value.
 */
export function parseTimeRef(ref: string, nowMs: number): UnixMs {
  const text = ref.trim();
  if (text === 'now') return withinSpan(nowMs, ref);
  const rel = /^now-(.+)$/.exec(text);
  if (rel) {
    const ms = parseDuration(rel[1] ?? '');
    if (ms === null) throw new AppError('INVALID_INPUT', `"${ref}" is not a time: use now-<duration> such as now-6h`);
    return withinSpan(nowMs - ms, ref);
  }
  if (/^\d{10,16}$/.test(text)) return withinSpan(Number(text), ref);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return withinSpan(ms, ref);
  }
  throw new AppError('INVALID_INPUT', `"${ref}" is not a time: use now, now-<duration>, an ISO 8601 date or epoch milliseconds`);
}

export interface TimeRange {
  start: UnixMs;
  end: UnixMs;
}

/** Resolves a from/to pair; `from` must be before `to`. */
export function resolveRange(from: string, to: string, nowMs: number): TimeRange {
  const start = parseTimeRef(from, nowMs);
  const end = parseTimeRef(to, nowMs);
  if (start >= end) throw new AppError('INVALID_INPUT', `the range must start before it ends (from=${from}, to=${to})`);
  return { start, end };
}

export interface StepDecision {
  stepSeconds: number;
  /** True when the requested step would have exceeded MAX_POINTS_PER_SERIES and was raised. */
  raised: boolean;
  /** The step the settings asked for, before the cap. */
  requestedSeconds: number;
}

/** The smallest nice step at or above `seconds`; beyond a day, whole days. */
function roundUpToNiceStep(seconds: number): number {
  return NICE_STEPS_S.find((s) => s >= seconds) ?? Math.ceil(seconds / 86400) * 86400;
}

/**
 * The step for a range: a fixed resolution is kept unless it would exceed 11,000 points, "auto"
 * spreads `maxPoints` over the range and rounds up to a readable step.
 */
export function computeStep(rangeMs: number, resolution: string, maxPoints: number): StepDecision {
  const rangeS = Math.max(1, rangeMs / 1000);
  let requested: number;
  if (resolution === 'auto') {
    requested = roundUpToNiceStep(Math.max(1, rangeS / Math.max(1, maxPoints)));
  } else {
    const ms = parseDuration(resolution);
    if (ms === null || ms < 1000) throw new AppError('INVALID_INPUT', `resolution "${resolution}" must be "auto" or a duration of at least 1s`);
    requested = ms / 1000;
  }
  if (rangeS / requested <= MAX_POINTS_PER_SERIES) return { stepSeconds: requested, raised: false, requestedSeconds: requested };
  return { stepSeconds: roundUpToNiceStep(rangeS / MAX_POINTS_PER_SERIES), raised: true, requestedSeconds: requested };
}

/** The step to use so a range query stays under MAX_POINTS_PER_SERIES, and the notice when it had to be raised (Prometheus and Loki adapters). */
export function toSafeStep(q: RangeQuery): { stepSeconds: number; notice: ResultNotice | null } {
  const rangeS = Math.max(0, (q.end - q.start) / 1000);
  if (rangeS / q.stepSeconds <= MAX_POINTS_PER_SERIES) return { stepSeconds: q.stepSeconds, notice: null };
  const raised = Math.ceil(rangeS / MAX_POINTS_PER_SERIES);
  return {
    stepSeconds: raised,
    notice: { code: 'STEP_RAISED', message: `Resolution lowered: step raised from ${q.stepSeconds}s to ${raised}s to stay under ${MAX_POINTS_PER_SERIES} points per series` },
  };
}

/**
 * Aligns both ends down to a multiple of the step so viewers of the same panel within one step
 * ask for identical ranges (shared cache entries, no jitter between refreshes).
 */
export function alignRange(range: TimeRange, stepSeconds: number): TimeRange {
  const stepMs = stepSeconds * 1000;
  const start = Math.floor(range.start / stepMs) * stepMs;
  let end = Math.floor(range.end / stepMs) * stepMs;
  if (end <= start) end = start + stepMs;
  return { start: asUnixMs(start), end: asUnixMs(end) };
}

/** A dashboard's window: where range queries run (on the step) and where it ends (now, or `to`). */
export interface AlignedWindow extends TimeRange {
  /** The last step of range queries: `end` aligned down to the step, never before `start` plus a step. */
  rangeEnd: UnixMs;
}

/**
 * Aligns a range for a dashboard. Range queries run from `start` to `rangeEnd`, both aligned down
 * to the step (alignRange), so viewers within one step share a cached query and refreshes do not
 * jitter. The window itself ends at `end`, aligned down only to the scrape interval (or the step,
 * when finer): what is read at the end (stat values, tables, SLO status, log lines) is then at most
 * one scrape old rather than up to a step old, viewers within one scrape interval still share those
 * reads, and a refresh after it reads newer data.
 */
export function alignWindow(range: TimeRange, stepSeconds: number, scrapeIntervalSeconds: number): AlignedWindow {
  const steps = alignRange(range, stepSeconds);
  const grainMs = Math.max(1, Math.min(stepSeconds, scrapeIntervalSeconds)) * 1000;
  const end = Math.max(steps.end, Math.floor(range.end / grainMs) * grainMs);
  return { start: steps.start, end: asUnixMs(end), rangeEnd: steps.end };
}

/** $__rate_interval: at least four scrapes, and at least one step plus a scrape (seconds). */
export function computeRateInterval(stepSeconds: number, scrapeIntervalSeconds = DEFAULT_SCRAPE_INTERVAL_S): number {
  return Math.max(stepSeconds + scrapeIntervalSeconds, 4 * scrapeIntervalSeconds);
}
