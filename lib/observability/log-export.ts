import 'server-only';
import { context } from '@opentelemetry/api';
import { SeverityNumber, type AnyValue } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { stripUrlUserinfo } from '@/lib/text/url-userinfo';
import { logger, setLogSink, type LogLevel } from './log';

const g = globalThis as typeof globalThis & { __sightlineLogExport?: LoggerProvider };

const SEVERITY: Record<LogLevel, SeverityNumber> = { debug: SeverityNumber.DEBUG, info: SeverityNumber.INFO, warn: SeverityNumber.WARN, error: SeverityNumber.ERROR };

/** A log field as an OTLP attribute value: scalars as they are, anything else as its JSON. */
export function toAttributeValue(value: unknown): AnyValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return null;
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Sends every line Sightline logs (lib/observability/log.ts) as an OTLP log record to `url` as well
 * as to stdout, in the context it was written in, so each record carries the trace and span of the
 * request it belongs to. With Loki as the receiver, Sightline's own logs are searchable in Sightline
 * next to its traces (service_name="sightline", trace_id in the structured metadata).
 */
export function startLogExport(url: string, serviceName: string): void {
  if (g.__sightlineLogExport) return;
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    // A second's delay keeps a request's lines findable right after it, in batches either way.
    processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url }), scheduledDelayMillis: 1_000, maxQueueSize: 8_192 })],
  });
  const otel = provider.getLogger('sightline');
  setLogSink((level, msg, fields) => {
    const attributes: Record<string, AnyValue> = { level };
    for (const [k, v] of Object.entries(fields)) attributes[k] = toAttributeValue(v);
    otel.emit({ severityNumber: SEVERITY[level], severityText: level.toUpperCase(), body: msg, attributes, context: context.active() });
  });
  g.__sightlineLogExport = provider;
  logger.info('log export started', { url: stripUrlUserinfo(url) });
  process.once('SIGTERM', () => void provider.shutdown());
}
