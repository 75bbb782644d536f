/**
 * Next.js start-up hook: validates the environment (one line on stderr and exit 1 when it is bad)
 * and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, traces BFF requests and upstream calls over OTLP/HTTP.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parseEnv, EnvError } = await import('@/lib/env');
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
    const { startTracing } = await import('@/lib/observability/tracing');
    startTracing(endpoint, serviceName);
  }
}
