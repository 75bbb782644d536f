import 'server-only';
import { AppError } from '@/lib/api/errors';
import { toMonthStartMs } from './bff-history';
import { computeBudgetFraction, computeSli } from './math';
import { buildIncreaseExprs, readGoodCount } from './promql';
import type { Slo } from './schema';
import type { SloQueryDeps } from './status';

/**
 * A calendar month's SLO report (UTC), day by day, as the CSV stakeholders download: good and
 * valid events, SLI and the share of the month's error budget each day spent.
 */

const DAY_MS = 86_400_000;

/** One day of the report; null counts mean nothing was measured that day ("no data", not zero). */
export interface ReportDay {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  good: number | null;
  valid: number | null;
  sli: number | null;
  /** Share of the month's budget (budget × the month's valid events) spent this day. */
  budgetSpent: number | null;
  /** The day is still running at the evaluation time. */
  partial: boolean;
}

/** Parses `YYYY-MM` into the month's UTC start and end; rejects months before 1970 and months that have not started. */
export function parseReportMonth(month: string, nowMs: number): { startMs: number; endMs: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new AppError('INVALID_INPUT', `month must look like 2026-11, got "${month}"`);
  // Date.UTC reads years 0-99 as 1900-1999, and no metrics predate Unix time.
  if (Number(m[1]) < 1970) throw new AppError('INVALID_INPUT', `month ${month} is before 1970`);
  const startMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  if (startMs > nowMs) throw new AppError('INVALID_INPUT', `month ${month} has not started yet`);
  return { startMs, endMs: toMonthStartMs(startMs, 1) };
}

/** Day-by-day figures of one month. Complete days come from one range query per counter. */
export async function buildMonthReport(slo: Slo, deps: SloQueryDeps, month: string, nowMs: number): Promise<ReportDay[]> {
  const { startMs, endMs } = parseReportMonth(month, nowMs);
  const daily = buildIncreaseExprs(slo.sli, '1d');
  // Evaluated at each complete day's end, increase(...[1d]) is that day's events.
  const lastFullDayEnd = Math.min(endMs, startMs + Math.floor((nowMs - startMs) / DAY_MS) * DAY_MS);
  const [validPoints, goodPoints] =
    lastFullDayEnd > startMs
      ? await Promise.all([deps.queryRange(daily.valid, startMs + DAY_MS, lastFullDayEnd, 86_400), deps.queryRange(daily.good, startMs + DAY_MS, lastFullDayEnd, 86_400)])
      : [[], []];
  const goodByT = new Map(goodPoints.map((p) => [p.t, p.value]));
  const days: Omit<ReportDay, 'sli' | 'budgetSpent'>[] = validPoints.map((p) => ({
    date: new Date(p.t - DAY_MS).toISOString().slice(0, 10),
    valid: p.value,
    good: readGoodCount(slo.sli, goodByT.get(p.t) ?? null, p.value),
    partial: false,
  }));
  if (lastFullDayEnd < endMs && nowMs > lastFullDayEnd) {
    const today = buildIncreaseExprs(slo.sli, `${Math.max(1, Math.round((nowMs - lastFullDayEnd) / 1000))}s`);
    const [valid, good] = await Promise.all([deps.queryInstant(today.valid, nowMs), deps.queryInstant(today.good, nowMs)]);
    days.push({ date: new Date(lastFullDayEnd).toISOString().slice(0, 10), valid, good: readGoodCount(slo.sli, good, valid), partial: true });
  }
  const monthValid = days.reduce((sum, d) => sum + (d.good === null ? 0 : (d.valid ?? 0)), 0);
  const budget = computeBudgetFraction(slo.objective);
  return days.map((d) => {
    const sli = d.valid === null || d.good === null ? null : computeSli(d.good, d.valid);
    const bad = d.valid === null || d.good === null ? null : d.valid - d.good;
    return { ...d, sli, budgetSpent: bad === null || !(monthValid > 0) ? null : bad / (budget * monthValid) };
  });
}

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const fixed = (v: number | null, digits: number): string => (v === null ? '' : v.toFixed(digits));

/** Renders the report as CSV with a header row and a whole-month row at the end. */
export function toReportCsv(slo: Slo, month: string, days: ReportDay[]): string {
  const rows = [['date', 'good_events', 'valid_events', 'sli_percent', 'budget_spent_percent', 'note']];
  for (const d of days) {
    const note = d.valid === null || d.valid === 0 || d.good === null ? 'no data' : d.partial ? 'day in progress' : '';
    // increase() extrapolates to fractional events; whole events read better and sum the same to within rounding.
    rows.push([d.date, fixed(d.good === null ? null : Math.round(d.good), 0), fixed(d.valid === null ? null : Math.round(d.valid), 0), fixed(d.sli === null ? null : d.sli * 100, 4), fixed(d.budgetSpent === null ? null : d.budgetSpent * 100, 2), note]);
  }
  // Days without a good count (no data) count for neither side.
  const measured = days.filter((d) => d.good !== null);
  const good = measured.reduce((s, d) => s + (d.good ?? 0), 0);
  const valid = measured.reduce((s, d) => s + (d.valid ?? 0), 0);
  const sli = computeSli(good, valid);
  const spent = sli === null ? null : (1 - sli) / computeBudgetFraction(slo.objective);
  rows.push([month, fixed(Math.round(good), 0), fixed(Math.round(valid), 0), fixed(sli === null ? null : sli * 100, 4), fixed(spent === null ? null : spent * 100, 2), sli === null ? 'no data' : `objective ${slo.objective}%`]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
