import { describe, expect, it } from 'vitest';
import { metrics } from './metrics';

/** The cumulative count of `histogram`'s bucket `le` for `labels`. */
async function bucketCount(histogram: 'requestDuration' | 'upstreamDuration', labels: Record<string, string>, le: number): Promise<number | undefined> {
  const { values } = await metrics()[histogram].get();
  // Widened: bucket values carry `le` beside the histogram's own labels.
  const labelsOf = (v: (typeof values)[number]) => v.labels as Record<string, string | number | undefined>;
  return values.find((v) => v.metricName?.endsWith('_bucket') && labelsOf(v).le === le && Object.entries(labels).every(([k, x]) => labelsOf(v)[k] === x))?.value;
}

describe('latency histograms', () => {
  it('tell a 12 s, a 20 s and a 45 s request apart, up to the 30 s timeouts and past them', async () => {
    for (const s of [12, 20, 45]) {
      metrics().requestDuration.observe({ route: 'test.slow', method: 'GET' }, s);
      metrics().upstreamDuration.observe({ datasource: 'test-slow' }, s);
    }
    for (const [histogram, labels] of [
      ['requestDuration', { route: 'test.slow', method: 'GET' }],
      ['upstreamDuration', { datasource: 'test-slow' }],
    ] as const) {
      expect([await bucketCount(histogram, labels, 10), await bucketCount(histogram, labels, 15), await bucketCount(histogram, labels, 30), await bucketCount(histogram, labels, 60)]).toEqual([0, 1, 2, 3]);
    }
  });
});
