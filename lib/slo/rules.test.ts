import { describe, expect, it } from 'vitest';
import { buildSloRules, renderRuleFile } from './rules';
import { SloSchema, type SloInput } from './schema';
import { parseSelector, matchesSelector, buildSyntheticCounters } from './synthetic-series';

const base: SloInput = {
  id: 'payment-availability',
  service: 'payment',
  name: 'Payment',
  journey: 'A payment is taken',
  owner: 'payments-team',
  objective: 99.5,
  window: { type: 'rolling', days: 30 },
  sli: {
    type: 'ratio',
    good: 'http_server_requests_total{service="payment",route="/payments",status!~"5.."}',
    valid: 'http_server_requests_total{service="payment",route="/payments"}',
  },
  links: { runbook: 'https://runbooks.example.org/payment' },
};
const slo = SloSchema.parse(base);

describe('generated rules', () => {
  it('alerts with exactly the SRE Workbook windows and factors for a 30-day SLO', () => {
    const { alerting } = buildSloRules(slo, { publicUrl: 'http://localhost:3000' });
    expect(alerting.map((a) => a.expr)).toEqual([
      'slo:sli_error:ratio_rate1h{slo="payment-availability"} > 14.4 * 0.005 and slo:sli_error:ratio_rate5m{slo="payment-availability"} > 14.4 * 0.005',
      'slo:sli_error:ratio_rate6h{slo="payment-availability"} > 6 * 0.005 and slo:sli_error:ratio_rate30m{slo="payment-availability"} > 6 * 0.005',
      'slo:sli_error:ratio_rate3d{slo="payment-availability"} > 1 * 0.005 and slo:sli_error:ratio_rate6h{slo="payment-availability"} > 1 * 0.005',
    ]);
    expect(alerting.map((a) => a.labels.severity)).toEqual(['page', 'page', 'ticket']);
  });

  it('records the error ratio for every window the alerts read, once each', () => {
    const { recording } = buildSloRules(slo, { publicUrl: 'http://localhost:3000' });
    expect(recording.map((r) => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate3d',
    ]);
    expect(recording[0]?.labels).toEqual({ slo: 'payment-availability', service: 'payment' });
    // A missing good series (every request failed) must read as 100% errors, not as no data.
    expect(recording[0]?.expr).toContain('or vector(0)');
  });

  it('links the alert to the SLO page and the runbook and carries its threshold', () => {
    const [page] = buildSloRules(slo, { publicUrl: 'https://sightline.example.org/' }).alerting;
    expect(page?.annotations.slo_url).toBe('https://sightline.example.org/slos/payment-availability');
    expect(page?.annotations.runbook_url).toBe('https://runbooks.example.org/payment');
    expect(page?.annotations.burn_rate_threshold).toBe('14.4');
    expect(page?.annotations.error_ratio_threshold).toBe('0.072');
    expect(page?.annotations.summary).toContain('fewer than 92.8%');
  });

  it('divides every window by the time scale', () => {
    const { recording, alerting } = buildSloRules(slo, { publicUrl: 'http://x', timeScale: 60 });
    expect(recording.map((r) => r.record.replace('slo:sli_error:ratio_rate', ''))).toEqual(['5s', '30s', '1m', '6m', '1h12m']);
    expect(alerting[0]?.expr).toContain('ratio_rate1m{');
    expect(alerting[0]?.expr).toContain('> 14.4 * 0.005');
  });

  it('builds a latency SLI from the bucket at the threshold over the count', () => {
    const latency = SloSchema.parse({ ...base, id: 'payment-latency', sli: { type: 'latency', metric: 'http_server_request_duration_seconds', selector: 'service="payment"', thresholdSeconds: 0.5 } });
    const [five] = buildSloRules(latency, { publicUrl: 'http://x' }).recording;
    expect(five?.expr).toContain('http_server_request_duration_seconds_bucket{service="payment",le=~"0\\\\.5"}[5m]');
    expect(five?.expr).toContain('sum(rate(http_server_request_duration_seconds_count{service="payment"}[5m]))');
    // A histogram exports every bucket, so a missing one is a threshold that is no bucket boundary:
    // no series (no data, no page), never every request counted as bad.
    expect(five?.expr).not.toContain('or vector(0)');
  });

  it('records every window an alert reads under the one name the alert uses, however the override spells it', () => {
    const spelled = SloSchema.parse({
      ...base,
      alerting: [
        { severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: 14.4 },
        { severity: 'ticket', longWindow: '6h', shortWindow: '60m', burnRate: 3 },
      ],
    });
    const { recording, alerting } = buildSloRules(spelled, { publicUrl: 'http://x' });
    const recorded = new Set(recording.map((r) => r.record));
    expect([...recorded]).toEqual(['slo:sli_error:ratio_rate5m', 'slo:sli_error:ratio_rate1h', 'slo:sli_error:ratio_rate6h']);
    for (const a of alerting) for (const read of a.expr.match(/slo:sli_error:ratio_rate\w+/g) ?? []) expect(recorded).toContain(read);
    expect(alerting[1]?.annotations.short_window).toBe('1h');
  });

  it('never writes an alert that could never fire, nor a negative share in its text', () => {
    // The schema refuses objective 90 with the default policy, so no rules are built for it.
    const low = SloSchema.safeParse({ ...base, objective: 90 });
    expect(low.error?.issues[0]).toMatchObject({ path: ['objective'], message: expect.stringContaining('the 1h/5m page alert can never fire') });
    for (const objective of [93.1, 95, 99, 99.9, 99.999]) {
      for (const a of buildSloRules(SloSchema.parse({ ...base, objective }), { publicUrl: 'http://x' }).alerting) expect(a.annotations.summary).not.toMatch(/-\d/);
    }
  });

  it('writes a rule file that names its source and quotes every string', () => {
    const text = renderRuleFile(buildSloRules(slo, { publicUrl: 'http://x' }), 'dashboards/slos/payment-availability.json');
    expect(text.split('\n')[0]).toContain('dashboards/slos/payment-availability.json');
    expect(text).toContain("      - alert: 'PaymentAvailabilityBurnRate1h'");
  });
});

describe('synthetic series for promtool tests', () => {
  it('finds a series that counts as valid but not good', () => {
    const [good, bad] = buildSyntheticCounters(slo.sli);
    expect(bad?.counts).toBe('bad');
    const goodSel = parseSelector(base.sli.type === 'ratio' ? base.sli.good : '');
    const parsedBad = parseSelector(bad?.series ?? '');
    const labels = Object.fromEntries(parsedBad.matchers.map((m) => [m.name, m.value]));
    expect(labels.status).toMatch(/^5..$/);
    expect(matchesSelector(goodSel, parsedBad.metric, labels)).toBe(false);
    expect(good?.series).toContain('status="200"');
  });

  it('refuses an SLI whose good selector equals its valid selector: it could never report an error', () => {
    const same = SloSchema.parse({ ...base, sli: { type: 'ratio', good: 'x_total{a="b"}', valid: 'x_total{a="b"}' } });
    expect(() => buildSyntheticCounters(same.sli)).toThrow(/never report an error/);
  });
});
