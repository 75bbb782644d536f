import { describe, expect, it } from 'vitest';
import { parseSloFile } from '@/lib/dashboards/parse-file';
import { SloSchema, type SloInput } from './schema';
import { paymentSloInput } from './test-slo';

const base: SloInput = paymentSloInput();

const lint = (slo: SloInput) => parseSloFile('dashboards/slos/payment-availability.json', JSON.stringify(slo, null, 2)).errors.map((e) => `${e.line}: ${e.pointer}: ${e.message}`);

describe('SLO definitions', () => {
  it('reject an alert whose short window is not shorter than its long one, where the file says it', () => {
    const slo = { ...base, alerting: [{ severity: 'page' as const, longWindow: '1h', shortWindow: '60m', budgetFraction: 0.02 }] };
    expect(SloSchema.safeParse(slo).success).toBe(false);
    expect(lint(slo)).toEqual(['22: /alerting/0/shortWindow: "shortWindow": must be shorter than the long window 1h, got 60m (= 1h)']);
  });

  it('reject an objective whose default page alert could never fire', () => {
    expect(lint({ ...base, objective: 90 })).toEqual([
      '8: /objective: "objective": the 1h/5m page alert can never fire: at 14.4× the 10% error budget it needs 144% of events to fail; set "alerting" with burn rates below 10×, or raise the objective',
    ]);
    expect(lint({ ...base, objective: 90, alerting: [{ severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: 8 }] })).toEqual([]);
  });

  it('accept the default policy for usual objectives', () => {
    for (const objective of [93.1, 99, 99.5, 99.9, 99.95, 99.99, 99.999]) expect(lint({ ...base, objective })).toEqual([]);
  });
});
