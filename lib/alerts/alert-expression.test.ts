import { describe, expect, it } from 'vitest';
import { readRuleThreshold, toAlertThreshold, toChartExpressions } from './alert-expression';

describe('toChartExpressions', () => {
  it('charts both windows of a generated burn-rate rule, without the comparisons', () => {
    const expr = 'slo:sli_error:ratio_rate1h{slo="payment-availability"} > 14.4 * 0.005 and slo:sli_error:ratio_rate5m{slo="payment-availability"} > 14.4 * 0.005';
    expect(toChartExpressions(expr)).toEqual(['slo:sli_error:ratio_rate1h{slo="payment-availability"}', 'slo:sli_error:ratio_rate5m{slo="payment-availability"}']);
  });

  it('unwraps parenthesised ratios compared with a parenthesised product', () => {
    const expr = `(
      sum(rate(x_total{status=~"5.."}[3m])) / sum(rate(x_total[3m]))
    ) > (14.4 * 0.005)
    and
    (
      sum(rate(x_total{status=~"5.."}[15s])) / sum(rate(x_total[15s]))
    ) > (14.4 * 0.005)`;
    expect(toChartExpressions(expr)).toEqual(['sum(rate(x_total{status=~"5.."}[3m])) / sum(rate(x_total[3m]))', 'sum(rate(x_total{status=~"5.."}[15s])) / sum(rate(x_total[15s]))']);
  });

  it('leaves comparisons inside functions, label matchers and strings alone', () => {
    expect(toChartExpressions('histogram_quantile(0.99, sum by (le) (rate(h_bucket{route!="/a>b"}[5m]))) > 1')).toEqual(['histogram_quantile(0.99, sum by (le) (rate(h_bucket{route!="/a>b"}[5m])))']);
    expect(toChartExpressions('count(up{job="orders and more"} == 0) > 0')).toEqual(['count(up{job="orders and more"} == 0)']);
  });

  it('keeps an expression that compares two series whole, and handles the number on the left', () => {
    expect(toChartExpressions('a > b')).toEqual(['a > b']);
    expect(toChartExpressions('0.5 < rate(errors_total[5m])')).toEqual(['rate(errors_total[5m])']);
    expect(toChartExpressions('up == 0 or up == 0')).toEqual(['up']);
  });
});

describe('toAlertThreshold', () => {
  it('prefers the SLO rules\' error ratio annotation over the expression', () => {
    expect(toAlertThreshold(readRuleThreshold({ query: 'x > 14.4 * 0.005', annotations: { burn_rate_threshold: '14.4', error_ratio_threshold: '0.072' } }))).toEqual({ value: 0.072, source: 'annotation error_ratio_threshold' });
  });

  it('evaluates the numeric product in a simple rule', () => {
    expect(toAlertThreshold(readRuleThreshold({ query: '(a / b) > (14.4 * 0.005) and (c / d) > (14.4 * 0.005)', annotations: {} }))?.value).toBeCloseTo(0.072, 10);
    expect(toAlertThreshold(readRuleThreshold({ query: 'rate(errors_total[5m]) >= 2.5', annotations: { summary: 'x' } }))).toEqual({ value: 2.5, source: 'expression' });
  });

  it('reads a threshold annotation, ignoring one that is not a number', () => {
    expect(toAlertThreshold(readRuleThreshold({ query: 'a > b', annotations: { threshold: '300' } }))).toEqual({ value: 300, source: 'annotation threshold' });
    expect(toAlertThreshold(readRuleThreshold({ query: 'a > b', annotations: { threshold: 'high' } }))).toBeNull();
  });
});
