import type { ResultNotice } from '@/lib/datasources/types';
import { BffError, isRetryableStatus, toFailedStatus } from '@/lib/queries/fetch-json';
import { TRACE_LOG_MARGIN_MS, type TraceLogRange } from './trace-log-query';

/** Which end of the trace's lines the panel asked for: `forward` keeps the oldest when capped, `backward` the newest. */
export type TraceLogDirection = 'forward' | 'backward';

/** The panel's account of what it is not showing: the cap (which end is missing, and how to see it) and any other notice. */
export interface TraceLogNotes {
  capped: { message: string; switchLabel: string; switchTo: TraceLogDirection } | null;
  others: string[];
}

/** A failed request for the trace's logs as the BFF answered it (status 0: no answer at all). */
export interface TraceLogsFailure {
  status: number;
  code: string;
  message: string;
}

/** The failure of a request for the trace's logs (fetchJson's error; anything but a BffError got no answer). */
export function toTraceLogsFailure(err: Error): TraceLogsFailure {
  return { status: toFailedStatus(err), code: err instanceof BffError ? err.code : 'NETWORK', message: err.message };
}

const HOUR_MS = 3_600_000;
const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** Describes the notices of the trace's logs: ENTRIES_CAPPED says which end is missing; the rest are shown as they are. */
export function describeTraceLogNotices(notices: readonly ResultNotice[], direction: TraceLogDirection, shown: number): TraceLogNotes {
  const capped = notices.some((n) => n.code === 'ENTRIES_CAPPED');
  const count = shown.toLocaleString('en-US');
  return {
    capped: !capped
      ? null
      : direction === 'forward'
        ? { message: `Showing the oldest ${count} lines of this trace; later lines are missing.`, switchLabel: 'Show the newest lines instead', switchTo: 'backward' }
        : { message: `Showing the newest ${count} lines of this trace; earlier lines are missing.`, switchLabel: 'Show the oldest lines instead', switchTo: 'forward' },
    others: notices.filter((n) => n.code !== 'ENTRIES_CAPPED').map((n) => n.message),
  };
}

/** Says which part of a trace too long to search whole was searched for its logs; null when all of it was. */
export function describeTraceLogRange(range: TraceLogRange): string | null {
  if (!range.full) return null;
  const lasts = range.full.end - range.full.start - 2 * TRACE_LOG_MARGIN_MS;
  const length = lasts < 48 * HOUR_MS ? `${Math.round(lasts / HOUR_MS)} hours` : `${Number((lasts / (24 * HOUR_MS)).toFixed(1))} days`;
  return `This trace lasts ${length}, longer than the one day searched for logs at once: searched ${utc(range.start)} to ${utc(range.end)}, which holds its root span's start. Lines outside that are not shown.`;
}

/**
 * The panel's message for a failed request, and whether retrying can help (isRetryableStatus, the
 * queries' own rule): an unreachable or failing Loki (5xx, no answer) may recover; a refused request
 * (4xx) fails the same way again.
 */
export function describeTraceLogsError(failure: TraceLogsFailure): { message: string; retry: boolean } {
  const { status, code, message } = failure;
  if (isRetryableStatus(status)) {
    const upstream = code.startsWith('UPSTREAM_');
    return { message: `${upstream ? 'Loki is unavailable' : 'The trace\'s logs could not be loaded'}: ${message}`, retry: true };
  }
  if (status === 401) return { message: 'Your session has expired: sign in again to see the logs.', retry: false };
  if (status === 403) return { message: `You may not read logs: ${message}`, retry: false };
  if (code === 'UPSTREAM_BAD_QUERY') return { message: `Loki refused the query for this trace's logs (set by LOKI_TRACE_QUERY_TEMPLATE): ${message}`, retry: false };
  return { message: `The trace's logs could not be searched: ${message}`, retry: false };
}
