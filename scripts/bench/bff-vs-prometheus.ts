import { bff, median, PROMETHEUS_URL, runBench } from './bff-common';

/**
 * (a) A range query through the BFF explore endpoint vs the same query straight to Prometheus.
 * Interleaved rounds, medians of each, ratio printed (target ≤ 1.2). Each round uses a fresh end
 * time so neither side is served from a cache.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const QUERY = process.env.BENCH_QUERY ?? 'sum by (job) (rate(prometheus_http_requests_total[1m]))';

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${res.url}`);
  return performance.now() - t0;
}

runBench(async () => {
  const direct: number[] = [];
  const viaBff: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const end = Math.floor(Date.now() / 1000) - i;
    const start = end - 3600;
    const form = new URLSearchParams({ query: QUERY, start: String(start), end: String(end), step: '15' });
    const d = await timed(() => fetch(`${PROMETHEUS_URL}/api/v1/query_range`, { method: 'POST', body: form, signal: AbortSignal.timeout(30_000) }));
    const qs = new URLSearchParams({ query: QUERY, start: String(start * 1000), end: String(end * 1000), step: '15' });
    const b = await timed(() => bff(`/api/explore/prometheus/query_range?${qs}`));
    if (i >= 3) {
      // the first rounds warm connections and JIT on both sides
      direct.push(d);
      viaBff.push(b);
    }
  }
  const md = median(direct);
  const mb = median(viaBff);
  console.log(`range query, ${ROUNDS} rounds: Prometheus median ${md.toFixed(1)} ms, BFF median ${mb.toFixed(1)} ms`);
  console.log(`(a) median ratio BFF/Prometheus = ${(mb / md).toFixed(2)} (target <= 1.2)`);
});
