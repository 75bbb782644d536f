import { bff, runBench } from './bff-common';

/**
 * (c) BFF memory after 10,000 mixed requests (range and instant PromQL, label look-ups, LogQL,
 * trace services, readiness), 20 at a time. Memory is read from the BFF's own /api/metrics
 * (process_resident_memory_bytes and heap), so the token needs the "metrics" scope.
 */
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 10_000);
const PARALLEL = 20;

async function memory(): Promise<{ rssMb: number; heapMb: number }> {
  const res = await bff('/api/metrics');
  if (!res.ok) throw new Error(`/api/metrics answered HTTP ${res.status}: the token needs the "metrics" scope`);
  const text = await res.text();
  const read = (name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? NaN) / 1024 / 1024;
  return { rssMb: read('sightline_process_resident_memory_bytes'), heapMb: read('sightline_nodejs_heap_size_used_bytes') };
}

function nth(i: number): string {
  const end = Math.floor(Date.now() / 1000);
  const range = `start=${(end - 3600) * 1000}&end=${end * 1000}`;
  switch (i % 7) {
    case 0:
      return `/api/explore/prometheus/query_range?query=${encodeURIComponent(`up * ${i % 50}`)}&${range}&step=15`;
    case 1:
      return `/api/explore/prometheus/query?query=${encodeURIComponent('up')}`;
    case 2:
      return `/api/explore/prometheus/labels`;
    case 3:
      return `/api/explore/loki/query_range?query=${encodeURIComponent('{service_name=~".+"}')}&limit=100&${range}`;
    case 4:
      return `/api/explore/jaeger/services`;
    case 5:
      return `/api/explore/prometheus/label/job/values`;
    default:
      return `/api/ready`;
  }
}

runBench(async () => {
  const before = await memory();
  const statuses = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < TOTAL) {
        const res = await bff(nth(next++));
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  if (typeof globalThis.gc === 'function') globalThis.gc();
  await new Promise((r) => setTimeout(r, 2_000));
  const after = await memory();
  console.log(`${TOTAL} mixed requests in ${secs.toFixed(1)} s (${(TOTAL / secs).toFixed(0)}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`(c) BFF memory: RSS ${before.rssMb.toFixed(0)} MB -> ${after.rssMb.toFixed(0)} MB, heap used ${before.heapMb.toFixed(0)} MB -> ${after.heapMb.toFixed(0)} MB`);
});
