// `npx tsx scripts/bench/bff-floor.ts` (BENCH_APP_DIR: a production build; BENCH_FLOOR_N rounds per pass, default 1,000)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bff, median, TRIVIAL as QUERY } from './bff-common';
import { runWithStack } from './bff-stack';

/**
 * Where benchmark (a)'s trivial query sits between what any Node proxy costs and what Sightline
 * costs. Each round times, one after the other: the 15 bytes of /api/health from a bare node:http
 * server and from Sightline's server (dispatch, route(), metrics, log; no auth, no upstream), then a
 * trivial range query straight to Prometheus, through a thin node:http proxy and through the BFF's
 * explore endpoint (bearer token, validation, audit, breaker, bulkhead, the neutral types and back).
 * The reference servers run in a process of their own (floor-servers.ts), as the BFF does.
 * Sequential keep-alive fetches with fetch's default Accept-Encoding; each pass prints medians, and
 * the query's ratios to Prometheus.
 */
const N = Number(process.env.BENCH_FLOOR_N ?? 1000);
const WARMUP = 200;
const PASSES = 3;

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${res.url}`);
  return performance.now() - t0;
}

runWithStack({ backends: ['prometheus'], history: true }, 10 * 60_000, async (stack) => {
  const tsx = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(import.meta.dirname, 'floor-servers.ts'), stack.prometheusUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const ports = await new Promise<{ bare: number; proxy: number }>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`floor-servers.ts exited (${code})`)));
      child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(String(d)) as { bare: number; proxy: number }));
    });
    const endMs = Math.floor(Date.now() / 15_000) * 15_000;
    let shift = 0;
    // Every request a different range (one step further back), so that no cache answers it.
    const range = (unit: 's' | 'ms') => {
      shift++;
      const end = endMs - shift * 15_000;
      const t = (ms: number) => (unit === 's' ? (ms / 1000).toFixed(3) : String(ms));
      return new URLSearchParams({ query: QUERY, start: t(end - 3600_000), end: t(end), step: '15' });
    };
    const lines = {
      bare: () => fetch(`http://127.0.0.1:${ports.bare}/`),
      health: () => fetch(`${stack.bffUrl}/api/health`),
      prometheus: () => fetch(`${stack.prometheusUrl}/api/v1/query_range?${range('s')}`),
      proxy: () => fetch(`http://127.0.0.1:${ports.proxy}/?${range('s')}`),
      bff: () => bff(stack, `/api/explore/prometheus/query_range?${range('ms')}`),
    };
    for (let pass = 1; pass <= PASSES; pass++) {
      const ms: Record<keyof typeof lines, number[]> = { bare: [], health: [], prometheus: [], proxy: [], bff: [] };
      for (let i = 0; i < (pass === 1 ? WARMUP : 0) + N; i++) {
        for (const [name, fn] of Object.entries(lines) as [keyof typeof lines, () => Promise<Response>][]) {
          const t = await timed(fn);
          if (pass > 1 || i >= WARMUP) ms[name].push(t);
        }
      }
      const m = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)])) as Record<keyof typeof lines, number>;
      console.log(
        `pass ${pass}: 15 bytes from bare node:http ${m.bare.toFixed(3)} ms, from Sightline's /api/health ${m.health.toFixed(3)} ms; ` +
          `trivial range query: Prometheus ${m.prometheus.toFixed(3)} ms, thin node:http proxy ${m.proxy.toFixed(3)} ms (ratio ${(m.proxy / m.prometheus).toFixed(2)}), ` +
          `BFF explore ${m.bff.toFixed(3)} ms (ratio ${(m.bff / m.prometheus).toFixed(2)})`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }
});
