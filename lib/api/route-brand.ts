/**
 * Marks the handlers made by route() (lib/api/route-handler.ts): they need nothing from Next.js but
 * the Web Request and the route's params, so Sightline's server may call them without Next's router
 * (lib/server/direct-api.ts). Symbol.for, because the mark is set in Next's build of the route and
 * read by the separately bundled server.
 */
export const ROUTE_HANDLER = Symbol.for('sightline.route-handler');

/**
 * The signature of a route() handler: the request and Next's route context. Sightline's server adds
 * `signal`, aborted when the client goes away, and builds the Request without one: a Request given a
 * signal makes its own that follows it, ~30 us per request on Node 20, for a signal only route()
 * reads (handlers get `signal` in their context, never the Request's).
 */
export type RouteHandlerFn = (req: Request, context?: { params: Promise<Record<string, string | string[]>>; signal?: AbortSignal }) => Promise<Response>;

/** Marks `handler` as made by route(). */
export function markRouteHandler<F extends RouteHandlerFn>(handler: F): F {
  Object.defineProperty(handler, ROUTE_HANDLER, { value: true });
  return handler;
}

/** Whether `value` is a handler made by route(), of any bundled copy. */
export function isRouteHandler(value: unknown): value is RouteHandlerFn {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[ROUTE_HANDLER] === true;
}
