import 'server-only';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { stripUrlUserinfo } from '@/lib/text/url-userinfo';
import { logger } from './log';

const g = globalThis as typeof globalThis & { __sightlineOtel?: NodeSDK };

/**
 * Starts OpenTelemetry tracing once per process: incoming BFF requests (http instrumentation and
 * Next's own spans) and the upstream spans lib/datasources/http.ts opens, exported over OTLP/HTTP
 * to `${endpoint}/v1/traces` (Jaeger's OTLP receiver), so Sightline's traces show up in Sightline.
 */
export function startTracing(endpoint: string, serviceName: string): void {
  if (g.__sightlineOtel) return;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({
        // Health and metrics scrapes would drown the useful traces.
        ignoreIncomingRequestHook: (req) => /^\/api\/(health|ready|metrics)\b/.test(req.url ?? '') || (req.url ?? '').startsWith('/_next/'),
        // Upstream calls have their own spans, with the datasource named (lib/datasources/http.ts).
        disableOutgoingRequestInstrumentation: true,
      }),
    ],
  });
  sdk.start();
  g.__sightlineOtel = sdk;
  logger.info('tracing started', { endpoint: stripUrlUserinfo(endpoint) });
  process.once('SIGTERM', () => void sdk.shutdown());
}
