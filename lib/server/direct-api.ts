import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../api/errors';
import { logger } from '../observability/log';
import { recordBffRequest } from '../observability/metrics';
import { ApiRouteTable, type ApiRoute } from './api-routes';
import { IncomingRouteRequest, requestIdOf } from './route-request';
import { allowedMethods, nextRouteModuleLoader, resolveRouteExports, type RouteExports, type RouteModuleLoader } from './route-modules';
import { answerFailure, sendError, writeAnswer, type ServerLogger } from './write-answer';

/**
 * Sightline's API routes answered without Next.js' router, and typed error bodies where Next would
 * answer an API client with a page or an empty body: a path of no route (404), a method the route
 * does not have (405, with Allow), a path that is not valid percent-encoding (400), each with the
 * request's ID, a log line and a count under the route "unmatched", as route() gives its own answers. Every route made by route()
 * (lib/api/route-handler.ts) has a direct entry that needs only the request and its params: it
 * authenticates, validates and maps errors itself (lib/api/route-entry.ts). Next's router and route module around it cost ~1.5-2 ms of CPU per request
 * (URL normalization, its request adapters, async-storage contexts, its own tracing), as much as
 * Prometheus takes to answer a cheap range query; the panel and explore endpoints exist to be a thin
 * layer over such queries. Sightline's server (lib/server/start.ts) therefore finds the route in
 * Next's build manifest, loads the route's module as Next itself would (plain require of the same
 * file, so there is one copy of every module; lib/server/route-modules.ts) and calls its direct entry
 * with node's request (lib/server/route-request.ts), writing its answer (lib/server/write-answer.ts).
 * Everything else goes to Next unchanged: pages, next-auth's routes, HEAD and OPTIONS (Next derives them from GET and the
 * exports), paths Next normalizes (a trailing slash, `//`, dot segments), and every API path when
 * the build has no manifest or a route module has another shape.
 */

/** The route label under which answers of no route are counted: never the path, which any client can vary without bound. */
const UNMATCHED_ROUTE = 'unmatched';

/** Answers the API requests of route() handlers; see the top of this file. */
export class DirectApi {
  private readonly exports = new Map<string, Promise<RouteExports | null>>();

  constructor(
    private readonly table: ApiRouteTable,
    private readonly load: RouteModuleLoader,
    private readonly log: ServerLogger = logger,
  ) {}

  /** For Next's build in `distDir`; without a readable manifest every request goes to Next. */
  static forBuild(distDir: string, log: ServerLogger = logger): DirectApi {
    let table: ApiRouteTable;
    try {
      table = ApiRouteTable.fromBuild(distDir);
    } catch (err) {
      log.error("API routes go through Next's router: the build's route manifest is unreadable", { distDir, err: err instanceof Error ? err.message : String(err) });
      table = new ApiRouteTable([]);
    }
    return new DirectApi(table, nextRouteModuleLoader(distDir), log);
  }

  /** What a route's module exports, loaded once (by request `requestId`); null when it fails to load here or has another shape (Next answers). */
  private exportsOf(route: ApiRoute, requestId: string): Promise<RouteExports | null> {
    let found = this.exports.get(route.file);
    if (!found) {
      found = this.load(route).then(
        (exports) => {
          return exports ? resolveRouteExports(exports) : null;
        },
        (err: unknown) => {
          this.log.error("a route goes through Next's router: its module did not load here", { requestId, route: route.pattern, err: err instanceof Error ? err.message : String(err) });
          return null;
        },
      );
      this.exports.set(route.file, found);
    }
    return found;
  }

  /**
   * Answers `req` when its route and method have a route() handler and resolves true; otherwise
   * resolves false having touched neither `req` nor `res`, and Next should answer.
   */
  async answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const method = req.method ?? 'GET';
    const pathname = q < 0 ? url : url.slice(0, q);
    // Without a route table (no manifest), Next answers everything.
    const match = this.table.size === 0 ? { kind: 'next' as const } : this.table.match(pathname);
    if (match.kind === 'next') return false;
    if (match.kind === 'bad-encoding') return this.refuse(req, res, started, new AppError('INVALID_INPUT', 'the URL path is not valid percent-encoding'));
    if (match.kind === 'none') return this.refuse(req, res, started, new AppError('NOT_FOUND', `there is no API route ${pathname}`));
    // Before the handler: route() and a failure answer then take the same ID from the request.
    const requestId = requestIdOf(req);
    const exports = await this.exportsOf(match.route, requestId);
    if (!exports) return false;
    const entry = exports.direct[method];
    if (!entry) {
      if (method === 'HEAD' || method === 'OPTIONS' || exports.methods.includes(method)) return false;
      return this.refuse(req, res, started, new AppError('METHOD_NOT_ALLOWED', `${match.route.pattern} does not answer ${method}`), { allow: allowedMethods(exports.methods) });
    }

    // The handler's signal: aborted when the client goes away before its answer is sent, which
    // cancels the upstream requests made for it.
    const client = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) client.abort();
    });
    try {
      await writeAnswer(res, await entry(new IncomingRouteRequest(req), { params: match.params, signal: client.signal, requestId }));
    } catch (err) {
      answerFailure(req, res, err, { api: true, log: this.log });
    }
    return true;
  }

  /**
   * Answers a request no route() handler takes with `error`, as route() answers its own: with the
   * request's ID, a log line and a count in the BFF request metric under UNMATCHED_ROUTE. Answered at
   * once, so never counted in flight.
   */
  private refuse(req: IncomingMessage, res: ServerResponse, started: number, error: AppError, headers: Record<string, string> = {}): true {
    const requestId = requestIdOf(req);
    const method = req.method ?? 'GET';
    sendError(res, error, requestId, headers);
    const ms = performance.now() - started;
    recordBffRequest(UNMATCHED_ROUTE, method, error.status, ms / 1000);
    this.log.info('request', { requestId, method, route: UNMATCHED_ROUTE, status: error.status, ms: Math.round(ms) });
    return true;
  }
}
