import { formatPromDuration, parsePromDuration } from './duration';
import type { Slo } from './schema';

/** One resolved multiwindow burn-rate alert of an SLO. */
export interface BurnRateWindow {
  severity: 'page' | 'ticket';
  /** Prometheus durations as written in the rules, e.g. `1h` and `5m`. */
  longWindow: string;
  shortWindow: string;
  longMs: number;
  shortMs: number;
  /** Alert when both windows burn faster than this (1 = budget lasts exactly the period). */
  burnRate: number;
  /** Share of the period's budget spent in the long window when the alert fires. */
  budgetFraction: number;
}

/**
 * The SRE Workbook's multiwindow, multi-burn-rate table (ch. 5), as budget fractions so it
 * scales to any period: page on 2% in 1h or 5% in 6h, ticket on 10% in 3d.
 * For a 30-day period the factors are exactly 14.4, 6 and 1.
 */
export const DEFAULT_BURN_RATE_POLICY = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetFraction: 0.02 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetFraction: 0.05 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetFraction: 0.1 },
] as const;

// Factors and fractions are rounded to 1e-9 so 0.02 × 720 prints as 14.4, not 14.399999999999999.
const roundNice = (x: number): number => Math.round(x * 1e9) / 1e9;

/** Milliseconds in the SLO's rolling window. */
export function getPeriodMs(slo: Pick<Slo, 'window'>): number {
  return slo.window.days * 86_400_000;
}

/** Resolves the SLO's alert policy (its override or the default), with factor = fraction × period / long window. */
export function resolveBurnRatePolicy(slo: Pick<Slo, 'window' | 'alerting'>): BurnRateWindow[] {
  const periodMs = getPeriodMs(slo);
  const entries = slo.alerting ?? DEFAULT_BURN_RATE_POLICY;
  return entries.map((entry) => {
    const longMs = parsePromDuration(entry.longWindow);
    const shortMs = parsePromDuration(entry.shortWindow);
    if (shortMs >= longMs) throw new Error(`short window ${entry.shortWindow} must be shorter than long window ${entry.longWindow}`);
    const burnRate = 'burnRate' in entry ? entry.burnRate : roundNice((entry.budgetFraction * periodMs) / longMs);
    const budgetFraction = 'budgetFraction' in entry ? entry.budgetFraction : roundNice((entry.burnRate * longMs) / periodMs);
    return { severity: entry.severity, longWindow: entry.longWindow, shortWindow: entry.shortWindow, longMs, shortMs, burnRate, budgetFraction };
  });
}

/** Divides every window by `timeScale` (compressed-timeline tests); burn-rate factors stay the same. */
export function scaleBurnRatePolicy(windows: BurnRateWindow[], timeScale: number): BurnRateWindow[] {
  if (!(timeScale >= 1)) throw new Error(`time scale must be >= 1, got ${timeScale}`);
  return windows.map((w) => {
    const longMs = Math.max(1, Math.round(w.longMs / timeScale));
    const shortMs = Math.max(1, Math.round(w.shortMs / timeScale));
    return { ...w, longMs, shortMs, longWindow: formatPromDuration(longMs), shortWindow: formatPromDuration(shortMs) };
  });
}
