// `npx tsx scripts/bench/bff-floor.ts` (BENCH_APP_DIR: a production build; BENCH_FLOOR_N requests per line, default 200)
import http from 'node:http';
import { bff, median } from './bff-common';
import { runWithStack } from './bff-stack';

/**
 * The fixed per-request cost under benchmark (a): the same 15 bytes from a bare node:http server and
 * from Sightline's server (/api/health: Next's routing plus our route() wrapper, no auth, no upstream),
 * next to a trivial range query straight to Prometheus and through the BFF. Sequential keep-alive
 * fetches with fetch's default Accept-Encoding; prints the median of each, twice.
 */
const N = Number(process.env.BENCH_FLOOR_N ?? 200);
const WARMUP = 10;
const QUERY = 'sum by (job) (rate(prometheus_http_requests_total[1m]))';

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
      await report(`pass ${pass}, BFF explore, same query`, () => bff(stack, `/api/explore/prometheus/query_range?${range('ms')}`));
    }
  } finally {
    server.close();
  }
});
