import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';

/**
 * Structured JSON logs on stdout, one object a line, each carrying the request ID when known and the
 * trace and span it was written in when tracing is on; also sent over OTLP when log export is on
 * (lib/observability/log-export.ts).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type Level = LogLevel;
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Read once here rather than through lib/env so that logging works even while env validation fails.
const minLevel: Level = (['debug', 'info', 'warn', 'error'] as const).find((l) => l === process.env.LOG_LEVEL) ?? 'info';

/**
 * debug and info lines wait for the end of the current turn of the event loop and go out together.
 * stdout is a pipe under any supervisor, and Node writes to pipes synchronously: one write per
 * request log line, made before Next sends the response, cost the request ~0.1-0.4 ms (more when
 * the write wakes the reader on a busy machine). Queued lines are written before the process exits;
 * warn and error lines are written at once.
 */
let queued = '';

function flushQueued(): void {
  if (!queued) return;
  const out = queued;
  queued = '';
  process.stdout.write(out);
}

process.once('exit', flushQueued);

/** Receives every line that passes the level, in the context it was written in (see setLogSink). */
export type LogSink = (level: LogLevel, msg: string, fields: Record<string, unknown>) => void;
// On globalThis: Sightline's server bundle (lib/server) has its own copy of this module, and its
// lines go to the sink that the app's copy set up.
const shared = globalThis as typeof globalThis & { __sightlineLogSink?: LogSink | null };

/** Sends every line written from now on to `next` as well as to stdout (one sink; a later call replaces it). */
export function setLogSink(next: LogSink | null): void {
  shared.__sightlineLogSink = next;
}

function write(level: Level, msg: string, fields: Record<string, unknown>) {
  if (rank[level] < rank[minLevel]) return;
  shared.__sightlineLogSink?.(level, msg, fields);
  const span = trace.getActiveSpan()?.spanContext();
  const traced = span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : null;
  const line = JSON.stringify({ ts: new Date().toISOString(), level, msg, service: 'sightline', ...traced, ...fields });
  if (level === 'error' || level === 'warn') return void process.stderr.write(line + '\n');
  if (!queued) setImmediate(flushQueued);
  queued += line + '\n';
}

export const logger = {
  debug: (msg: string, fields: Record<string, unknown> = {}) => write('debug', msg, fields),
  info: (msg: string, fields: Record<string, unknown> = {}) => write('info', msg, fields),
  warn: (msg: string, fields: Record<string, unknown> = {}) => write('warn', msg, fields),
  error: (msg: string, fields: Record<string, unknown> = {}) => write('error', msg, fields),
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming `x-request-id` when it is well-formed, else a new one. */
export function requestIdFrom(headers: { get(name: string): string | null }): string {
  const incoming = headers.get('x-request-id');
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
