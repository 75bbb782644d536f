import { formatPromDuration, parsePromDuration } from './duration';
import { computeBudgetFraction } from './math';
import type { Slo } from './schema';

/** One resolved multiwindow burn-rate alert of an SLO. */
export interface BurnRateWindow {
  severity: 'page' | 'ticket';
  /**
   * Canonical Prometheus durations (the shortest spelling: `60m` → `1h`), so the recording rules,
   * the alerts that read them and the alert names all agree on one name per duration.
   */
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
 * For a 30-day period the factors are exactly 14.4, 6 and 1; for 28 days 13.44, 5.6 and 0.93.
 */
export const DEFAULT_BURN_RATE_POLICY = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetFraction: 0.02 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetFraction: 0.05 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetFraction: 0.1 },
] as const;

const DAY_MS = 86_400_000;
/**
 * Below four weeks the default windows shrink with the period (Pyrra's convention, windows ∝
 * period / 28 d, whole minutes), so every period keeps the 28-day factors. Unscaled, a 7-day SLO
 * would open tickets at 0.23× over 3 days (43% of its window), a burn that never spends its budget.
 */
const WINDOW_SCALE_BASE_MS = 28 * DAY_MS;
const MINUTE_MS = 60_000;

// Factors and fractions are rounded to 1e-9 so 0.02 × 720 prints as 14.4, not 14.399999999999999.
const roundNice = (x: number): number => Math.round(x * 1e9) / 1e9;

/** Milliseconds in the SLO's rolling window. */
export function getPeriodMs(slo: Pick<Slo, 'window'>): number {
  return slo.window.days * DAY_MS;
}

/** A problem of an SLO's alert policy, located by its path in the definition file. */
export interface PolicyProblem {
  path: (string | number)[];
  message: string;
}

function resolveEntries(slo: Pick<Slo, 'window' | 'alerting'>): BurnRateWindow[] {
  const periodMs = getPeriodMs(slo);
  const scale = slo.alerting ? 1 : Math.min(1, periodMs / WINDOW_SCALE_BASE_MS);
  const scaled = (ms: number): number => (scale === 1 ? ms : Math.max(MINUTE_MS, Math.round((ms * scale) / MINUTE_MS) * MINUTE_MS));
  return (slo.alerting ?? DEFAULT_BURN_RATE_POLICY).map((entry) => {
    const longMs = scaled(parsePromDuration(entry.longWindow));
    const shortMs = scaled(parsePromDuration(entry.shortWindow));
    const burnRate = 'burnRate' in entry ? entry.burnRate : roundNice((entry.budgetFraction * periodMs) / longMs);
    const budgetFraction = 'budgetFraction' in entry ? entry.budgetFraction : roundNice((entry.burnRate * longMs) / periodMs);
    return { severity: entry.severity, longWindow: formatPromDuration(longMs), shortWindow: formatPromDuration(shortMs), longMs, shortMs, burnRate, budgetFraction };
  });
}

// A window as the file writes it, with its canonical name when that differs: "60m (= 1h)".
const asWritten = (text: string | undefined, canonical: string): string => (text === undefined || text === canonical ? canonical : `${text} (= ${canonical})`);

function findWindowProblems(slo: Pick<Slo, 'alerting'>, windows: BurnRateWindow[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const firstWithLong = new Map<number, number>();
  windows.forEach((w, i) => {
    const long = asWritten(slo.alerting?.[i]?.longWindow, w.longWindow);
    if (w.shortMs >= w.longMs) {
      problems.push({ path: ['alerting', i, 'shortWindow'], message: `must be shorter than the long window ${long}, got ${asWritten(slo.alerting?.[i]?.shortWindow, w.shortWindow)}` });
    }
    const first = firstWithLong.get(w.longMs);
    // Alert names are made from the long window: two alerts with one long window would share a name.
    if (first !== undefined) problems.push({ path: ['alerting', i, 'longWindow'], message: `${long} is already the long window of alerting[${first}]; each alert needs its own long window` });
    else firstWithLong.set(w.longMs, i);
  });
  return problems;
}

const formatFactor = (x: number): string => String(Math.round(x * 1000) / 1000);
const formatPct = (fraction: number): string => `${Math.round(fraction * 100_000) / 1000}%`;

/**
 * Everything wrong with an SLO's alert policy (its override or the default): a short window not
 * shorter than its long one, two alerts on one long window, or a burn rate whose error-ratio
 * threshold is 100% or more, so its alert could never fire. Empty when the policy is sound.
 */
export function findAlertPolicyProblems(slo: Pick<Slo, 'window' | 'alerting' | 'objective'>): PolicyProblem[] {
  const windows = resolveEntries(slo);
  const problems = findWindowProblems(slo, windows);
  const budget = computeBudgetFraction(slo.objective);
  windows.forEach((w, i) => {
    const threshold = w.burnRate * budget;
    if (threshold < 1) return;
    const entry = slo.alerting?.[i];
    const path = entry ? ['alerting', i, 'burnRate' in entry ? 'burnRate' : 'budgetFraction'] : ['objective'];
    const fix = entry ? `use a burn rate below ${formatFactor(1 / budget)}×` : `set "alerting" with burn rates below ${formatFactor(1 / budget)}×, or raise the objective`;
    problems.push({
      path,
      message: `the ${w.longWindow}/${w.shortWindow} ${w.severity} alert can never fire: at ${formatFactor(w.burnRate)}× the ${formatPct(budget)} error budget it needs ${formatPct(threshold)} of events to fail; ${fix}`,
    });
  });
  return problems;
}

/**
 * Resolves the SLO's alert policy (its override or the default), with factor = fraction × period /
 * long window and canonical window names. Throws on a short window not shorter than its long one
 * or two alerts on one long window (the schema rejects both, with their place in the file).
 */
export function resolveBurnRatePolicy(slo: Pick<Slo, 'window' | 'alerting'>): BurnRateWindow[] {
  const windows = resolveEntries(slo);
  const [problem] = findWindowProblems(slo, windows);
  if (problem) throw new Error(`alerting[${String(problem.path[1])}].${String(problem.path[2])}: ${problem.message}`);
  return windows;
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
