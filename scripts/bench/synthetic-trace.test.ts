import { describe, expect, it } from 'vitest';
import { buildSpanTree, summarizeTree } from '@/lib/traces/tree';
import { generateSyntheticTrace } from './synthetic-trace';
import { toOtlpRequests } from './gen-trace';

describe('generateSyntheticTrace', () => {
  const trace = generateSyntheticTrace({ spanCount: 10_000, seed: 3 });
  const stats = summarizeTree(buildSpanTree(trace));

  it('has the requested size with the shape of a real trace', () => {
    expect(trace.spans).toHaveLength(10_000);
    expect(stats.depth).toBeGreaterThanOrEqual(6);
    expect(stats.depth).toBeLessThanOrEqual(12);
    expect(stats.services.length).toBeGreaterThanOrEqual(5);
    expect(stats.errorCount).toBeGreaterThan(50);
    expect(stats.orphanCount).toBe(4);
    expect(new Set(trace.spans.map((s) => s.spanId)).size).toBe(10_000);
  });

  it('is reproducible from its seed', () => {
    expect(generateSyntheticTrace({ spanCount: 50, seed: 3, startMs: 0 })).toEqual(generateSyntheticTrace({ spanCount: 50, seed: 3, startMs: 0 }));
  });
});

describe('toOtlpRequests', () => {
  it('splits a large trace into requests that together carry every span once', () => {
    const trace = generateSyntheticTrace({ spanCount: 4500, seed: 1 });
    const requests = toOtlpRequests(trace, 2000) as { resourceSpans: { scopeSpans: { spans: { spanId: string; startTimeUnixNano: string }[] }[] }[] }[];
    expect(requests).toHaveLength(3);
    const sent = requests.flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
    expect(new Set(sent.map((s) => s.spanId)).size).toBe(4500);
    const root = sent.find((s) => s.spanId === trace.spans[0]!.spanId)!;
    expect(root.startTimeUnixNano).toBe(`${trace.spans[0]!.startMicros}000`);
  });
});
