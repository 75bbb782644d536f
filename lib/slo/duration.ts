/** Prometheus duration strings (`5m`, `1h`, `3d`, `1h12m`) to and from milliseconds. */
import { parseDuration } from '@/lib/dashboards/time';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const ORDER = ['w', 'd', 'h', 'm', 's', 'ms'] as const;

/** Parses a Prometheus duration such as `1h30m` into milliseconds; throws on anything else. */
export function parsePromDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms === null || !(ms > 0)) throw new Error(`not a Prometheus duration: "${text}"`);
  return ms;
}

/** Formats whole milliseconds as the shortest Prometheus duration, e.g. 4_320_000 → `1h12m`. */
export function formatPromDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`duration must be a positive whole number of ms, got ${ms}`);
  let rest = ms;
  let out = '';
  for (const unit of ORDER) {
    const size = UNIT_MS[unit] ?? 1;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
