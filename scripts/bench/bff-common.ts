/**
 * Shared set-up of the BFF benchmarks: where the running app and Prometheus are, and the token.
 *   BFF_URL (default http://127.0.0.1:3000), BFF_TOKEN (required: `npm run token -- create --name bench
 *   --role developer --scopes api,metrics`, last stdout line), PROMETHEUS_URL (default :9090).
 */

// Benchmark tooling, not the app: it reads its own environment.
export const BFF_URL = (process.env.BFF_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
export const PROMETHEUS_URL = (process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090').replace(/\/+$/, '');
const token = process.env.BFF_TOKEN;

/** Fetches from the BFF with the bench token and a 30 s time box. */
export async function bff(path: string): Promise<Response> {
  if (!token) throw new Error('set BFF_TOKEN (npm run token -- create --name bench --role developer --scopes api,metrics)');
  return fetch(`${BFF_URL}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
}

/** The median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** How many range queries Prometheus itself has served (its own counter, so it counts real upstream calls). */
export async function prometheusQueryRangeCount(): Promise<number> {
  const text = await (await fetch(`${PROMETHEUS_URL}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith('prometheus_http_requests_total{') && l.includes('handler="/api/v1/query_range"') && l.includes('code="200"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Runs `fn` and exits 1 with its message on failure. */
export function runBench(fn: () => Promise<void>): void {
  fn().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
