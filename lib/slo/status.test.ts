import { describe, expect, it } from 'vitest';
import { makePaymentSlo, PAYMENT_GOOD, PAYMENT_VALID } from './test-slo';
import { computeBudgetSpentBetween, computeSloStatus, type SloQueryDeps } from './status';
import { SloStatusSchema } from './types';

const NOW = Date.UTC(2026, 4, 20, 12);
const DAY = 86_400_000;
const VALID = PAYMENT_VALID;
const GOOD = PAYMENT_GOOD;
const slo = makePaymentSlo();

interface World {
  /** Events over the 30-day window. */
  valid: number | null;
  good: number | null;
  /** Error ratio per window, e.g. { '1h': 0.1 }; missing windows read 0.001. */
  ratios?: Record<string, number | null>;
  rules?: boolean;
  /** Per-step increases answered to range queries; null = no data at that step. */
  range?: (start: number, end: number, step: number) => { valid: number | null; good: number | null }[];
}

function fakeDeps(world: World): SloQueryDeps & { asked: string[] } {
  const asked: string[] = [];
  const ratioOf = (w: string): number | null => (world.ratios && w in world.ratios ? (world.ratios[w] ?? null) : 0.001);
  return {
    asked,
    async hasRecordingRules(id) {
      expect(id).toBe('payment-availability');
      return world.rules ?? false;
    },
    async queryInstant(expr) {
      asked.push(expr);
      const recorded = /^slo:sli_error:ratio_rate(\w+)\{slo="payment-availability"\}$/.exec(expr);
      if (recorded) return ratioOf(recorded[1] ?? '');
      if (expr === `sum(increase(${VALID}[30d]))`) return world.valid;
      if (expr === `sum(increase(${GOOD}[30d]))`) return world.good;
      if (expr.startsWith(`sum(rate(${VALID}[1h]))`) && !expr.includes(' - ')) return world.valid === null ? null : world.valid / (30 * 86_400);
      const raw = /^\(sum\(rate\(.*\[(\w+)\]\)\) - /.exec(expr);
      if (raw) return ratioOf(raw[1] ?? '');
      throw new Error(`unexpected query ${expr}`);
    },
    async queryRange(expr, start, end, step) {
      asked.push(`range ${expr} step=${step}`);
      const rows = world.range?.(start, end, step) ?? [];
      const isGood = expr.includes('status!~');
      return rows.map((r, i) => ({ t: start + i * step * 1000, value: isGood ? r.good : r.valid }));
    },
  };
}

describe('SLO status', () => {
  it('reads the recording rules and says the SLO is met in plain words', async () => {
    const deps = fakeDeps({ valid: 100_000, good: 99_800, rules: true, ratios: { '1h': 0.0025, '5m': 0.0025 } });
    const status = SloStatusSchema.parse(await computeSloStatus(slo, deps, NOW));
    expect(status.state).toBe('meeting');
    expect(status.source).toBe('recording_rules');
    // 200 bad of 500 allowed → 60% left; 1h burn 0.5 → 0.6 × 30 d / 0.5 = 36 days: outlasts the window.
    expect(status.budget?.remainingFraction).toBeCloseTo(0.6, 9);
    expect(status.budget?.remainingBadEvents).toBeCloseTo(300, 6);
    expect(status.budget?.exhaustionSeconds).toBeCloseTo(36 * 86_400, 3);
    expect(status.sentence).toBe(
      'Payment is meeting its objective: 99.80% of payment requests succeeded in the last 30 days (objective 99.5%). 60% of the error budget is left; at the current rate it lasts the rest of the period.',
    );
    expect(deps.asked).toContain('slo:sli_error:ratio_rate1h{slo="payment-availability"}');
    expect(deps.asked.some((q) => q.startsWith('(sum(rate('))).toBe(false);
  });

  it('is at risk while a fast-burn page condition holds, with every window and threshold', async () => {
    const deps = fakeDeps({ valid: 100_000, good: 99_800, rules: true, ratios: { '1h': 0.1, '5m': 0.2 } });
    const status = await computeSloStatus(slo, deps, NOW);
    expect(status.state).toBe('at_risk');
    const [fast, slow, ticket] = status.burnRates;
    expect(fast).toMatchObject({ longWindow: '1h', shortWindow: '5m', threshold: 14.4, firing: true });
    expect(fast?.longBurnRate).toBeCloseTo(20, 9);
    expect(slow).toMatchObject({ threshold: 6, firing: false });
    expect(ticket).toMatchObject({ severity: 'ticket', threshold: 1, longWindow: '3d' });
    // 60% left at burn 20: 0.6 × 30 d / 20 = 0.9 d ≈ 22 hours.
    expect(status.sentence).toContain('at the current rate it runs out in about 22 hours.');
  });

  it('says the objective was missed once the budget is spent', async () => {
    const status = await computeSloStatus(slo, fakeDeps({ valid: 100_000, good: 99_000 }), NOW);
    expect(status.state).toBe('breached');
    expect(status.sentence).toContain('Payment has missed its objective: 99.00% of payment requests succeeded');
    expect(status.sentence).toContain('The error budget is spent (100% over).');
  });

  it('says how far the budget is overspent as the budget bar does (one decimal under 10%)', async () => {
    // 522 bad of 500 allowed: 4.4% over.
    const status = await computeSloStatus(slo, fakeDeps({ valid: 100_000, good: 99_478 }), NOW);
    expect(status.sentence).toContain('The error budget is spent (4.4% over).');
  });

  it('reports no data, never 100%, without traffic', async () => {
    const status = await computeSloStatus(slo, fakeDeps({ valid: null, good: null, ratios: { '1h': null, '5m': null } }), NOW);
    expect(status.state).toBe('no_data');
    expect(status.sli).toBeNull();
    expect(status.budget).toBeNull();
    expect(status.burnRates[0]?.longBurnRate).toBeNull();
    expect(status.sentence).toMatch(/has no data/);
  });

  it('counts a missing good series as every event failing', async () => {
    const status = await computeSloStatus(slo, fakeDeps({ valid: 1_000, good: null }), NOW);
    expect(status.sli).toBe(0);
    expect(status.state).toBe('breached');
  });

  it('computes from raw series when the recording rules are not loaded', async () => {
    const deps = fakeDeps({ valid: 100_000, good: 99_900, rules: false });
    const status = await computeSloStatus(slo, deps, NOW);
    expect(status.source).toBe('raw_series');
    expect(deps.asked.some((q) => q.startsWith('slo:'))).toBe(false);
    expect(deps.asked).toContain(`(sum(rate(${VALID}[6h])) - (sum(rate(${GOOD}[6h])) or vector(0))) / sum(rate(${VALID}[6h]))`);
  });

  it('draws the burn-down over the whole window, finer when data covers only its end', async () => {
    // 30 days at hourly steps: only the last 3 hours have data, so the chart is fetched again finer.
    const deps = fakeDeps({
      valid: 3_000,
      good: 2_995,
      range: (start, end, step) => {
        const n = Math.floor((end - start) / 1000 / step) + 1;
        return Array.from({ length: n }, (_, i) => {
          const t = start + i * step * 1000;
          if (t <= NOW - 3 * 3_600_000) return { valid: null, good: null };
          // 1,000 per hour spread evenly; 5 bad events in the step that ends at the very last point.
          const valid = (1_000 * step) / 3_600;
          return { valid, good: i === n - 1 ? valid - 5 : valid };
        });
      },
    });
    const status = await computeSloStatus(slo, deps, NOW);
    const steps = deps.asked.filter((q) => q.startsWith('range')).map((q) => Number(q.split('step=')[1]));
    expect(steps[0]).toBe(3_600);
    expect(steps.at(-1)).toBeLessThan(3_600);
    const values = status.burnDown.map((p) => p.remainingFraction).filter((v): v is number => v !== null);
    expect(values[0]).toBe(1);
    // 3,000 valid → 15 bad allowed; 5 spent → two thirds left at the end.
    expect(values.at(-1)).toBeCloseTo(2 / 3, 2);
    expect(status.coverage).toBeGreaterThan(0.003);
    expect(status.coverage).toBeLessThan(0.006);
    expect(status.sentence).toContain('Data covers only about 3 hours of the 30-day window.');
  });
});

describe('budget spent between two times', () => {
  it('is the interval’s bad events over the window’s allowed bad events', async () => {
    const deps: SloQueryDeps = {
      hasRecordingRules: async () => false,
      queryRange: async () => [],
      async queryInstant(expr, t) {
        if (expr === `sum(increase(${VALID}[600s]))`) return t === NOW ? 1_000 : null;
        if (expr === `sum(increase(${GOOD}[600s]))`) return 900;
        if (expr === `sum(increase(${VALID}[30d]))`) return 100_000;
        throw new Error(`unexpected ${expr}`);
      },
    };
    // 100 bad of 500 allowed (0.5% of 100,000) → 20% of the budget.
    expect(await computeBudgetSpentBetween(slo, deps, NOW - 600_000, NOW)).toBeCloseTo(0.2, 12);
  });

  it('is unknown without traffic in the window', async () => {
    const deps: SloQueryDeps = { hasRecordingRules: async () => false, queryRange: async () => [], queryInstant: async () => null };
    expect(await computeBudgetSpentBetween(slo, deps, NOW - DAY, NOW)).toBeNull();
  });
});
