/**
 * The two ways in to a handler made by route() (lib/api/route-handler.ts). Next.js calls the
 * exported function with a Web Request and gets a Response. Sightline's server (lib/server/direct-api.ts)
 * calls its direct entry, found on the exported function under ROUTE_ENTRY, with a RouteRequest over
 * node's request and gets a RouteAnswer, which it writes to node's response as it is: no Web
 * Request, Response or body stream is made for it. On Node 20 those cost ~0.1 ms per request
 * (undici's Request makes an AbortSignal and a Headers copy, its Response a ReadableStream that the
 * server then reads back chunk by chunk), a tenth of what Prometheus takes to answer a cheap query.
 * Symbol.for, because the entry is set in Next's build of the route and read by the separately
 * bundled server.
 */
export const ROUTE_ENTRY = Symbol.for('sightline.route-entry');

/** What route() reads of a request. A Web Request is one; so is the server's view of node's request. */
export interface RouteRequest {
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  /**
   * The body as text. Given `maxBytes`, may stop reading past it and reject with PAYLOAD_TOO_LARGE
   * (the server's view does; a Web Request reads it whole and route() checks the size after).
   */
  text(maxBytes?: number): Promise<string>;
}

/** A route's answer: a whole text body with its status and headers, or a Response its handler made. */
export type RouteAnswer = { status: number; headers: Record<string, string>; body: string } | { response: Response };

export interface DirectContext {
  params: Record<string, string | string[]>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /**
   * The request's ID when the caller has already settled it from a well-formed `x-request-id`, or made
   * one (Sightline's server: lib/server/route-request.ts); else route() takes it from the headers.
   */
  requestId?: string;
}

export type DirectEntry = (req: RouteRequest, ctx: DirectContext) => Promise<RouteAnswer>;

/** Next's signature of a route handler. */
export type NextRouteHandler = (req: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export const answerStatus = (answer: RouteAnswer): number => ('response' in answer ? answer.response.status : answer.status);

export function answerToResponse(answer: RouteAnswer): Response {
  return 'response' in answer ? answer.response : new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** The handler Next calls, carrying `direct` for Sightline's server. */
export function routeEntries(direct: DirectEntry): NextRouteHandler {
  const viaNext: NextRouteHandler = async (req, context) => answerToResponse(await direct(req, { params: context ? await context.params : {}, signal: req.signal }));
  Object.defineProperty(viaNext, ROUTE_ENTRY, { value: direct });
  return viaNext;
}

/** The direct entry of a handler made by route() (of any bundled copy), else null. */
export function directEntryOf(value: unknown): DirectEntry | null {
  const entry = typeof value === 'function' ? (value as unknown as Record<symbol, unknown>)[ROUTE_ENTRY] : undefined;
  return typeof entry === 'function' ? (entry as DirectEntry) : null;
}
