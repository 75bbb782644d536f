import type { LogLevel, TimeSeries } from '@/lib/datasources/types';
import { parseTimeRef } from '@/lib/dashboards/time';
import { escapeQuotedString } from '@/lib/promql/escape';

/**
 * Pure LogQL helpers for the logs explorer: label picking, the volume query and its bars. No React,
 * so each is unit-tested on its own.
 */

/**
 * True when the query starts with a stream selector, i.e. is a log query rather than a metric query
 * such as `rate(...)`. A prefix check, so the browser need not load the LogQL grammar; the server
 * decides by the grammar (isLogQuery in lib/dashboards/query-analysis.ts).
 */
export function startsWithStreamSelector(query: string): boolean {
  return query.trimStart().startsWith('{');
}

/**
 * Adds `name="value"` to the query's stream selector (or replaces that label's matcher), keeping
 * any pipeline after it; a query without a selector becomes `{name="value"}`.
 */
export function addMatcher(query: string, name: string, value: string): string {
  const matcher = `${name}="${escapeQuotedString(value)}"`;
  const q = query.trim();
  const close = q.startsWith('{') ? q.indexOf('}') : -1;
  if (close < 0) return `{${matcher}}${q ? ` ${q}` : ''}`;
  const inner = q.slice(1, close).trim();
  const others = inner
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/) // commas outside quotes
    .map((m) => m.trim())
    .filter((m) => m && !new RegExp(`^${name.replace(/[.]/g, '\\.')}\\s*(=|!=|=~|!~)`).test(m));
  return `{${[...others, matcher].join(', ')}}${q.slice(close + 1)}`;
}

/** One matcher of a stream selector: `name op "value"`. */
export interface StreamMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const LABEL_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const MATCH_OP = /\s*(=~|!~|!=|=)\s*/y;

/** Reads a quoted LogQL string ("..." with escapes, or `...`) at `at`; its value and where it ends, or null. */
function readQuoted(text: string, at: number): { value: string; end: number } | null {
  const quote = text[at];
  if (quote === '`') {
    const close = text.indexOf('`', at + 1);
    return close < 0 ? null : { value: text.slice(at + 1, close), end: close + 1 };
  }
  if (quote !== '"') return null;
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\' && i + 1 < text.length) value += text[++i];
    else value += c;
  }
  return null;
}

/**
 * The matchers of a query's first stream selector (`{a="x", b=~"y"}`, in a log or a metric query);
 * null when there is none or it is not well formed (Loki then says what is wrong).
 */
export function streamSelector(query: string): StreamMatcher[] | null {
  let i = query.indexOf('{');
  if (i < 0) return null;
  const matchers: StreamMatcher[] = [];
  const skipSpace = () => {
    while (i < query.length && /\s/.test(query[i]!)) i++;
  };
  i++;
  for (;;) {
    skipSpace();
    if (query[i] === '}') return matchers;
    LABEL_NAME.lastIndex = i;
    const name = LABEL_NAME.exec(query);
    if (!name) return null;
    MATCH_OP.lastIndex = i + name[0].length;
    const op = MATCH_OP.exec(query);
    if (!op) return null;
    const quoted = readQuoted(query, MATCH_OP.lastIndex);
    if (!quoted) return null;
    matchers.push({ name: name[0], op: op[1] as StreamMatcher['op'], value: quoted.value });
    i = quoted.end;
    skipSpace();
    if (query[i] === ',') i++;
    else if (query[i] !== '}') return null;
  }
}

/** Whether a label regex matches the empty string, as a missing label is (an unreadable one is taken to). */
function matchesEmpty(regex: string): boolean {
  try {
    return new RegExp(`^(?:${regex})$`).test('');
  } catch {
    return true;
  }
}

/**
 * Labels the query's selector needs that no stream has (of `known`, Loki's label names in the
 * range): a reason it finds nothing. Only matchers that a missing label cannot satisfy count
 * (`name="value"` with a value, `name=~"regex"` whose regex does not match ""); `!=` and `!~`
 * match streams without the label.
 */
export function missingSelectorLabels(query: string, known: readonly string[]): string[] {
  const have = new Set(known);
  const needed = (streamSelector(query) ?? []).filter((m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !matchesEmpty(m.value))).map((m) => m.name);
  return [...new Set(needed)].filter((n) => !have.has(n));
}

/** Histogram bars per chart width: enough to see a burst, few enough to read. */
const TARGET_BARS = 60;
const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The volume step in seconds for a range in ms: the smallest nice step giving at most ~60 bars. */
export function pickVolumeStep(rangeMs: number): number {
  const raw = rangeMs / 1000 / TARGET_BARS;
  return NICE_STEPS_S.find((s) => s >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

/** The metric query behind the volume histogram: lines per step by level, or null for a metric query. */
export function toVolumeQuery(query: string, stepSeconds: number): string | null {
  if (!startsWithStreamSelector(query)) return null;
  // detected_level is Loki 3's own level for every line; `level` is what an app may set itself.
  return `sum by (detected_level, level) (count_over_time(${query.trim()} [${stepSeconds}s]))`;
}

/** Levels in stacking order, most severe on top. */
export const VOLUME_LEVELS: readonly LogLevel[] = ['unknown', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const LEVEL_NAMES: Record<string, LogLevel> = { warning: 'warn', err: 'error', critical: 'fatal', crit: 'fatal', panic: 'fatal', notice: 'info', information: 'info' };

/** One histogram bar: its start (epoch ms) and line counts per level. */
export type VolumeBar = { t: number } & Record<LogLevel, number>;

/** The level of a volume series from its labels; anything unrecognised is "unknown". */
export function toVolumeLevel(labels: Record<string, string>): LogLevel {
  const raw = (labels.level || labels.detected_level || '').toLowerCase();
  if ((VOLUME_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  return LEVEL_NAMES[raw] ?? 'unknown';
}

/**
 * Buckets volume series into one bar per step from start to end (epoch ms), summing series of the
 * same level; steps without samples stay at zero, so a quiet minute is visibly empty.
 * Loki stamps each count_over_time sample at the END of its window, so a sample at t counts (t-step, t].
 */
export function toVolumeBars(series: TimeSeries[], start: number, end: number, stepSeconds: number): VolumeBar[] {
  const stepMs = stepSeconds * 1000;
  const first = Math.floor(start / stepMs) * stepMs;
  const count = Math.max(1, Math.ceil((end - first) / stepMs));
  const bars: VolumeBar[] = Array.from({ length: count }, (_, i) => ({ t: first + i * stepMs, unknown: 0, trace: 0, debug: 0, info: 0, warn: 0, error: 0, fatal: 0 }));
  for (const s of series) {
    const level = toVolumeLevel(s.labels);
    for (const p of s.samples) {
      if (p.value === null || !Number.isFinite(p.value)) continue;
      const i = Math.floor((p.t - stepMs - first) / stepMs);
      const bar = bars[Math.min(Math.max(i, 0), count - 1)]!;
      bar[level] += p.value;
    }
  }
  return bars;
}

/** Resolves the URL's from/to (`now-1h`, epoch ms…) against `nowMs` (when the data was fetched); null when unreadable. */
export function resolveRangeAt(from: string, to: string, nowMs: number): { start: number; end: number } | null {
  try {
    const r = { start: parseTimeRef(from, nowMs), end: parseTimeRef(to, nowMs) };
    return r.end > r.start ? r : null;
  } catch {
    return null;
  }
}
