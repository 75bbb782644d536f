/**
 * Neutral domain types. Components and the BFF's callers see only these, never a Prometheus,
 * Alertmanager, Jaeger or Loki wire shape. Adapters convert units at their boundary.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Milliseconds since the Unix epoch. */
export type UnixMs = Brand<number, 'UnixMs'>;
/** A duration or timestamp in microseconds (Jaeger's internal API). */
export type Micros = Brand<number, 'Micros'>;
/** Nanoseconds since the Unix epoch as a decimal string (Loki, OTLP): too large for a double. */
export type NanosString = Brand<string, 'NanosString'>;
/** A duration in milliseconds. */
export type DurationMs = Brand<number, 'DurationMs'>;

/** Brands a number as epoch milliseconds; the caller vouches for the unit. */
export const asUnixMs = (n: number): UnixMs => n as UnixMs;
/** Brands a number as a millisecond duration; the caller vouches for the unit. */
export const asDurationMs = (n: number): DurationMs => n as DurationMs;

export type DatasourceName = 'prometheus' | 'alertmanager' | 'jaeger' | 'loki';

export type Labels = Record<string, string>;

/** One point of a series. `value` is null where the upstream said NaN or the point is missing. */
export interface Sample {
  t: UnixMs;
  /** +Infinity / -Infinity are kept as such; NaN becomes null ("no data", not zero). */
  value: number | null;
}

export interface TimeSeries {
  /** Stable key built from the labels, used for legends and React keys. */
  id: string;
  name: string;
  labels: Labels;
  samples: Sample[];
}

export interface Exemplar {
  seriesLabels: Labels;
  labels: Labels;
  traceId: string | null;
  value: number;
  t: UnixMs;
}

/** Notes the BFF attaches to a result so the UI can say what happened (raised step, capped entries or series). */
export interface ResultNotice {
  code: 'STEP_RAISED' | 'ENTRIES_CAPPED' | 'SERIES_CAPPED' | 'UPSTREAM_WARNING' | 'PARTIAL';
  message: string;
}

export interface QueryResult<T> {
  data: T;
  notices: ResultNotice[];
}

/** The window a range query covered: its range and the step it ran at (raised when the range asked for too many points). */
export interface QueryWindow {
  start: UnixMs;
  end: UnixMs;
  stepSeconds: number;
}

/** A range query's result with its window, so that a chart knows the step (where samples are missing) without guessing it. */
export interface RangeResult<T> extends QueryResult<T> {
  window: QueryWindow;
}

export interface RangeQuery {
  query: string;
  start: UnixMs;
  end: UnixMs;
  /** Seconds between points. */
  stepSeconds: number;
}

export type AlertState = 'firing' | 'pending' | 'inactive';

export interface Alert {
  /** Stable id: the Alertmanager fingerprint when known, else a hash of the labels. */
  id: string;
  name: string;
  labels: Labels;
  annotations: Record<string, string>;
  state: AlertState;
  activeAt: UnixMs | null;
  value: number | null;
  /** Alertmanager's view of the same alert, when it has one. */
  silenced: boolean;
  inhibited: boolean;
  silencedBy: string[];
  inhibitedBy: string[];
  generatorUrl: string | null;
}

export interface AlertRule {
  name: string;
  group: string;
  query: string;
  durationSeconds: number;
  labels: Labels;
  annotations: Record<string, string>;
  health: string;
  state: AlertState;
}

export type SpanKind = 'client' | 'server' | 'producer' | 'consumer' | 'internal' | 'unspecified';

export interface KeyValue {
  key: string;
  value: string | number | boolean;
}

export interface SpanEvent {
  t: UnixMs;
  /** Microsecond precision offset kept for ordering within the same millisecond. */
  timeMicros: Micros;
  fields: KeyValue[];
}

export interface Span {
  traceId: string;
  spanId: string;
  /** Null for a root span. A non-null parentSpanId that is absent from the trace makes an orphan. */
  parentSpanId: string | null;
  operation: string;
  service: string;
  kind: SpanKind;
  startMicros: Micros;
  durationMicros: Micros;
  attributes: KeyValue[];
  resource: KeyValue[];
  events: SpanEvent[];
  links: { traceId: string; spanId: string; type: 'child_of' | 'follows_from' }[];
  error: boolean;
  warnings: string[];
}

export interface Trace {
  traceId: string;
  spans: Span[];
  services: string[];
  startMicros: Micros;
  durationMicros: Micros;
  warnings: string[];
}

/** One row of a trace search result: enough for the list and the scatter plot. */
export interface TraceSummary {
  traceId: string;
  rootService: string;
  rootOperation: string;
  spanCount: number;
  errorCount: number;
  services: { name: string; spanCount: number }[];
  startMicros: Micros;
  durationMicros: Micros;
}

export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unknown';

export interface LogEntry {
  /** Unique within a result: stream key + timestamp + index. */
  id: string;
  t: UnixMs;
  /** Exact upstream timestamp, for stable ordering and paging. */
  ns: NanosString;
  line: string;
  level: LogLevel;
  labels: Labels;
  /** Structured metadata and parsed fields (Loki's categorize-labels), e.g. trace_id, span_id. */
  fields: Labels;
  traceId: string | null;
  spanId: string | null;
}

export interface Deployment {
  id: string;
  service: string;
  environment: string;
  version: string;
  commit: string | null;
  url: string | null;
  description: string | null;
  status: 'started' | 'succeeded' | 'failed' | 'rolled_back';
  startedAt: UnixMs;
  finishedAt: UnixMs | null;
  createdBy: string;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface DatasourceHealth {
  name: DatasourceName;
  ok: boolean;
  latencyMs: number;
  breaker: BreakerState;
  message: string | null;
}

/** An Alertmanager silence. */
export interface Silence {
  id: string;
  state: 'active' | 'pending' | 'expired';
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
  startsAt: UnixMs;
  endsAt: UnixMs;
  createdBy: string;
  comment: string;
}
