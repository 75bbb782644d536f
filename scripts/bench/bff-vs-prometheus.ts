// `npx tsx scripts/bench/bff-vs-prometheus.ts` (BENCH_APP_DIR: a production build; BENCH_RUNS, BENCH_ROUNDS, BENCH_WARMUP_ROUNDS; BENCH_CASES: a regex of case names)
import { bff, median, panelQueries, prometheusRequestsByHandler, promExemplars, promRange, TRIVIAL } from './bff-common';
import { runWithStack, type BenchStack } from './bff-stack';

/**
 * (a) A range query through the BFF vs the same query straight to Prometheus (target: median ratio
 * ≤ 1.1), against a Prometheus holding a day of the demo shop's metrics. Four cases: a trivial query
 * and a realistic dashboard query through the explore endpoint, and a one-query and a two-histogram
 * panel of the public-api dashboard through the panel endpoint (compared with the same queries sent
 * to Prometheus in parallel, as the panel does). Every round shifts the range back by one step, so
 * neither the BFF's panel cache nor Prometheus' answers a repeated query. Rounds alternate which side
 * goes first; each run prints its medians and ratio, then the median over runs. After its runs, each
 * case checks that it compares like with like: Prometheus' own request counters, read around a few
 * rounds of each side alone, must show the same upstream requests (query_range, rules, ...) per round.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 3;
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 100);
const SIX_HOURS = 6 * 3600_000;

async function timed(fn: () => Promise<Response[]>): Promise<number> {
  const t0 = performance.now();
  const all = await fn();
  for (const res of all) {
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${res.url}`);
  }
  return performance.now() - t0;
}

interface Case {
  name: string;
  /** Requests for round `i`: straight to Prometheus, and the same through the BFF. */
  round: (stack: BenchStack, i: number, nowMs: number) => { direct: () => Promise<Response[]>; viaBff: () => Promise<Response[]> };
}

function exploreCase(name: string, query: string, rangeMs: number, stepSeconds: number): Case {
  return {
    name,
    round: (stack, i, nowMs) => {
      const stepMs = stepSeconds * 1000;
      const endMs = Math.floor(nowMs / stepMs) * stepMs - i * stepMs;
      const q = { query, startMs: endMs - rangeMs, endMs, stepSeconds };
      const qs = new URLSearchParams({ query, start: String(q.startMs), end: String(q.endMs), step: String(stepSeconds) });
      return { direct: () => Promise.all([promRange(stack, q)]), viaBff: () => Promise.all([bff(stack, `/api/explore/prometheus/query_range?${qs}`)]) };
    },
  };
}

function panelCase(name: string, panelId: string): Case {
  return {
    name,
    round: (stack, i, nowMs) => {
      const p = panelQueries(panelId, SIX_HOURS, nowMs, i);
      const qs = new URLSearchParams({ from: String(p.from), to: String(p.to) });
      // Everything the panel asks Prometheus for, in parallel as the panel does: range queries and, with exemplars on, their exemplars.
      const direct = () => Promise.all([...p.queries.map((q) => promRange(stack, q)), ...p.exemplarQueries.map((q) => promExemplars(stack, q))]);
      return { direct, viaBff: () => Promise.all([bff(stack, `/api/dashboards/public-api/panels/${panelId}?${qs}`)]) };
    },
  };
}

const REALISTIC = 'histogram_quantile(0.99, sum by (le, route) (rate(http_server_request_duration_seconds_bucket[5m])))';
/** The public-api dashboard's step for 6 hours (its maxPoints spread over the range, rounded up). */
const DASHBOARD_STEP_S = panelQueries('post-checkout-errors', SIX_HOURS, Date.now(), 0).stepSeconds;
const ALL_CASES: Case[] = [
  exploreCase('explore, trivial (1h at 15s)', TRIVIAL, 3600_000, 15),
  exploreCase('explore, realistic (p99 by route, 6h at the dashboard step)', REALISTIC, SIX_HOURS, DASHBOARD_STEP_S),
  panelCase('panel, 1 query (post-checkout-errors, 6h)', 'post-checkout-errors'),
  panelCase('panel, 2 histogram queries (post-checkout-latency-tail, 6h)', 'post-checkout-latency-tail'),
];

async function measure(stack: BenchStack, c: Case, run: number): Promise<{ direct: number; viaBff: number }> {
  const direct: number[] = [];
  const viaBff: number[] = [];
  const nowMs = Date.now();
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    // Each run starts further back so that no run repeats another's ranges.
    const r = c.round(stack, run * (ROUNDS + WARMUP) + i, nowMs);
    let d: number;
    let b: number;
    if (i % 2 === 0) {
      d = await timed(r.direct);
      b = await timed(r.viaBff);
    } else {
      b = await timed(r.viaBff);
      d = await timed(r.direct);
    }
    if (i >= WARMUP) {
      direct.push(d);
      viaBff.push(b);
    }
  }
  return { direct: median(direct), viaBff: median(viaBff) };
}

const CHECK_ROUNDS = 5;

/** Untimed rounds of both sides, on ranges past every measured and checked round. */
async function warmUp(stack: BenchStack, c: Case): Promise<void> {
  const first = RUNS * (ROUNDS + WARMUP) + 2 * CHECK_ROUNDS;
  const nowMs = Date.now();
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    const r = c.round(stack, first + i, nowMs);
    await timed(r.direct);
    await timed(r.viaBff);
  }
}

/** Upstream requests per round that Prometheus served for one side, by handler ("query_range: 2"). */
async function countUpstream(stack: BenchStack, c: Case, side: 'direct' | 'viaBff', firstRound: number): Promise<string> {
  const before = await prometheusRequestsByHandler(stack);
  const nowMs = Date.now();
  for (let i = 0; i < CHECK_ROUNDS; i++) await timed(c.round(stack, firstRound + i, nowMs)[side]);
  const after = await prometheusRequestsByHandler(stack);
  const perRound = [...after].map(([h, n]) => [h.replace('/api/v1/', ''), (n - (before.get(h) ?? 0)) / CHECK_ROUNDS] as const).filter(([, n]) => n > 0);
  return perRound.map(([h, n]) => `${h}: ${n}`).sort().join(', ') || 'none';
}

/** Says which upstream requests each side made per round, loudly when they differ (the ratio then compares unlike work). */
async function checkLikeWithLike(stack: BenchStack, c: Case): Promise<string> {
  // Past every measured round, so neither the BFF's panel cache nor Prometheus has seen these ranges.
  const first = RUNS * (ROUNDS + WARMUP);
  const direct = await countUpstream(stack, c, 'direct', first);
  const viaBff = await countUpstream(stack, c, 'viaBff', first + CHECK_ROUNDS);
  if (direct !== viaBff) return `NOT LIKE WITH LIKE: upstream requests per round, direct ${direct}, BFF ${viaBff}`;
  return `upstream requests per round, both sides: ${direct}`;
}

const CASES = ALL_CASES.filter((c) => new RegExp(process.env.BENCH_CASES ?? '').test(c.name));

runWithStack({ backends: ['prometheus'], history: true }, 15 * 60_000, async (stack) => {
  const summary: string[] = [];
  for (const c of CASES) {
    const ratios: number[] = [];
    const directs: number[] = [];
    const viaBffs: number[] = [];
    await warmUp(stack, c);
    for (let run = 0; run < RUNS; run++) {
      const m = await measure(stack, c, run);
      ratios.push(m.viaBff / m.direct);
      directs.push(m.direct);
      viaBffs.push(m.viaBff);
      console.log(`${c.name}, run ${run + 1}: Prometheus ${m.direct.toFixed(2)} ms, BFF ${m.viaBff.toFixed(2)} ms, ratio ${(m.viaBff / m.direct).toFixed(2)}`);
    }
    const upstream = await checkLikeWithLike(stack, c);
    summary.push(`(a) ${c.name}: Prometheus ${median(directs).toFixed(2)} ms, BFF ${median(viaBffs).toFixed(2)} ms, median ratio ${median(ratios).toFixed(2)} (runs: ${ratios.map((r) => r.toFixed(2)).join(' ')}; target <= 1.1; ${upstream})`);
  }
  console.log(summary.join('\n'));
});
