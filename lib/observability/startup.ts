import 'server-only';
import { EnvError, parseEnv } from '@/lib/env';

/**
 * Validates the environment (one line on stderr and exit 1 when it is bad) and, when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, traces BFF requests and upstream calls over OTLP/HTTP.
 */
export async function startServer(): Promise<void> {
  let endpoint: string | undefined;
  let serviceName: string;
  try {
    const e = parseEnv(process.env);
    endpoint = e.OTEL_EXPORTER_OTLP_ENDPOINT;
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
}
