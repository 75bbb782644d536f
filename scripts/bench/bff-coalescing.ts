import { bff, prometheusQueryRangeCount, runBench } from './bff-common';

/**
 * (b) Upstream requests caused by 100 concurrent identical requests to the BFF, counted by
 * Prometheus itself (target ≤ 2). Repeated a few times with a fresh query each time.
 */
const CONCURRENCY = 100;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

runBench(async () => {
  const counts: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const end = Math.floor(Date.now() / 1000) - r * 7;
    const qs = new URLSearchParams({ query: `sum(rate(prometheus_http_requests_total[1m])) * ${r + 1}`, start: String((end - 3600) * 1000), end: String(end * 1000), step: '15' });
    const before = await prometheusQueryRangeCount();
    const answers = await Promise.all(Array.from({ length: CONCURRENCY }, () => bff(`/api/explore/prometheus/query_range?${qs}`).then((res) => res.status)));
    const after = await prometheusQueryRangeCount();
    const failed = answers.filter((s) => s !== 200).length;
    counts.push(after - before);
    console.log(`round ${r + 1}: ${CONCURRENCY} concurrent identical requests -> ${after - before} upstream query_range calls (${failed} non-200 answers)`);
  }
  console.log(`(b) upstream requests per 100 concurrent identical requests: max ${Math.max(...counts)}, median ${counts.sort((a, b) => a - b)[Math.floor(counts.length / 2)]} (target <= 2)`);
});
