import { describe, expect, it } from 'vitest';
import type { AlertRule, UnixMs } from '@/lib/datasources/types';
import { readRuleThreshold } from './alert-expression';
import { toCandidateSearch, toJaegerDuration, toSlowThresholdSeconds } from './candidate-search';

const MIN = 60_000;
const now = 1_700_000_000_000;

describe('toCandidateSearch', () => {
  it('searches ten minutes either side of when the alert became active, not the last minutes', () => {
    const s = toCandidateSearch({ activeAt: (now - 2 * 3_600_000) as UnixMs, now, minDurationSeconds: null });
    expect([s.start, s.end]).toEqual([now - 2 * 3_600_000 - 10 * MIN, now - 2 * 3_600_000 + 10 * MIN]);
  });

  it('never searches past now, and searches the last ten minutes when the start is unknown', () => {
    const s = toCandidateSearch({ activeAt: (now - 3 * MIN) as UnixMs, now, minDurationSeconds: 1, environment: 'production' });
    expect(s).toEqual({ start: now - 13 * MIN, end: now, minDurationSeconds: 1, environment: 'production' });
    expect(toCandidateSearch({ activeAt: null, now, minDurationSeconds: null, environment: '' })).toEqual({ start: now - 10 * MIN, end: now, minDurationSeconds: null, environment: null });
  });
});

describe('toSlowThresholdSeconds', () => {
  const rule = (query: string, annotations: Record<string, string> = {}): Pick<AlertRule, 'query' | 'annotations'> => ({ query, annotations });
  // The rule's threshold is read once by the caller (loadAlertDetail) and passed in.
  const slowThreshold = (slo: Parameters<typeof toSlowThresholdSeconds>[0], r: Pick<AlertRule, 'query' | 'annotations'> | null) => toSlowThresholdSeconds(slo, r, r && readRuleThreshold(r));
  it("uses a latency SLO's threshold; an availability SLO has none", () => {
    expect(slowThreshold({ sli: { type: 'latency', metric: 'http_server_request_duration_seconds', selector: 'service="payment"', thresholdSeconds: 1 } }, rule('x > 1'))).toBe(1);
    expect(slowThreshold({ sli: { type: 'ratio', good: 'a_total', valid: 'b_total' } }, rule('x > 1'))).toBeNull();
  });

  it('reads the threshold of a rule on a quantile of a seconds histogram, and nothing else', () => {
    expect(slowThreshold(null, rule('histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service="cart"}[5m]))) > 0.5'))).toBe(0.5);
    expect(slowThreshold(null, rule('histogram_quantile(0.9, rate(rpc_seconds_bucket[5m])) > 2', { threshold: '0.75' }))).toBe(0.75);
    expect(slowThreshold(null, rule('sum(rate(http_server_requests_total{status=~"5.."}[5m])) > 1'))).toBeNull();
    expect(slowThreshold(null, rule('histogram_quantile(0.99, rate(payload_bytes_bucket[5m])) > 1e6'))).toBeNull();
    expect(slowThreshold(null, null)).toBeNull();
  });
});

describe('toJaegerDuration', () => {
  it('writes seconds as a Go duration Jaeger accepts', () => {
    expect(toJaegerDuration(1)).toBe('1000000us');
    expect(toJaegerDuration(0.3)).toBe('300000us');
  });
});
