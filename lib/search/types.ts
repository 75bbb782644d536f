import type { LogEntry, ResultNotice, TraceSummary, UnixMs } from '@/lib/datasources/types';

/** A trace found for a correlation id: from Jaeger's tag search, or only seen in a log line. */
export interface CorrelatedTrace {
  traceId: string;
  summary: TraceSummary | null;
}

export interface CorrelationSearchResult {
  query: string;
  window: { start: UnixMs; end: UnixMs };
  traces: CorrelatedTrace[];
  /** Oldest first. */
  logs: LogEntry[];
  notices: ResultNotice[];
}
