import { toLabelKey } from '../decode';
import { asUnixMs, type Labels, type LogEntry, type LogLevel, type NanosString } from '../types';
import type { LokiStreams } from './schemas';

const LEVELS: Record<string, LogLevel> = {
  trace: 'trace', debug: 'debug', info: 'info', information: 'info', notice: 'info', warn: 'warn', warning: 'warn',
  error: 'error', err: 'error', fatal: 'fatal', critical: 'fatal', crit: 'fatal', panic: 'fatal',
};

/** The entry's level from `level`, `severity_text` or Loki's `detected_level`, in fields or labels. */
export function toLogLevel(fields: Labels, labels: Labels): LogLevel {
  for (const key of ['level', 'severity_text', 'detected_level', 'severity']) {
    const v = fields[key] ?? labels[key];
    if (v) return LEVELS[v.toLowerCase()] ?? 'unknown';
  }
  return 'unknown';
}

/** Nanosecond string to epoch ms without losing the digits a double cannot hold. */
export const nsToUnixMs = (ns: string) => asUnixMs(Number(BigInt(ns) / 1_000_000n));

/**
 * Streams to entries, sorted by time (newest first for `backward`). Structured metadata and parsed
 * fields (categorize-labels) become `fields`; without that flag they arrive as stream labels, and
 * the trace/span IDs are read from there instead.
 */
export function toLogEntries(streams: LokiStreams, direction: 'forward' | 'backward' = 'backward'): LogEntry[] {
  const out: LogEntry[] = [];
  for (const s of streams) {
    const key = toLabelKey(s.stream);
    s.values.forEach((v, i) => {
      const [ns, line] = v;
      const meta = v.length === 3 ? v[2] : undefined;
      const fields = { ...meta?.structuredMetadata, ...meta?.parsed };
      const pick = (k: string) => fields[k] ?? s.stream[k] ?? null;
      out.push({
        id: `${key}:${ns}:${i}`,
        t: nsToUnixMs(ns),
        ns: ns as NanosString, // Loki's entry timestamp is a decimal nanosecond string
        line,
        level: toLogLevel(fields, s.stream),
        labels: s.stream,
        fields,
        traceId: pick('trace_id') ?? pick('traceID') ?? pick('traceid'),
        spanId: pick('span_id') ?? pick('spanID'),
      });
    });
  }
  const cmp = (a: LogEntry, b: LogEntry) => (BigInt(a.ns) < BigInt(b.ns) ? -1 : BigInt(a.ns) > BigInt(b.ns) ? 1 : 0);
  return out.sort((a, b) => (direction === 'forward' ? cmp(a, b) : cmp(b, a)));
}
