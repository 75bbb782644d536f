import { context, createContextKey, trace, type Context, type Tracer } from '@opentelemetry/api';
import { SeverityNumber, type Logger } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, NodeTracerProvider, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry for one shop service: spans to Jaeger and log records to Loki, both over OTLP/HTTP.
 * NodeTracerProvider.register() installs the AsyncLocalStorage context manager and the W3C
 * traceparent propagator, so the active span follows awaits and is injected into outgoing calls.
 */

const CORRELATION_ID = createContextKey('shop.correlation_id');

/** The correlation id (incoming x-request-id) carried by a context. */
export function getCorrelationId(ctx: Context = context.active()): string | undefined {
  const v = ctx.getValue(CORRELATION_ID);
  return typeof v === 'string' ? v : undefined;
}

/** A context carrying the correlation id, so every span and log line below it can tag itself. */
export function withCorrelationId(ctx: Context, id: string): Context {
  return ctx.setValue(CORRELATION_ID, id);
}

/** The active trace id, if any. */
export function getTraceId(): string | undefined {
  return trace.getActiveSpan()?.spanContext().traceId;
}

/** Tags every span with the correlation id of the context it starts in (contract: on every span). */
class CorrelationIdSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const id = getCorrelationId(parentContext);
    if (id) span.setAttribute('correlation_id', id);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const severity: Record<Level, SeverityNumber> = { debug: SeverityNumber.DEBUG, info: SeverityNumber.INFO, warn: SeverityNumber.WARN, error: SeverityNumber.ERROR };
type Fields = Record<string, string | number | boolean>;

/** A logger that sends each line to Loki (with trace_id/span_id from the active span) and to stdout. */
export interface ShopLog {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export interface Telemetry {
  tracer: Tracer;
  log: ShopLog;
  shutdown(): Promise<void>;
}

/** Starts tracing and logging for a service; empty URLs disable export but keep stdout logs. */
export function startTelemetry(opts: { service: string; version: string; tracesUrl: string; logsUrl: string }): Telemetry {
  const resource = resourceFromAttributes({ 'service.name': opts.service, 'service.version': opts.version, 'service.namespace': 'shop', 'deployment.environment.name': 'production' });
  // Short export delays: a trace should be findable in Jaeger a second or two after it ends.
  const tracerProvider = new NodeTracerProvider({
    resource,
    spanProcessors: [new CorrelationIdSpanProcessor(), ...(opts.tracesUrl ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: opts.tracesUrl }), { scheduledDelayMillis: 500, maxQueueSize: 4096 })] : [])],
  });
  tracerProvider.register();
  const loggerProvider = new LoggerProvider({
    resource,
    processors: opts.logsUrl ? [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: opts.logsUrl }), scheduledDelayMillis: 500, maxQueueSize: 4096 })] : [],
  });
  const otelLogger: Logger = loggerProvider.getLogger('shop');

  const emit = (level: Level, msg: string, fields: Fields = {}) => {
    const ctx = context.active();
    const correlationId = getCorrelationId(ctx);
    const spanContext = trace.getSpan(ctx)?.spanContext();
    const attributes: Fields = { level, ...fields, ...(correlationId ? { correlation_id: correlationId } : {}) };
    otelLogger.emit({ severityNumber: severity[level], severityText: level.toUpperCase(), body: msg, attributes, context: ctx });
    const line = { ts: new Date().toISOString(), level, service: opts.service, msg, trace_id: spanContext?.traceId, span_id: spanContext?.spanId, ...attributes };
    process.stdout.write(JSON.stringify(line) + '\n');
  };

  return {
    tracer: trace.getTracer('shop', opts.version),
    log: {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
    },
    shutdown: async () => {
      await Promise.allSettled([tracerProvider.shutdown(), loggerProvider.shutdown()]);
    },
  };
}
