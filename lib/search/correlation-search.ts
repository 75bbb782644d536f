import 'server-only';
import type { CallOptions } from '@/lib/datasources/http';
import { jaeger } from '@/lib/datasources/jaeger';
import { loki } from '@/lib/datasources/loki';
import type { LogEntry, ResultNotice, TraceSummary, UnixMs } from '@/lib/datasources/types';
import { env } from '@/lib/env';
import { findTraceIds, toCanonicalTraceId } from '@/lib/traces/trace-id';
import { buildCorrelationLogQuery } from './search-input';
import type { CorrelatedTrace, CorrelationSearchResult } from './types';

/** Jaeger searches by service only: at most this many services are searched per request. */
const MAX_SERVICES = 40;
/** Jaeger's limit per service search: a service that returns this many may have more. */
export const TRACES_PER_SERVICE = 20;
const MAX_LOG_LINES = 1_000;
/** Services named in the capped-traces notice before "and N more". */
const NAMED_SERVICES = 5;

/**
 * Merges per-service Jaeger hits (one trace is found through each of its services) with trace ids
 * seen only in logs (findTraceIds). A 64-bit id written with or without its zero padding is one trace.
 */
export function mergeCorrelatedTraces(found: TraceSummary[], logs: LogEntry[]): CorrelatedTrace[] {
  const byId = new Map<string, CorrelatedTrace>();
  for (const t of [...found].sort((a, b) => a.startMicros - b.startMicros)) {
    const key = toCanonicalTraceId(t.traceId);
    if (!byId.has(key)) byId.set(key, { traceId: t.traceId, summary: t });
  }
  for (const e of logs) {
    for (const id of findTraceIds(e)) {
      const key = toCanonicalTraceId(id);
      if (!byId.has(key)) byId.set(key, { traceId: id, summary: null });
    }
  }
  return [...byId.values()];
}

/** The notice for services whose search returned Jaeger's limit (TRACES_PER_SERVICE): more traces may exist; null when none did. */
function describeCappedServices(services: readonly string[]): ResultNotice | null {
  if (services.length === 0) return null;
  const named = services.slice(0, NAMED_SERVICES).join(', ');
  const more = services.length > NAMED_SERVICES ? ` and ${services.length - NAMED_SERVICES} more` : '';
  return {
    code: 'ENTRIES_CAPPED',
    message: `Jaeger returned its limit of ${TRACES_PER_SERVICE} traces for ${named}${more}; other traces with this id may be missing. Narrow the time range to see them.`,
  };
}

/**
 * The traces (Jaeger tag search across services) and log lines (Loki structured metadata) of one
 * correlation id in a window. The id must already be validated (classifySearch). A failing side
 * becomes a notice; the other side is still shown.
 */
export async function searchCorrelationId(id: string, window: { start: UnixMs; end: UnixMs }, opts: CallOptions = {}): Promise<CorrelationSearchResult> {
  const e = env();
  const notices: ResultNotice[] = [];
  const query = buildCorrelationLogQuery(e.CORRELATION_ID_LOG_FIELD, id);
  const tracesPromise = jaeger()
    .services(opts)
    .then(async (services) => {
      if (services.length > MAX_SERVICES) notices.push({ code: 'PARTIAL', message: `Searched the first ${MAX_SERVICES} of ${services.length} services for traces.` });
      const searched = services.slice(0, MAX_SERVICES);
      const results = await Promise.allSettled(
        searched.map((service) =>
          jaeger()
            .searchTraces({ service, tags: { [e.CORRELATION_ID_ATTRIBUTE]: id }, start: window.start, end: window.end, limit: TRACES_PER_SERVICE }, opts)
            .then((r) => (notices.push(...r.notices), r.data)),
        ),
      );
      const failed = results.filter((r) => r.status === 'rejected').length;
      if (failed) notices.push({ code: 'PARTIAL', message: `Jaeger failed for ${failed} of ${results.length} services; some traces may be missing.` });
      const full = searched.filter((_, i) => {
        const r = results[i];
        return r?.status === 'fulfilled' && r.value.length >= TRACES_PER_SERVICE;
      });
      const capped = describeCappedServices(full);
      if (capped) notices.push(capped);
      return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    })
    .catch((err: unknown) => {
      notices.push({ code: 'PARTIAL', message: `Jaeger is unavailable, traces not searched: ${err instanceof Error ? err.message : String(err)}` });
      return [] as TraceSummary[];
    });
  const logsPromise = loki()
    .queryLogs({ query, start: window.start, end: window.end, limit: MAX_LOG_LINES, direction: 'forward' }, opts)
    .then((r) => (notices.push(...r.notices), r.data))
    .catch((err: unknown) => {
      notices.push({ code: 'PARTIAL', message: `Loki is unavailable, logs not searched: ${err instanceof Error ? err.message : String(err)}` });
      return [] as LogEntry[];
    });
  const [found, logs] = await Promise.all([tracesPromise, logsPromise]);
  return { query: id, window, traces: mergeCorrelatedTraces(found, logs), logs, notices };
}
