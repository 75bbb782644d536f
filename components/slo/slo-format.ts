/** Formatting for the SLO pages; null is always "no data" and prints as such, never as 0. The sentences' formatters live with them in lib/slo/describe. */

export { describeExhaustion, describeOutageLeft, formatAllowedFailures, formatApproxDuration, formatBudgetLeft, formatBudgetShare, formatSliFor, formatSliPercent } from '@/lib/slo/describe';

/** A burn rate as a multiple of the sustainable rate: 2.345 → "2.3×", 14.4 → "14.4×", 6 → "6×". */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) return 'no data';
  return `${Number(rate.toFixed(rate >= 100 ? 0 : 1)).toLocaleString('en-US')}×`;
}

/** A whole-number event count with thousands separators: 12345.6 → "12,346". */
export function formatEvents(n: number | null): string {
  return n === null ? 'no data' : Math.round(n).toLocaleString('en-US');
}

/** An epoch-ms time in UTC, minute precision: "2026-11-21 14:05 UTC". */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A duration in ms in short words: "12 min", "2 h 5 min", "40 s". */
export function formatSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}
