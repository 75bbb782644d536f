import { describe, expect, it } from 'vitest';
import type { Exemplar, UnixMs } from '@/lib/datasources/types';
import { matchesSelector, parseSelector, toExpressionExemplarSource, toSloExemplarSource } from './exemplar-source';

const ex = (seriesLabels: Record<string, string>, value = 1): Exemplar => ({ seriesLabels, labels: { trace_id: 'ab' }, traceId: 'ab', value, t: 1 as UnixMs });
const series = (status: string) => ({ __name__: 'http_server_requests_total', service: 'payment', route: '/payments', method: 'POST', status });

describe('toSloExemplarSource', () => {
  const availability = {
    sli: {
      type: 'ratio' as const,
      good: 'http_server_requests_total{service="payment",route="/payments",method="POST",status!~"5.."}',
      valid: 'http_server_requests_total{service="payment",route="/payments",method="POST"}',
    },
  };

  it('reads exemplars of the valid events and marks those outside the good selector as bad', () => {
    const src = toSloExemplarSource(availability);
    expect(src.query).toBe(availability.sli.valid);
    expect(src.isBad(ex(series('503')))).toBe(true);
    expect(src.isBad(ex(series('201')))).toBe(false);
    expect(src.isBad(ex(series('402')))).toBe(false);
  });

  it('reads a latency SLI\'s buckets and marks exemplars slower than the threshold as bad', () => {
    const src = toSloExemplarSource({ sli: { type: 'latency', metric: 'http_server_request_duration_seconds', selector: 'service="payment"', thresholdSeconds: 1 } });
    expect(src.query).toBe('http_server_request_duration_seconds_bucket{service="payment"}');
    expect(src.isBad(ex({}, 2.1))).toBe(true);
    expect(src.isBad(ex({}, 0.2))).toBe(false);
  });
});

describe('selectors', () => {
  it('parses escaped values and evaluates anchored regexes', () => {
    const m = parseSelector('m{path=~"/a/.*",q="say \\"hi\\"",s!="x"}');
    expect(m).toEqual([
      { name: '__name__', op: '=', value: 'm' },
      { name: 'path', op: '=~', value: '/a/.*' },
      { name: 'q', op: '=', value: 'say "hi"' },
      { name: 's', op: '!=', value: 'x' },
    ]);
    expect(matchesSelector({ __name__: 'm', path: '/a/b', q: 'say "hi"', s: 'y' }, m)).toBe(true);
    expect(matchesSelector({ __name__: 'm', path: '/b/a/', q: 'say "hi"', s: 'y' }, m)).toBe(false);
  });

  it('marks 5xx series bad for a rule without an SLO', () => {
    const src = toExpressionExemplarSource('sum(rate(x[5m])) > 1');
    expect(src.isBad(ex({ status: '500' }))).toBe(true);
    expect(src.isBad(ex({ status: '200' }))).toBe(false);
  });
});
