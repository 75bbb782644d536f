// `npx tsx scripts/bench/bff-floor.ts` (BENCH_APP_DIR: a production build; BENCH_FLOOR_N requests per line, default 200)
import http from 'node:http';
import zlib from 'node:zlib';
import { bff, median } from './bff-common';
import { runWithStack } from './bff-stack';

/**
 * The fixed per-request cost under benchmark (a): the same 15 bytes from a bare node:http server and
 * from Sightline's server (/api/health: Next's routing plus our route() wrapper, no auth, no upstream),
 * next to a trivial range query straight to Prometheus, through a thin node:http proxy (the same
 * upstream call over keep-alive, JSON parsed and serialized again, gzip level 1: what any Node BFF
 * must do at least) and through the BFF. Sequential keep-alive fetches with fetch's default
 * Accept-Encoding; prints the median of each, twice.
 */
const N = Number(process.env.BENCH_FLOOR_N ?? 200);
const WARMUP = 10;
const QUERY = 'sum by (job) (rate(prometheus_http_requests_total[1m]))';

/** A GET over `agent`, the whole body as a string (unencoded: the proxy asks for identity). */
function getText(url: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { accept: 'application/json', 'accept-encoding': 'identity' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The thin proxy: Prometheus' range API at `/`, re-serialized and gzipped when the client accepts it. */
function startThinProxy(prometheusUrl: string): Promise<http.Server> {
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    getText(`${prometheusUrl}/api/v1/query_range${new URL(req.url ?? '/', 'http://proxy').search}`, agent).then((text) => {
      const body = Buffer.from(JSON.stringify(JSON.parse(text)));
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && body.length >= 1024;
      const out = gzip ? zlib.gzipSync(body, { level: 1 }) : body;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(out);
    }, (err: unknown) => res.writeHead(502).end(String(err)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function report(label: string, fn: () => Promise<Response>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const t0 = performance.now();
    const res = await fn();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    if (i >= WARMUP) ms.push(performance.now() - t0);
  }
  console.log(`${label}: median ${median(ms).toFixed(3)} ms`);
}

runWithStack({ backends: ['prometheus'] }, 5 * 60_000, async (stack) => {
  const body = JSON.stringify({ status: 'ok' });
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const proxy = await startThinProxy(stack.prometheusUrl);
  const proxyPort = (proxy.address() as { port: number }).port;
  const endMs = Math.floor(Date.now() / 15_000) * 15_000;
  let shift = 0;
  // Every request a different range (one step further back), so no cache answers it.
  const range = (unit: 's' | 'ms') => {
    shift++;
    const end = endMs - shift * 15_000;
    const t = (ms: number) => (unit === 's' ? (ms / 1000).toFixed(3) : String(ms));
    return new URLSearchParams({ query: QUERY, start: t(end - 3600_000), end: t(end), step: '15' });
  };
  try {
    for (let pass = 1; pass <= 2; pass++) {
      await report(`pass ${pass}, bare node:http, same bytes`, () => fetch(`http://127.0.0.1:${port}/`));
      await report(`pass ${pass}, Sightline's server /api/health`, () => fetch(`${stack.bffUrl}/api/health`));
      await report(`pass ${pass}, Prometheus trivial range query`, () => fetch(`${stack.prometheusUrl}/api/v1/query_range?${range('s')}`));
      await report(`pass ${pass}, thin node:http proxy, same query`, () => fetch(`http://127.0.0.1:${proxyPort}/?${range('s')}`));
      await report(`pass ${pass}, BFF explore, same query`, () => bff(stack, `/api/explore/prometheus/query_range?${range('ms')}`));
    }
  } finally {
    server.close();
    proxy.close();
  }
});
