import { describe, expect, it } from 'vitest';
import { buildErrorRatioExpr, checkThresholdBucket, readGoodCount } from './promql';
import type { Sli } from './schema';

const latency = { type: 'latency', metric: 'http_server_request_duration_seconds', selector: 'service="payment"', thresholdSeconds: 0.3 } as const;
const ratio: Sli = { type: 'ratio', good: 'x_total{status!~"5.."}', valid: 'x_total' };

describe('a missing good series', () => {
  it('is zero good events for a ratio SLI and no data for a latency SLI', () => {
    expect(readGoodCount(ratio, null, 1_000)).toBe(0);
    expect(readGoodCount(latency, null, 1_000)).toBeNull();
    expect(readGoodCount(latency, 990, 1_000)).toBe(990);
    expect(readGoodCount(ratio, 5, null)).toBeNull();
  });

  it('reads as errors only in a ratio SLI\'s error ratio', () => {
    expect(buildErrorRatioExpr(ratio, '5m')).toBe('(sum(rate(x_total[5m])) - (sum(rate(x_total{status!~"5.."}[5m])) or vector(0))) / sum(rate(x_total[5m]))');
    expect(buildErrorRatioExpr(latency, '5m')).toBe(
      '(sum(rate(http_server_request_duration_seconds_count{service="payment"}[5m])) - sum(rate(http_server_request_duration_seconds_bucket{service="payment",le=~"0\\\\.3"}[5m]))) / sum(rate(http_server_request_duration_seconds_count{service="payment"}[5m]))',
    );
  });
});

describe('checkThresholdBucket', () => {
  it('accepts a threshold that is a bucket boundary, written either way', () => {
    expect(checkThresholdBucket({ ...latency, thresholdSeconds: 0.25 }, ['0.1', '0.25', '0.5', '+Inf'])).toBeNull();
    expect(checkThresholdBucket({ ...latency, thresholdSeconds: 1 }, ['0.5', '1.0', '+Inf'])).toBeNull();
  });

  it('names the boundaries when the threshold is none of them', () => {
    expect(checkThresholdBucket(latency, ['0.5', '0.25', '1', '+Inf'])).toBe(
      'thresholdSeconds 0.3 is not a bucket boundary of http_server_request_duration_seconds_bucket{service="payment"} (boundaries: 0.25, 0.5, 1): no request can count as good, so the SLI has no data',
    );
    expect(checkThresholdBucket(latency, [])).toBe('no http_server_request_duration_seconds_bucket{service="payment"} series in Prometheus: the SLI has no data');
  });
});
