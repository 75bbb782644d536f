import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { trace } from '@opentelemetry/api';
import { AppError } from '../api/errors';
import { directEntryOf, type DirectEntry, type RouteAnswer, type RouteRequest } from '../api/route-entry';
import { logger, requestIdFrom } from '../observability/log';
import { recordBffRequest } from '../observability/metrics';
import { ApiRouteTable, type ApiRoute } from './api-routes';

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
 * file, so there is one copy of every module) and calls its direct entry. Everything else goes to Next
 * unchanged: pages, next-auth's routes, HEAD and OPTIONS (Next derives them from GET and the
 * exports), paths Next normalizes (a trailing slash, `//`, dot segments), and every API path when
 * the build has no manifest or a route module has another shape.
 */

/** Where the server's log lines go: the structured logger (lib/observability/log.ts), or a test's stand-in. */
export type ServerLogger = Pick<typeof logger, 'info' | 'warn' | 'error'>;

/** The route label under which answers of no route are counted: never the path, which any client can vary without bound. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The request's ID: its well-formed `x-request-id`, else a new one. Written back to the request's
 * headers, so that route() (directly or through Next) and a failure answer use the same one.
 */
export function requestIdOf(req: IncomingMessage): string {
  const id = requestIdFrom({
    get: (name) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    },
  });
  req.headers['x-request-id'] = id;
  return id;
}

/** Loads a route's module; resolves its exports by method name (GET, POST, ...), or null when it has another shape. */
export type RouteModuleLoader = (route: ApiRoute) => Promise<Record<string, unknown> | null>;

interface NextRouteModule {
  routeModule?: { ensureUserland?: () => Promise<void>; userland?: Record<string, unknown> };
}

/** Loads route modules from Next's build as Next does: `require` of the same file, so the module instances are shared. */
export function nextRouteModuleLoader(distDir: string): RouteModuleLoader {
  const load = createRequire(import.meta.url);
  return async (route) => {
    const mod = load(path.join(distDir, 'server', route.file)) as NextRouteModule;
    const routeModule = mod.routeModule;
    if (!routeModule) return null;
    // Next 16 loads a route's own code on first use; earlier versions hold it at once.
    if (typeof routeModule.ensureUserland === 'function') await routeModule.ensureUserland();
    return routeModule.userland ?? null;
  };
}

/** Hosts a URL may carry to its handler; another Host header is replaced by "localhost". */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** node's request as route() reads it (lib/api/route-entry.ts). */
class IncomingRouteRequest implements RouteRequest {
  readonly url: string;
  readonly headers: { get(name: string): string | null };

  constructor(private readonly req: IncomingMessage) {
    const host = req.headers.host;
    this.url = `http://${host && PLAIN_HOST.test(host) ? host : 'localhost'}${req.url ?? '/'}`;
    this.headers = {
      // node has parsed the headers already; it keeps the first of repeated single-valued ones (Host, Authorization, ...).
      get: (name) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  /** Reads the body, refusing one over `maxBytes` by its Content-Length or once that much has come, without buffering the rest. */
  text(maxBytes = Infinity): Promise<string> {
    const req = this.req;
    const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${maxBytes} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) return void chunks.push(chunk);
        // node reads and drops the rest once the answer is sent, so the connection stays usable.
        req.off('data', onData);
        chunks.length = 0;
        reject(tooLarge());
      };
      req.on('data', onData);
      req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.once('error', reject);
      req.once('close', () => {
        if (!req.complete) reject(new Error('the client went away before sending the whole request body'));
      });
    });
  }
}

/** Resolves when `res` can take more, or has closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    if (res.destroyed) {
      await reader.cancel();
      return;
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await drained(res);
  }
  res.end();
}

/** Writes a route's answer: a whole body at once, a Response as its body stream comes. */
async function writeAnswer(res: ServerResponse, answer: RouteAnswer): Promise<void> {
  if ('response' in answer) return writeResponse(res, answer.response);
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
  res.end(answer.body);
}

function sendError(res: ServerResponse, error: AppError, requestId: string, headers: Record<string, string> = {}): void {
  res.statusCode = error.status;
  for (const [name, value] of Object.entries({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId, ...headers })) res.setHeader(name, value);
  res.end(JSON.stringify(error.toBody()));
}

/**
 * After a request failed unexpectedly (a route, or Next itself): logs it with its stack and request
 * ID, then answers 500 unless the answer has begun (the connection is cut then): the typed error body
 * for the API, plain text for pages, both naming the request ID for the user to quote.
 */
export function answerFailure(req: IncomingMessage, res: ServerResponse, err: unknown, opts: { api: boolean; log?: ServerLogger }): void {
  const requestId = requestIdOf(req);
  (opts.log ?? logger).error('request failed', { requestId, method: req.method, url: req.url, err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  if (res.headersSent) res.destroy();
  else if (opts.api) sendError(res, new AppError('INTERNAL', `internal error; see the server log for request ${requestId}`), requestId);
  else res.writeHead(500, { 'content-type': 'text/plain', 'x-request-id': requestId }).end(`Internal Server Error (request ${requestId})`);
}

/** What a route module exports: the direct entries of its route() handlers by method, and every method it has. */
interface RouteExports {
  direct: Record<string, DirectEntry>;
  methods: string[];
}

const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** The methods Next answers for a route exporting `methods`: HEAD with GET, OPTIONS always. */
function allowedMethods(methods: string[]): string {
  return HTTP_METHODS.filter((m) => methods.includes(m) || (m === 'HEAD' && methods.includes('GET')) || m === 'OPTIONS').join(', ');
}

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
          if (!exports) return null;
          const handlers = Object.entries(exports).filter(([m, fn]) => HTTP_METHODS.includes(m) && typeof fn === 'function');
          const direct: Record<string, DirectEntry> = {};
          for (const [m, fn] of handlers) {
            const entry = directEntryOf(fn);
            if (entry) direct[m] = entry;
          }
          return { direct, methods: handlers.map(([m]) => m) };
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

    const span = trace.getActiveSpan();
    span?.updateName(`${method} ${match.route.pattern}`);
    span?.setAttribute('http.route', match.route.pattern);

    // The handler's signal: aborted when the client goes away before its answer is sent, which
    // cancels the upstream requests made for it.
    const client = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) client.abort();
    });
    try {
      await writeAnswer(res, await entry(new IncomingRouteRequest(req), { params: match.params, signal: client.signal }));
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
