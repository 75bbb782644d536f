import type { Micros, Span, Trace } from '@/lib/datasources/types';

/** A span described by the fields a test cares about; times in microseconds relative to 0. */
export interface FakeSpan {
  id: string;
  parent?: string | null;
  start: number;
  duration: number;
  service?: string;
  operation?: string;
  error?: boolean;
  followsFrom?: boolean;
  attributes?: Record<string, string | number | boolean>;
}

/** Builds a domain Trace from compact span descriptions, for unit tests. */
export function makeFakeTrace(specs: FakeSpan[], traceId = 'trace-1'): Trace {
  const spans: Span[] = specs.map((s) => ({
    traceId,
    spanId: s.id,
    parentSpanId: s.parent ?? null,
    operation: s.operation ?? `op-${s.id}`,
    service: s.service ?? 'svc',
    kind: 'internal',
    startMicros: s.start as Micros,
    durationMicros: s.duration as Micros,
    attributes: Object.entries(s.attributes ?? {}).map(([key, value]) => ({ key, value })),
    resource: [],
    events: [],
    links: s.parent && s.followsFrom ? [{ traceId, spanId: s.parent, type: 'follows_from' as const }] : [],
    error: s.error ?? false,
    warnings: [],
  }));
  const start = Math.min(...specs.map((s) => s.start));
  const end = Math.max(...specs.map((s) => s.start + s.duration));
  return {
    traceId,
    spans,
    services: [...new Set(spans.map((s) => s.service))],
    startMicros: start as Micros,
    durationMicros: (end - start) as Micros,
    warnings: [],
  };
}
