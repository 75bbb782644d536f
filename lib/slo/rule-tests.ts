import { formatPromDuration } from './duration';
import { computeBudgetFraction } from './math';
import type { BurnRateWindow } from './policy';
import type { SloRuleSet } from './rules';
import { buildSyntheticCounters, type SyntheticCounter } from './synthetic-series';
import { GENERATED_MARKER } from './rules';
import { toYaml, type YamlValue } from './yaml';

/**
 * `promtool test rules` files for one SLO's generated rules. For every burn-rate alert, four
 * scenarios from synthetic counters: errors well above the threshold in both windows (must fire),
 * below it (must not), high in the long window only (the short window shows it is over: must not),
 * and a burst in the short window only (must not).
 */

/** Events per input-series step; large enough that error ratios round to whole events. */
const EVENTS_PER_STEP = 10_000;
/** Input series resolution: five samples per short window, so every rate() has points. */
const STEPS_PER_SHORT_WINDOW = 5;

interface Scenario {
  comment: string;
  /** Error ratio for each step (length = number of steps). */
  errorRatios: number[];
  evalStep: number;
  fires: boolean;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const repeat = (ratio: number, n: number): number[] => Array.from({ length: n }, () => ratio);

function buildScenarios(w: BurnRateWindow, threshold: number, stepMs: number): { scenarios: Scenario[]; skipped: string[] } {
  const longSteps = Math.round(w.longMs / stepMs);
  const shortSteps = STEPS_PER_SHORT_WINDOW;
  const evalStep = longSteps + shortSteps;
  const high = Math.min(2 * threshold, (1 + threshold) / 2);
  const scenarios: Scenario[] = [
    { comment: `${(high * 100).toFixed(2)}% errors for longer than ${w.longWindow}: fires`, errorRatios: repeat(high, evalStep + 1), evalStep, fires: true },
    { comment: `${((threshold / 2) * 100).toFixed(2)}% errors, half the threshold: does not fire`, errorRatios: repeat(threshold / 2, evalStep + 1), evalStep, fires: false },
  ];
  const skipped: string[] = [];
  // Long window only: total failure, then clean for two short windows. The long window still reads
  // (longSteps - clean) / longSteps errors; it must stay clearly above the threshold to prove the short window matters.
  const clean = 2 * shortSteps + 2;
  if ((longSteps - clean) / longSteps > 1.2 * threshold) {
    scenarios.push({
      comment: `every request failed, then ${clean} clean steps: long window high, short window clean, does not fire`,
      errorRatios: [...repeat(1, evalStep + 1 - clean), ...repeat(0, clean)],
      evalStep,
      fires: false,
    });
  } else skipped.push('long-window-only: the long window is too short next to the short one');
  // Short window only: a burst at `high` just longer than the short window after a clean stretch.
  const burst = shortSteps + 2;
  if ((high * burst) / longSteps < threshold / 1.2) {
    scenarios.push({
      comment: `clean, then a ${burst}-step burst of ${(high * 100).toFixed(2)}% errors: short window high, long window low, does not fire`,
      errorRatios: [...repeat(0, evalStep + 1 - burst), ...repeat(high, burst)],
      evalStep,
      fires: false,
    });
  } else skipped.push('short-window-only: a burst filling the short window already crosses the long threshold');
  return { scenarios, skipped };
}

/** Promtool's expanding notation for a counter with the given per-step increases, starting at 0. */
export function toExpandingNotation(increases: number[]): string {
  const parts: string[] = [];
  let value = 0;
  let i = 0;
  // The first segment also emits the initial 0; later segments start at the next sample.
  while (i < increases.length) {
    const inc = increases[i] ?? 0;
    let n = 1;
    while (i + n < increases.length && increases[i + n] === inc) n++;
    if (parts.length === 0) parts.push(`0+${inc}x${n}`);
    else parts.push(`${value + inc}+${inc}x${n - 1}`);
    value += inc * n;
    i += n;
  }
  return parts.length ? parts.join(' ') : '0';
}

function toInputSeries(counters: SyntheticCounter[], errorRatios: number[]): YamlValue[] {
  // Steps after the first sample; the first ratio only sets the length.
  const bad = errorRatios.slice(1).map((r) => Math.round(r * EVENTS_PER_STEP));
  return counters.map((c) => {
    const increases = bad.map((b) => (c.counts === 'good' ? EVENTS_PER_STEP - b : c.counts === 'bad' ? b : EVENTS_PER_STEP));
    return { series: c.series, values: toExpandingNotation(increases) };
  });
}

/** Renders the promtool test file for one SLO; `ruleFile` is relative to the test file. */
export function renderRuleTestFile(rules: SloRuleSet, ruleFile: string): string {
  const counters = buildSyntheticCounters(rules.slo.sli);
  const budget = computeBudgetFraction(rules.slo.objective);
  const stepMsOf = (w: BurnRateWindow): number => Math.max(1, Math.round(w.shortMs / STEPS_PER_SHORT_WINDOW));
  // Rules are evaluated at every multiple of evaluation_interval up to each eval_time, which is the
  // long + short window: the coarsest interval dividing all of those keeps 3-day windows affordable.
  const evaluationMs = rules.windows.map((w) => stepMsOf(w) * (Math.round(w.longMs / stepMsOf(w)) + STEPS_PER_SHORT_WINDOW)).reduce(gcd, Math.min(...rules.windows.map((w) => w.shortMs)));
  const tests: YamlValue[] = [];
  const notes: string[] = [];
  rules.windows.forEach((w, index) => {
    const alert = rules.alerting[index];
    if (!alert) return;
    const threshold = w.burnRate * budget;
    if (threshold >= 1) {
      notes.push(`${alert.alert}: threshold ${threshold} is 100% errors or more, so it can never fire; no scenarios.`);
      return;
    }
    const stepMs = stepMsOf(w);
    const { scenarios, skipped } = buildScenarios(w, threshold, stepMs);
    notes.push(...skipped.map((s) => `${alert.alert}: skipped ${s}.`));
    for (const s of scenarios) {
      tests.push({
        interval: formatPromDuration(stepMs),
        input_series: toInputSeries(counters, s.errorRatios),
        alert_rule_test: [
          {
            eval_time: formatPromDuration(s.evalStep * stepMs),
            alertname: alert.alert,
            exp_alerts: s.fires ? [{ exp_labels: alert.labels, exp_annotations: alert.annotations }] : [],
          },
        ],
      });
      notes.push(`${alert.alert} #${tests.length}: ${s.comment}`);
    }
  });
  return toYaml({ rule_files: [ruleFile], evaluation_interval: formatPromDuration(evaluationMs), tests }, [
    `${GENERATED_MARKER}. Do not edit. Run: promtool test rules <this file>`,
    ...notes,
  ]);
}
