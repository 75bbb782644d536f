import { describe, expect, it } from 'vitest';
import { extractRuleThreshold } from './thresholds';

describe('extractRuleThreshold', () => {
  it.each([
    ['slo:sli_error:ratio_rate1h{slo="x"} > 14.4 * 0.005 and slo:sli_error:ratio_rate5m{slo="x"} > 14.4 * 0.005', 0.072],
    ['histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1', 1],
    ['rate(errors[5m]) >= bool 0.25', 0.25],
    ['queue_depth < (10)', 10],
    ['up == 0', 0],
    ['x > 1e3', 1000],
  ])('%s → %d', (query, expected) => {
    expect(extractRuleThreshold({ query, annotations: {} })).toBeCloseTo(expected, 10);
  });

  it('prefers a threshold annotation and returns null without any comparison to a number', () => {
    expect(extractRuleThreshold({ query: 'x > 1', annotations: { threshold: '0.5' } })).toBe(0.5);
    expect(extractRuleThreshold({ query: 'absent(up{job="shop"})', annotations: {} })).toBeNull();
    expect(extractRuleThreshold({ query: 'a > b', annotations: {} })).toBeNull();
  });
});
