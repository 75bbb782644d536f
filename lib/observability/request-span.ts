import { trace } from '@opentelemetry/api';

/**
 * Names the span of the request being served (node's http instrumentation opens it) by its route,
 * never its path, and sets `http.route`: `GET dashboards.panel`, `GET /d/[slug]`. Without tracing
 * there is no span and nothing happens; a route given as a function is then never worked out, nor
 * when it gives null (no route).
 */
export function nameRequestSpan(method: string, route: string | (() => string | null)): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  const name = typeof route === 'function' ? route() : route;
  if (name === null) return;
  span.updateName(`${method} ${name}`);
  span.setAttribute('http.route', name);
}
