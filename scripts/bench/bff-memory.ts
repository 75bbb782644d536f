// `npx tsx --experimental-websocket scripts/bench/bff-memory.ts` (BENCH_APP_DIR: a production build; BENCH_REQUESTS, BENCH_BATCHES)
import { bff, sumSamples } from './bff-common';
import { forceGc, runWithStack, type BenchStack } from './bff-stack';

/**
 * (c) BFF memory after batches of 10,000 mixed requests (range and instant PromQL, label look-ups,
 * LogQL, trace services, readiness and dashboard panels), 20 at a time, against real Prometheus,
 * Alertmanager, Jaeger and Loki. After each batch the BFF's V8 is asked to collect garbage through
 * the inspector (needs Node's WebSocket: run with --experimental-websocket on Node 20), then RSS
 * and heap used are read from the BFF's /api/metrics. Growth from the second batch on would
 * mean a leak; the first batch warms caches and compiled code. Each batch is measured at once and
 * again after 35 s idle (past the explore deadline and the panel cache TTL).
 */
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 10_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 2);
const PARALLEL = 20;
const IDLE_MS = 35_000;

async function memory(stack: BenchStack): Promise<{ rssMb: number; heapMb: number; gc: boolean }> {
  const gc = stack.inspectPort ? await forceGc(stack.inspectPort) : false;
  await new Promise((r) => setTimeout(r, 1_000));
  const res = await bff(stack, '/api/metrics');
  if (!res.ok) throw new Error(`/api/metrics answered HTTP ${res.status}: the token needs the "metrics" scope`);
  const text = await res.text();
  const mb = (name: string) => sumSamples(text, name) / 1024 / 1024;
  return { rssMb: mb('sightline_process_resident_memory_bytes'), heapMb: mb('sightline_nodejs_heap_size_used_bytes'), gc };
}

function nth(i: number): string {
  const end = Math.floor(Date.now() / 1000);
  const range = `start=${(end - 3600) * 1000}&end=${end * 1000}`;
  switch (i % 8) {
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
    case 6:
      return `/api/dashboards/public-api/panels/post-checkout-latency-tail?from=now-${1 + (i % 6)}h&to=now`;
    default:
      return `/api/ready`;
  }
}

async function batch(stack: BenchStack): Promise<string> {
  const statuses = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < TOTAL) {
        const res = await bff(stack, nth(next++));
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return `${TOTAL} mixed requests in ${secs.toFixed(1)} s (${(TOTAL / secs).toFixed(0)}/s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`;
}

runWithStack({ backends: ['prometheus', 'alertmanager', 'jaeger', 'loki'], history: true, inspect: true }, 20 * 60_000, async (stack) => {
  const fmt = (m: { rssMb: number; heapMb: number }) => `RSS ${m.rssMb.toFixed(0)} MB, heap used ${m.heapMb.toFixed(0)} MB`;
  const start = await memory(stack);
  console.log(`start (${start.gc ? 'after a forced GC' : 'no forced GC: run with --experimental-websocket'}): ${fmt(start)}`);
  const after: string[] = [];
  for (let b = 1; b <= BATCHES; b++) {
    console.log(`batch ${b}: ${await batch(stack)}`);
    const m = await memory(stack);
    console.log(`batch ${b} done (${m.gc ? 'after a forced GC' : 'no forced GC'}): ${fmt(m)}`);
    // Past the explore deadline and the panel cache's TTL: what is still held now is kept for good.
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = await memory(stack);
    after.push(`after ${b * TOTAL}: ${fmt(m)}, ${IDLE_MS / 1000} s later ${fmt(idle)}`);
    console.log(`batch ${b}, ${IDLE_MS / 1000} s idle later: ${fmt(idle)}`);
  }
  console.log(`(c) BFF memory: start ${fmt(start)}; ${after.join('; ')}`);
});
