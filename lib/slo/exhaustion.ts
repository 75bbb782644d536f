/**
 * When a rolling window's error budget runs out if the current burn rate holds. The window rolls
 * on while the budget is spent: its oldest events leave it, taking their bad events (and the
 * budget their valid events earned) with them. With bad events spread evenly, a burn rate of 1× or
 * less therefore never runs the budget out; bad events bunched near the end of the window (a
 * recent incident) can, and a burn above 1× always does within one period.
 */

/** Overspent by more than float noise: at exactly 1× the budget is exactly spent a period on, not over. */
const OVERSPENT = 1e-9;

/** Events of one step of the current window, (t − stepMs, t]; only steps with data. */
export interface WindowStep {
  t: number;
  valid: number;
  bad: number;
}

export interface ExhaustionInput {
  /** Share of the window's budget left now; 0 or less means spent. */
  remainingFraction: number;
  /** Current burn rate (1 = errors exactly at the budget); null, no traffic, burns nothing. */
  burnRate: number | null;
  periodMs: number;
  /** The window ends here, epoch ms. */
  nowMs: number;
  /** Where in the window the events sit, from a range query on a `stepMs` grid; empty when unknown. */
  steps: WindowStep[];
  stepMs: number;
}

/**
 * Milliseconds until the budget is gone if the burn rate and the window's average traffic hold:
 * 0 when it is already spent, null when it does not run out within a period (it never will then).
 * The steps only say where events sit; their totals are the caller's (remainingFraction).
 */
export function projectExhaustionMs(input: ExhaustionInput): number | null {
  const { remainingFraction, periodMs, nowMs, stepMs } = input;
  if (remainingFraction <= 0) return 0;
  const burn = Math.max(input.burnRate ?? 0, 0);
  const consumed = 1 - remainingFraction;
  const steps = input.steps.filter((s) => s.t > nowMs - periodMs && s.t <= nowMs);
  const validTotal = steps.reduce((acc, s) => acc + Math.max(s.valid, 0), 0);
  if (!(validTotal > 0) || !(stepMs > 0)) {
    // Spread evenly over a full window: the budget left changes by (burn − consumed) per period.
    if (!(burn > consumed)) return null;
    const ms = (remainingFraction * periodMs) / (burn - consumed);
    // At exactly 1× it is exactly spent a period on (the window then holds only new events), not over.
    return ms < periodMs * (1 - 1e-9) ? ms : null;
  }
  const badTotal = steps.reduce((acc, s) => acc + Math.max(s.bad, 0), 0);
  // Where bad events are unknown (none counted in the steps) they are taken to follow traffic.
  const badOf = (s: WindowStep): number => (badTotal > 0 ? Math.max(s.bad, 0) / badTotal : Math.max(s.valid, 0) / validTotal);
  const validOf = (s: WindowStep): number => Math.max(s.valid, 0) / validTotal;
  // A step's events leave evenly while the window's start passes over it: from `from` to `to`.
  const leaving = [...steps].sort((a, b) => a.t - b.t).map((s) => ({ from: s.t - stepMs + periodMs - nowMs, to: s.t + periodMs - nowMs, bad: badOf(s), valid: validOf(s) }));
  // In budget units (the window's allowed bad events = 1): traffic holds at the average of the
  // time the data covers, so new events earn 1 / coveredMs of budget per ms and spend burn times that.
  const coveredMs = steps.length * stepMs;
  let gone = 0;
  let goneBad = 0;
  let goneValid = 0;
  const overBudget = (tau: number): number => {
    // Called with growing tau: steps wholly gone are summed once, the (few) leaving ones each time.
    for (let l = leaving[gone]; l && l.to <= tau; l = leaving[++gone]) {
      goneBad += l.bad;
      goneValid += l.valid;
    }
    let badLeft = goneBad;
    let validLeft = goneValid;
    for (let i = gone, l = leaving[i]; l && l.from < tau; l = leaving[++i]) {
      badLeft += (l.bad * (tau - l.from)) / stepMs;
      validLeft += (l.valid * (tau - l.from)) / stepMs;
    }
    return consumed * (1 - badLeft) - (1 - validLeft) + ((burn - 1) * tau) / coveredMs;
  };
  // overBudget is linear between the times step edges leave the window: check at each, then interpolate.
  const edges = new Set<number>([0, periodMs]);
  for (const l of leaving) for (const edge of [l.from, l.to]) if (edge > 0 && edge < periodMs) edges.add(edge);
  const times = [...edges].sort((a, b) => a - b);
  let prev = { tau: 0, f: overBudget(0) };
  if (prev.f > OVERSPENT) return 0;
  for (const tau of times.slice(1)) {
    const f = overBudget(tau);
    if (f > OVERSPENT) return prev.tau + ((0 - prev.f) * (tau - prev.tau)) / (f - prev.f);
    prev = { tau, f };
  }
  return null;
}
