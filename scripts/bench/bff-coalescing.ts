// `npx tsx scripts/bench/bff-coalescing.ts` (BENCH_APP_DIR: a production build; BENCH_REPEATS)
import { bff, bffUpstreamCount, median, panelQueries, prometheusQueryRangeCount } from './bff-common';
import { runWithStack, type BenchStack } from './bff-stack';

/**
 * (b) Upstream requests caused by 100 viewers of the same panel (target ≤ 1 per panel query per
 * refresh interval), counted by Prometheus itself (prometheus_http_requests_total for query_range)
 * and by the BFF (sightline_upstream_requests_total). Two shapes, each with a range no other round
 * uses: 100 requests at once, and 100 viewers whose refreshes are spread over 10 s (the cache, not
 * only in-flight coalescing, must then hold). Also 100 identical explore queries at once. A viewer's
 * window is aligned to the panel's step, so when `now` crosses a step boundary during the spread the
 * later viewers ask for the next window: new data, a new evaluation. Each round therefore counts the
 * distinct windows its answers cover and reports upstream calls per window.
 */
const VIEWERS = 100;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PANEL = 'post-checkout-latency-tail';
const SPREAD_MS = 10_000;

interface Shape {
  name: string;
  /** Upstream queries one evaluation needs (a panel's query count; 1 for explore). */
  perEvaluation: number;
  send: (stack: BenchStack, round: number) => Promise<Answer[]>;
}

/** An answer's status and the window it covers (a panel's aligned window; one key for explore). */
interface Answer {
  status: number;
  window: string;
}

function panelPath(round: number): string {
  // "now-<n>m": a window like a viewer's (relative to now), and a different cache key each round.
  return `/api/dashboards/public-api/panels/${PANEL}?from=now-${90 + round}m&to=now`;
}

const answer = async (res: Promise<Response>): Promise<Answer> => {
  const r = await res;
  const body = (await r.json().catch(() => null)) as { window?: { start: number; end: number } } | null;
  return { status: r.status, window: body?.window ? `${body.window.start}-${body.window.end}` : 'explore' };
};

const SHAPES: Shape[] = [
  {
    name: `${VIEWERS} concurrent viewers of a 2-query panel`,
    perEvaluation: panelQueries(PANEL, 3600_000, Date.now(), 0).queries.length,
    send: (stack, round) => Promise.all(Array.from({ length: VIEWERS }, () => answer(bff(stack, panelPath(round))))),
  },
  {
    name: `${VIEWERS} viewers of a 2-query panel spread over ${SPREAD_MS / 1000} s`,
    perEvaluation: panelQueries(PANEL, 3600_000, Date.now(), 0).queries.length,
    send: (stack, round) =>
      Promise.all(
        Array.from({ length: VIEWERS }, (_, i) =>
          new Promise((r) => setTimeout(r, (i * SPREAD_MS) / VIEWERS)).then(() => answer(bff(stack, panelPath(round + 60)))),
        ),
      ),
  },
  {
    name: `${VIEWERS} concurrent identical explore range queries`,
    perEvaluation: 1,
    send: (stack, round) => {
      const end = Math.floor(Date.now() / 1000) - round * 7;
      const qs = new URLSearchParams({ query: `sum(rate(http_server_requests_total[5m])) * ${round + 1}`, start: String((end - 3600) * 1000), end: String(end * 1000), step: '15' });
      return Promise.all(Array.from({ length: VIEWERS }, () => answer(bff(stack, `/api/explore/prometheus/query_range?${qs}`))));
    },
  },
];

runWithStack({ backends: ['prometheus'], history: true }, 10 * 60_000, async (stack) => {
  const summary: string[] = [];
  for (const [s, shape] of SHAPES.entries()) {
    const perWindow: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const round = s * 10 + r;
      const [promBefore, bffBefore] = [await prometheusQueryRangeCount(stack), await bffUpstreamCount(stack)];
      const answers = await shape.send(stack, round);
      const [promAfter, bffAfter] = [await prometheusQueryRangeCount(stack), await bffUpstreamCount(stack)];
      const failed = answers.filter((a) => a.status !== 200).length;
      const windows = new Set(answers.filter((a) => a.status === 200).map((a) => a.window)).size;
      perWindow.push((promAfter - promBefore) / Math.max(1, windows));
      console.log(`${shape.name}, round ${r + 1}: ${promAfter - promBefore} query_range calls seen by Prometheus, ${bffAfter - bffBefore} upstream calls counted by the BFF, for ${windows} distinct window(s) (${failed} non-200 answers)`);
    }
    summary.push(`(b) ${shape.name}: median ${median(perWindow)} upstream query_range calls per window, max ${Math.max(...perWindow)} (${shape.perEvaluation} per evaluation; target <= ${shape.perEvaluation})`);
  }
  console.log(summary.join('\n'));
});
