import { trace } from '@opentelemetry/api';

/**
 * Names the span of the request being served (node's http instrumentation opens it) by its route,
 * never its path, and sets `http.route`: `GET dashboards.panel`, `GET /d/[slug]`. Without tracing
 * there is no span and nothing happens.
 */
export function nameRequestSpan(method: string, route: string): void {
  const span = trace.getActiveSpan();
  span?.updateName(`${method} ${route}`);
  span?.setAttribute('http.route', route);
}
