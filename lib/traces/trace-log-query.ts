import type { Span, Trace, UnixMs } from '@/lib/datasources/types';
import { traceIdForms } from './trace-id';

/** Logs can be written a little before the first span starts or after the last one ends. */
export const TRACE_LOG_MARGIN_MS = 5 * 60_000;
/** Longest range GET /api/traces/{id}/logs searches at once (Loki scans grow with it); the page clamps to it. */
export const TRACE_LOG_MAX_RANGE_MS = 24 * 3600 * 1000;

// `name="${traceId}"` or `name=~"${traceId}"` (a label matcher or label filter; not `!=`, `<=`, `>=`, `==`),
// or a line filter `|= "${traceId}"` / `|~ "${traceId}"`.
const PLACEHOLDER_IN_MATCH = /(\|=|\|~|=~|(?<![!=<>|~])=)(\s*)(["`])\$\{traceId\}\3/g;

/**
 * Fills the configured LogQL template's `${traceId}` placeholders. The id must already be
 * validated as hex (TRACE_ID_PATTERN), so it cannot break out of the quoted string in the template.
 * For a 64-bit id (see traceIdForms) a matcher `name="${traceId}"` (or `=~`) becomes a regex matching
 * every form, and a line filter `|= "${traceId}"` or `|~ "${traceId}"` takes the shortest form,
 * which the padded one contains; a placeholder anywhere else gets the id as given.
 */
export function buildTraceLogQuery(template: string, traceId: string): string {
  const forms = traceIdForms(traceId);
  const asGiven = traceId.toLowerCase();
  if (forms.length === 1) return template.replaceAll('${traceId}', asGiven);
  const short = forms.reduce((a, b) => (b.length < a.length ? b : a)); // contained in every other form
  return template
    .replace(PLACEHOLDER_IN_MATCH, (_m, op: string, space: string, quote: string) =>
      op === '=' || op === '=~' ? `=~${space}${quote}${forms.join('|')}${quote}` : `${op}${space}${quote}${short}${quote}`,
    )
    .replaceAll('${traceId}', asGiven);
}

/** The range (epoch ms) searched for a trace's logs; `full` is set when the trace was too long to search whole. */
export interface TraceLogRange {
  start: UnixMs;
  end: UnixMs;
  /** The trace's span plus margins, when it is longer than TRACE_LOG_MAX_RANGE_MS and only [start, end) of it is searched. */
  full: { start: UnixMs; end: UnixMs } | null;
}

type TraceTimes = Pick<Trace, 'startMicros' | 'durationMicros'> & { spans?: readonly Pick<Span, 'parentSpanId' | 'startMicros'>[] };

/** Start (µs) of the earliest span without a parent: where a request began, and its logs most likely are. */
function rootStartMicros(trace: TraceTimes): number {
  let at = Infinity;
  for (const s of trace.spans ?? []) if (s.parentSpanId === null && s.startMicros < at) at = s.startMicros;
  return Number.isFinite(at) ? at : trace.startMicros;
}

/**
 * The time range (epoch ms) to search for a trace's logs: its spans plus a margin each side. A trace
 * longer than TRACE_LOG_MAX_RANGE_MS (a multi-day workflow, or one span with a skewed clock) is
 * searched for that long from a margin before its root span starts, kept inside the trace.
 */
export function rangeForTraceLogs(trace: TraceTimes): TraceLogRange {
  const start = Math.floor(trace.startMicros / 1000) - TRACE_LOG_MARGIN_MS;
  const end = Math.ceil((trace.startMicros + trace.durationMicros) / 1000) + TRACE_LOG_MARGIN_MS;
  if (end - start <= TRACE_LOG_MAX_RANGE_MS) return { start: start as UnixMs, end: end as UnixMs, full: null };
  const from = Math.min(Math.max(Math.floor(rootStartMicros(trace) / 1000) - TRACE_LOG_MARGIN_MS, start), end - TRACE_LOG_MAX_RANGE_MS);
  return { start: from as UnixMs, end: (from + TRACE_LOG_MAX_RANGE_MS) as UnixMs, full: { start: start as UnixMs, end: end as UnixMs } };
}
