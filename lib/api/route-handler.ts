import 'server-only';
import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import { refuseCrossSiteWrite, requireJsonContentType } from './cross-site';
import { AppError, type ErrorBody } from './errors';
import { answerStatus, routeEntries, type RouteAnswer, type RouteRequest } from './route-entry';
import { encodeAnswer } from './samples-wire';
import { authenticateRequest } from '@/lib/auth/authenticate';
import { isAllowed, type Access, type Principal } from '@/lib/auth/principal';
import { logger, requestIdFrom } from '@/lib/observability/log';
import { nameRequestSpan } from '@/lib/observability/request-span';
import { recordBffRequest, trackBffInFlight } from '@/lib/observability/metrics';

/**
 * The one wrapper every API route goes through: authentication (session or bearer token),
 * the route's role or scope, refusal of cross-site writes made with the session cookie
 * (lib/api/cross-site.ts), zod validation of params, query and a JSON body, and error mapping to the
 * one error body. Route files stay thin:
 *
 *   export const GET = route({ access: { role: 'operator' }, query: Q }, async ({ query }) => data);
 */

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  /** Who may call: 'public' (health, readiness only), a minimum role, and/or a token scope. */
  access: Access;
  /** The route's name in metrics, logs and its span, e.g. "dashboards.panel" (never the URL path: ids would make every request a series of its own). */
  name: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Maximum accepted body size in bytes (default 256 KiB). */
  maxBodyBytes?: number;
}

export interface RouteContext<P, Q, B> {
  req: RouteRequest;
  params: P;
  query: Q;
  body: B;
  principal: Principal | null;
  requestId: string;
  /** Aborted when the client goes away: pass it to every upstream call. */
  signal: AbortSignal;
}

/** Turns the URL's query string into an object; repeated keys become arrays. */
export function searchParamsToObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}

function invalid(where: string, error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = details[0];
  return new AppError('INVALID_INPUT', first ? `${first.path}: ${first.message}` : `invalid ${where}`, { details });
}

function parseWith<S extends Schema | undefined>(schema: S | undefined, value: unknown, where: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(where, r.error);
  return r.data as Infer<S>;
}

async function readBody(req: RouteRequest, maxBytes: number): Promise<unknown> {
  const text = await req.text(maxBytes);
  if (Buffer.byteLength(text) > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${maxBytes} bytes`);
  if (text.trim() === '') return undefined;
  requireJsonContentType(req);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new AppError('INVALID_INPUT', 'request body is not valid JSON', { cause });
  }
}

/**
 * `value` as a JSON answer, series samples in their wire form (lib/api/samples-wire.ts). Sightline's
 * server sends it whole and decides its encoding (lib/server/whole-answers.ts).
 */
function jsonAnswer(value: unknown, status: number, requestId: string): RouteAnswer {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId }, body: JSON.stringify(encodeAnswer(value)) };
}

/** Maps any thrown value to the error body and its status, logging what the user does not see. */
export function errorAnswer(err: unknown, requestId: string): RouteAnswer {
  const appError =
    err instanceof AppError
      ? err
      : err instanceof Error && err.name === 'AbortError'
        ? new AppError('UPSTREAM_TIMEOUT', 'the request was cancelled or timed out', { cause: err })
        : new AppError('INTERNAL', 'internal error; see the server log for request ' + requestId, { cause: err });
  if (appError.code === 'INTERNAL') logger.error('unhandled error', { requestId, err: String(err instanceof Error ? err.stack : err) });
  const body: ErrorBody = appError.toBody();
  return jsonAnswer(body, appError.status, requestId);
}

/** Concurrent upstream calls one request may make, each with a listener on its signal; a real leak still warns. */
const MAX_UPSTREAM_FAN_OUT = 100;

/**
 * Wraps a route handler with auth, validation and error mapping. The result is Next's route handler,
 * and carries the direct entry that Sightline's server calls without Next's router
 * (lib/api/route-entry.ts, lib/server/direct-api.ts).
 */
export function route<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return routeEntries(async (req, ctx): Promise<RouteAnswer> => {
    const started = performance.now();
    // Counted in flight until the answer is made. Response answers hold whole bodies, so none is
    // counted while sent: Next reads no body for HEAD, and a failed write may never read it.
    const served = trackBffInFlight();
    const requestId = ctx.requestId ?? requestIdFrom(req.headers);
    const url = new URL(req.url);
    const name = spec.name;
    nameRequestSpan(req.method, name);
    let answer: RouteAnswer | undefined;
    try {
      const principal = spec.access === 'public' ? null : await authenticateRequest(req);
      if (spec.access !== 'public') {
        if (!principal) throw new AppError('UNAUTHENTICATED', 'sign in or send "Authorization: Bearer <token>"');
        refuseCrossSiteWrite(req);
        const verdict = isAllowed(principal, spec.access);
        if (!verdict.ok) throw new AppError('FORBIDDEN', verdict.reason);
      }
      const params = parseWith(spec.params, ctx.params, 'params');
      const query = parseWith(spec.query, searchParamsToObject(url.searchParams), 'query');
      const body = spec.body ? parseWith(spec.body, await readBody(req, spec.maxBodyBytes ?? 256 * 1024), 'body') : (undefined as Infer<B>);
      // Every upstream call of the request listens for the client going away until it settles; the SLO
      // list makes a dozen or more at once, past Node's default of 10 that warns of a listener leak.
      setMaxListeners(MAX_UPSTREAM_FAN_OUT, ctx.signal);
      const result = await handler({ req, params, query, body, principal, requestId, signal: ctx.signal });
      if (result instanceof Response) {
        result.headers.set('x-request-id', requestId);
        answer = { response: result };
      } else answer = jsonAnswer(result ?? null, 200, requestId);
      return answer;
    } catch (err) {
      answer = errorAnswer(err, requestId);
      return answer;
    } finally {
      served();
      const ms = performance.now() - started;
      const status = answer ? answerStatus(answer) : 500;
      recordBffRequest(name, req.method, status, ms / 1000);
      logger.info('request', { requestId, method: req.method, route: name, status, ms: Math.round(ms) });
    }
  });
}
