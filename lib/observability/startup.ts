import 'server-only';
import { EnvError, parseEnv } from '@/lib/env';

/**
 * Validates the environment (one line on stderr and exit 1 when it is bad); when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, traces BFF requests and upstream calls over OTLP/HTTP, and when
 * OTEL_EXPORTER_OTLP_LOGS_ENDPOINT is set, sends its log lines there as OTLP log records.
 */
export async function startServer(): Promise<void> {
  let endpoint: string | undefined;
  let logsEndpoint: string | undefined;
  let serviceName: string;
  try {
    const e = parseEnv(process.env);
    endpoint = e.OTEL_EXPORTER_OTLP_ENDPOINT;
    logsEndpoint = e.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT;
    serviceName = e.OTEL_SERVICE_NAME;
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (endpoint) {
    const { startTracing } = await import('./tracing');
    startTracing(endpoint, serviceName);
  }
  if (logsEndpoint) {
    const { startLogExport } = await import('./log-export');
    startLogExport(logsEndpoint, serviceName);
  }
}
