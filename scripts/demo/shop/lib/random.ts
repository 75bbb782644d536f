/** Small random helpers for realistic latencies and outcomes in the demo shop. */

/** Resolves after ms milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A standard normal sample (Box-Muller). */
function sampleNormal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal latency in ms with the given median and spread (sigma of the log), capped at maxMs. */
export function sampleLatencyMs(medianMs: number, sigma = 0.5, maxMs = 10_000): number {
  return Math.min(maxMs, medianMs * Math.exp(sigma * sampleNormal()));
}

/** Sleeps for a log-normal latency; see sampleLatencyMs. */
export function simulateWork(medianMs: number, sigma = 0.5): Promise<void> {
  return sleep(sampleLatencyMs(medianMs, sigma));
}

/** True with probability p. */
export function chance(p: number): boolean {
  return Math.random() < p;
}

/** One element of a non-empty array, uniformly. */
export function pickOne<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}
