import { describe, expect, it } from 'vitest';
import { findRatioWithoutFallback, findSyntaxProblem, withPlaceholders } from './query-analysis';

describe('findSyntaxProblem with variables', () => {
  it.each([
    'max_over_time(rate(x_total[5m])[1h:$__interval])',
    'max_over_time(rate(x_total[$__rate_interval])[$__range:$__interval])',
    'max_over_time(rate(x_total[5m])[1h:${__interval}])',
    'rate(x_total[5m] offset $__range)',
    'x_total offset ${__interval}',
    'sum(rate(x_total{a=~"$v"}[${__rate_interval}]))',
    'sum(increase(x_total[$__range]))',
  ])('%s parses once the built-ins stand for durations', (expr) => {
    expect(findSyntaxProblem(expr, 'promql')).toBeNull();
  });

  it('keeps offsets pointing at the original text', () => {
    const expr = 'rate(x_total[5m] offset $__range) +';
    expect(withPlaceholders(expr)).toHaveLength(expr.length);
    expect(findSyntaxProblem(expr, 'promql')?.offset).toBe(expr.length);
  });
});

describe('findRatioWithoutFallback', () => {
  it('finds errors / all, which is empty (not 0) while no error series exists', () => {
    const bad = 'sum by (route) (rate(x_total{service="a",status=~"5.."}[5m])) / sum by (route) (rate(x_total{service="a"}[5m]))';
    expect(findRatioWithoutFallback(bad)).toBe(bad.indexOf(' / ') + 1);
    expect(findRatioWithoutFallback('sum(rate(c_total{result="hit"}[5m])) / sum(rate(c_total[5m]))')).not.toBeNull();
  });

  it('accepts the fallbacks and ratios of different metrics', () => {
    expect(findRatioWithoutFallback('(sum by (route) (rate(x_total{status=~"5.."}[5m])) or sum by (route) (rate(x_total[5m])) * 0) / sum by (route) (rate(x_total[5m]))')).toBeNull();
    expect(findRatioWithoutFallback('(sum(rate(x_total{status=~"5.."}[5m])) or vector(0)) / sum(rate(x_total[5m]))')).toBeNull();
    expect(findRatioWithoutFallback('sum(rate(d_sum[5m])) / sum(rate(d_count[5m]))')).toBeNull();
    expect(findRatioWithoutFallback('sum(rate(x_total[5m])) / 60')).toBeNull();
  });
});
