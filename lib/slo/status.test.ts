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
      if (/^sum\(increase\(.*\[\d+d\]\)\)$/.test(expr)) return expr.includes(GOOD) ? world.good : world.valid;
      if (expr.startsWith(`sum(rate(${VALID}[`) && !expr.includes(' - ')) return world.valid === null ? null : world.valid / (30 * 86_400);
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
    // 200 bad of 500 allowed → 60% left; at a 1h burn of 0.5 the old errors leave the window faster than new ones come.
    expect(status.budget?.remainingFraction).toBeCloseTo(0.6, 9);
    expect(status.budget?.remainingBadEvents).toBeCloseTo(300, 6);
    expect(status.budget?.exhaustionSeconds).toBeNull();
    expect(status.sentence).toBe(
      'Payment is meeting its objective: 99.80% of payment requests succeeded in the last 30 days (objective 99.5%). 60% of the error budget is left; at the current rate it does not run out.',
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

  it('meets its objective exactly at the objective: nothing left, at risk, never "missed" (as the compliance table says)', async () => {
    // 995 of 1,000 against 99.5%: 1 − 0.995 is 0.0050000000000000044 in floating point.
    const status = await computeSloStatus(slo, fakeDeps({ valid: 1_000, good: 995, ratios: { '1h': 0 } }), NOW);
    expect(status.state).toBe('at_risk');
    expect(status.budget?.remainingFraction).toBe(0);
    expect(status.budget?.exhaustionSeconds).toBe(0);
    expect(status.sentence).toBe(
      'Payment is at risk of missing its objective: 99.50% of payment requests succeeded in the last 30 days (objective 99.5%). The error budget is spent (none left).',
    );
  });

  it('is not at risk on a 28-day window burning just under 1× with most of the budget left', async () => {
    // 60% left, every window at 0.95×: the 28-day ticket (10% in 3 days = 0.93×) fires, but the budget lasts.
    const ratios = Object.fromEntries(['5m', '30m', '1h', '6h', '3d'].map((w) => [w, 0.95 * 0.005]));
    const status = await computeSloStatus(makePaymentSlo({ window: { type: 'rolling', days: 28 } }), fakeDeps({ valid: 100_000, good: 99_800, ratios }), NOW);
    expect(status.burnRates.find((b) => b.severity === 'ticket')?.firing).toBe(true);
    expect(status.state).toBe('meeting');
    expect(status.budget?.exhaustionSeconds).toBeNull();
    expect(status.sentence).toContain('60% of the error budget is left; at the current rate it does not run out.');
  });

  it('gives a 7-day window shorter alert windows instead of a ticket below 1×, and is not at risk at 0.3×', async () => {
    const slo7 = makePaymentSlo({ window: { type: 'rolling', days: 7 } });
    const ratios = Object.fromEntries(['1m', '8m', '15m', '1h30m', '18h'].map((w) => [w, 0.3 * 0.005]));
    const status = await computeSloStatus(slo7, fakeDeps({ valid: 100_000, good: 99_950, ratios }), NOW);
    expect(status.burnRates.map((b) => [b.longWindow, b.shortWindow, b.threshold, b.firing])).toEqual([
      ['15m', '1m', 13.44, false],
      ['1h30m', '8m', 5.6, false],
      ['18h', '1h30m', expect.closeTo(0.9333, 4), false],
    ]);
    expect(status.state).toBe('meeting');
  });

  it('is at risk when the budget runs out within the window at the current rate, though no alert fires', async () => {
    // 60% left, burning 1.5× over the last hour with errors spread evenly so far: (1 − 0.4) / (1.5 − 0.4) of 30 days.
    const status = await computeSloStatus(slo, fakeDeps({ valid: 100_000, good: 99_800, ratios: { '1h': 0.0075, '5m': 0.0075 } }), NOW);
    expect(status.burnRates.some((b) => b.firing)).toBe(false);
    expect(status.state).toBe('at_risk');
    expect(status.budget?.exhaustionSeconds).toBeCloseTo(((0.6 / 1.1) * 30 * DAY) / 1000, 0);
    expect(status.sentence).toContain('at the current rate it runs out in about 16 days.');
  });

  it('forecasts from where the errors sit: a recent incident stays in the window, so even 0.95× runs the budget out', async () => {
    // Hourly steps of 100 events; the hour a day ago had 300, 216 of them bad: 216 of 361 allowed (60%) spent.
    const incidentEnd = NOW - DAY + 3_600_000;
    const range = (start: number, end: number, step: number) =>
      Array.from({ length: Math.floor((end - start) / 1000 / step) + 1 }, (_, i) => (start + i * step * 1000 === incidentEnd ? { valid: 300, good: 84 } : { valid: 100, good: 100 }));
    const deps = fakeDeps({ valid: 72_200, good: 71_984, ratios: { '1h': 0.95 * 0.005 }, range });
    const status = await computeSloStatus(slo, deps, NOW);
    const remaining = 1 - 216 / 361;
    expect(status.budget?.remainingFraction).toBeCloseTo(remaining, 9);
    // Nothing bad leaves for 29 days; each hour the oldest 100 events take 100/72,200 of the budget with them,
    // while the hour's new traffic (1/720 of the window's) earns 5% more budget than it spends.
    const hours = remaining / (100 / 72_200 - 0.05 / 720);
    expect((status.budget?.exhaustionSeconds ?? 0) / 3600).toBeCloseTo(hours, 0);
    expect(status.state).toBe('at_risk');
    expect(status.sentence).toContain('at the current rate it runs out in about 13 days.');
  });

  it('draws the burn-down over the window and not the step before it', async () => {
    // Every event failed in the hour before the window; inside it all succeeded.
    const windowStart = NOW - 30 * DAY;
    const range = (start: number, end: number, step: number) =>
      Array.from({ length: Math.floor((end - start) / 1000 / step) + 1 }, (_, i) => (start + i * step * 1000 <= windowStart ? { valid: 100, good: 0 } : { valid: 100, good: 100 }));
    const deps = fakeDeps({ valid: 72_000, good: 72_000, ratios: { '1h': 0 }, range });
    const status = await computeSloStatus(slo, deps, NOW);
    expect(status.burnDown[0]).toEqual({ t: windowStart, remainingFraction: 1 });
    expect(status.burnDown.at(-1)).toEqual({ t: NOW, remainingFraction: 1 });
    expect(status.burnDown).toHaveLength(721);
    expect(status.coverage).toBe(1);
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

describe('a latency SLO whose threshold is no bucket boundary', () => {
  const latency = makePaymentSlo({ sli: { type: 'latency', metric: 'http_server_request_duration_seconds', selector: 'service="payment"', thresholdSeconds: 0.3 } });
  // The histogram has buckets at 0.25 and 0.5, so no `le="0.3"` series exists; rules generated
  // before this fix (`or vector(0)`) are still loaded and record every request as an error.
  const deps: SloQueryDeps = {
    hasRecordingRules: async () => true,
    async queryInstant(expr) {
      if (expr.startsWith('slo:sli_error:')) return 1;
      if (expr.includes('_bucket')) return null;
      if (expr.startsWith('sum(increase(')) return 1_000;
      if (expr.startsWith('sum(rate(')) return 0.5;
      throw new Error(`unexpected query ${expr}`);
    },
    async queryRange(expr, start, end, step) {
      const n = Math.floor((end - start) / 1000 / step) + 1;
      return Array.from({ length: n }, (_, i) => ({ t: start + i * step * 1000, value: expr.includes('_bucket') ? null : 10 }));
    },
  };

  it('reads as no data with the reason, never as an outage', async () => {
    const status = SloStatusSchema.parse(await computeSloStatus(latency, deps, NOW));
    expect(status.state).toBe('no_data');
    expect(status.sli).toBeNull();
    expect(status.budget).toBeNull();
    expect(status.burnRates.every((b) => b.longBurnRate === null && !b.firing)).toBe(true);
    expect(status.burnDown.every((p) => p.remainingFraction === null)).toBe(true);
    expect(status.sentence).toBe(
      "Payment cannot be measured: its latency threshold of 0.3 s is not one of the histogram's bucket boundaries, so whether it meets its objective (99.5%) is unknown.",
    );
  });

  it('costs no incident with it', async () => {
    expect(await computeBudgetSpentBetween(latency, deps, NOW - 600_000, NOW)).toBeNull();
  });
});
