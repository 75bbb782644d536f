import { describe, expect, it } from 'vitest';
import { metricNamesIn, nearestMetricName, unknownMetrics } from './promql-names';

describe('metricNamesIn', () => {
  it('finds selected metrics and skips functions, aggregations, label matchers, grouping lists and durations', () => {
    expect(metricNamesIn('histogram_quantile(0.99, sum by (le, route) (rate(http_server_request_duration_seconds_bucket{service="checkout", route=~"/a|/b"}[5m])))')).toEqual([
      'http_server_request_duration_seconds_bucket',
    ]);
    expect(metricNamesIn('sum(rate(errors_total[1h30m] offset 1d)) / ignoring(code) group_left sum(rate(requests_total[5m]))')).toEqual(['errors_total', 'requests_total']);
    expect(metricNamesIn('up == bool 1 and on(job) slo:sli_error:ratio_rate5m > 1e-3')).toEqual(['up', 'slo:sli_error:ratio_rate5m']);
  });

  it('reads no name in strings, braces holding "}" or comments, and finds none in a selector by labels only', () => {
    expect(metricNamesIn('count({__name__=~"node_.+", path="a}b"}) # cpu_seconds_total')).toEqual([]);
    expect(metricNamesIn('label_replace(vector(1), "dst", "x", "src", "(.*)")')).toEqual([]);
    expect(metricNamesIn('up offset 5m + up')).toEqual(['up']);
  });
});

describe('nearestMetricName', () => {
  const known = ['http_server_requests_total', 'http_server_request_duration_seconds_bucket', 'process_cpu_seconds_total', 'up'];
  it('suggests the known name with most words in common, or one a typo away', () => {
    expect(nearestMetricName('http_requests_total', known)).toBe('http_server_requests_total');
    expect(nearestMetricName('http_server_request_duration_seconds', known)).toBe('http_server_request_duration_seconds_bucket');
    expect(nearestMetricName('upp', known)).toBe('up');
  });

  it('suggests nothing when no name is near', () => {
    expect(nearestMetricName('kafka_consumer_lag', known)).toBeNull();
  });
});

describe('unknownMetrics', () => {
  it('lists the names Prometheus does not know, each with its nearest known name', () => {
    expect(unknownMetrics('sum(rate(http_requests_total[5m])) / sum(rate(http_server_requests_total[5m])) + foo_bar', ['http_server_requests_total'])).toEqual([
      { name: 'http_requests_total', nearest: 'http_server_requests_total' },
      { name: 'foo_bar', nearest: null },
    ]);
  });
});
