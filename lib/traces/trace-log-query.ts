import type { Trace, UnixMs } from '@/lib/datasources/types';

/** Logs can be written a little before the first span starts or after the last one ends. */
export const TRACE_LOG_MARGIN_MS = 5 * 60_000;

/**
 * Fills the configured LogQL template's `${traceId}` placeholders. The id must already be
 * validated as hex (TRACE_ID), so it cannot break out of the quoted string in the template.
 */
export function buildTraceLogQuery(template: string, traceId: string): string {
  if (!/^[0-9a-fA-F]{1,32}$/.test(traceId)) throw new Error(`not a trace id: ${traceId}`);
  return template.replaceAll('${traceId}', traceId.toLowerCase());
}

/** The time range (epoch ms) to search for a trace's logs: its spans plus a margin each side. */
export function rangeForTraceLogs(trace: Pick<Trace, 'startMicros' | 'durationMicros'>): { start: UnixMs; end: UnixMs } {
  const startMs = Math.floor(trace.startMicros / 1000);
  const endMs = Math.ceil((trace.startMicros + trace.durationMicros) / 1000);
  return { start: (startMs - TRACE_LOG_MARGIN_MS) as UnixMs, end: (endMs + TRACE_LOG_MARGIN_MS) as UnixMs };
}
