// `npm start [-- -p <port>] [-H <hostname>]` runs this, bundled by `npm run build` (scripts/lib/app-server.ts).
import http from 'node:http';
import { parseArgs } from 'node:util';
import path from 'node:path';
import compression from 'compression';
import { settleForwardedHeaders, trustsProxy } from './client-address';
import { nameRequestSpan } from '../observability/request-span';
import { DirectApi } from './direct-api';
import { PageRoutes } from './page-routes';
import { sendAnswerWhole } from './whole-answers';
import { answerFailure } from './write-answer';

/**
 * Sightline's HTTP server in production: Next.js (pages and the BFF's API routes) behind a node:http
 * server that owns how answers are encoded. The BFF's API routes are called without Next's router
 * (lib/server/direct-api.ts). API answers (/api/...) go out whole, in one write
 * (lib/server/whole-answers.ts); pages, their streamed React payloads and static files keep streamed
 * compression by the `compression` middleware, the one `next start` uses, which next.config.mjs
 * turns off inside Next so that nothing is encoded twice. Flags as `next start`: -p/--port (else
 * PORT, else 3000) and -H/--hostname (else HOSTNAME, else 0.0.0.0); it serves the app of its working
 * directory. Forwarding headers are kept only behind a trusted proxy (TRUST_PROXY; see
 * lib/server/client-address.ts). SIGTERM and SIGINT stop taking connections, let answers in flight finish (10 s at most)
 * and close Next.
 */

const SHUTDOWN_GRACE_MS = 10_000;

const isApiPath = (url: string | undefined) => url !== undefined && (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?'));

/**
 * The `compression` middleware never ends its zlib stream when the client goes away first, and the
 * stream then outlives the response: destroy it (its `on('drain')` hands back the zlib stream while
 * it is compressing, the handle `next start` uses for the same clean-up).
 */
function releaseAbandonedCompression(res: http.ServerResponse): void {
  res.once('close', () => {
    if (res.writableFinished) return;
    const noop = () => undefined;
    const target: unknown = res.on('drain', noop);
    res.off('drain', noop);
    if (target !== res && target && typeof (target as { destroy?: unknown }).destroy === 'function') (target as { destroy: () => void }).destroy();
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${values.port ?? process.env.PORT}`);
  // As `next start` does, before Next is loaded: it reads NODE_ENV as it loads.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
  const { default: next } = await import('next');

  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const compressStreamed = compression();
  const distDir = path.join(process.cwd(), '.next');
  const directApi = DirectApi.forBuild(distDir);
  const pages = PageRoutes.fromBuild(distDir);
  const trustProxy = trustsProxy(process.env.TRUST_PROXY);

  // Logged as a JSON line with the request's ID (lib/observability/log.ts), which the 500 names.
  const failed = (req: http.IncomingMessage, res: http.ServerResponse) => (err: unknown) => answerFailure(req, res, err, { api: isApiPath(req.url) });
  const byNext = (req: http.IncomingMessage, res: http.ServerResponse) => handle(req, res).catch(failed(req, res));

  const server = http.createServer((req, res) => {
    settleForwardedHeaders(req, trustProxy);
    if (isApiPath(req.url)) {
      sendAnswerWhole(req, res, req.headers['accept-encoding']);
      directApi.answer(req, res).then((answered) => (answered ? undefined : byNext(req, res)), failed(req, res));
      return;
    }
    // Matched only when the request has a span: never without tracing, nor for the static files tracing ignores.
    nameRequestSpan(req.method ?? 'GET', () => pages.patternOf((req.url ?? '/').split('?', 1)[0]!));
    // Casts: the middleware is typed for Express but uses only Node's request and response; it
    // wraps the response, and its `next` callback has nothing to do here.
    compressStreamed(req as Parameters<typeof compressStreamed>[0], res as Parameters<typeof compressStreamed>[1], () => undefined);
    releaseAbandonedCompression(res);
    void byNext(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, resolve);
  });
  const address = server.address();
  const shown = typeof address === 'object' && address ? `http://${hostname}:${address.port}` : String(address);
  process.stdout.write(`Sightline listening on ${shown}\n`);

  let stopping = false;
  const stop = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(exitCode), SHUTDOWN_GRACE_MS).unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    void Promise.allSettled([closed, app.close()]).then(() => process.exit(exitCode));
  };
  process.once('SIGTERM', () => stop(143));
  process.once('SIGINT', () => stop(130));
}

main().catch((err: unknown) => {
  process.stderr.write(`Sightline could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
