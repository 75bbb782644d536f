import { describe, expect, it } from 'vitest';
import type { Labels, UnixMs } from '@/lib/datasources/types';
import type { PanelExemplar, PanelSeries } from '@/lib/panels/types';
import { findValueNear, toPanelExemplarPoints } from './exemplar-points';

// Test data in seconds, converted to epoch ms here (hence the casts to UnixMs).
const ms = (seconds: number) => (seconds * 1000) as UnixMs;
const series = (queryId: string, labels: Labels, points: [number, number | null][], axis: PanelSeries['axis'] = 'left'): PanelSeries => ({
  id: `${queryId}:${JSON.stringify(labels)}`,
  name: queryId,
  labels,
  queryId,
  unit: 'seconds',
  axis,
  samples: points.map(([t, value]) => ({ t: ms(t), value })),
});
const exemplar = (queryId: string, t: number, seriesLabels: Labels = { le: '0.5' }): PanelExemplar => ({ t: ms(t), value: 0.4, traceId: `trace-${t}`, queryId, seriesLabels });
const href = (e: PanelExemplar) => `/traces/${e.traceId}`;

describe('findValueNear', () => {
  it('takes the sample nearest in time, skipping gaps, and the higher value on a tie', () => {
    expect(findValueNear([series('a', {}, [[0, 1], [10, null], [20, 3]])], 11_000)).toBe(3);
    expect(findValueNear([series('a', {}, [[0, 1]]), series('b', {}, [[0, 2]])], 0)).toBe(2);
    expect(findValueNear([series('a', {}, [[0, null]])], 0)).toBeNull();
  });
});

describe('toPanelExemplarPoints', () => {
  it("puts an exemplar on its own query's line at its time, not on another query's", () => {
    const lines = [series('p99', {}, [[0, 0.9], [15, 1.2]]), series('p50', {}, [[0, 0.1], [15, 0.2]])];
    const [p] = toPanelExemplarPoints(lines, [exemplar('p50', 14)], href);
    expect(p).toMatchObject({ t: 14_000, y: 0.2, seriesIndex: 1, axis: 'left', href: '/traces/trace-14' });
  });

  it('picks the series whose labels the exemplar carries when a query draws several', () => {
    const lines = [series('rate', { route: '/cart' }, [[0, 5]]), series('rate', { route: '/checkout' }, [[0, 1]], 'right')];
    const [p] = toPanelExemplarPoints(lines, [exemplar('rate', 0, { route: '/checkout', le: '+Inf' })], href);
    expect(p).toMatchObject({ y: 1, seriesIndex: 1, axis: 'right' });
  });

  it('leaves out exemplars whose query drew no line, instead of drawing them at zero', () => {
    const lines = [series('p99', {}, [[0, null]])];
    expect(toPanelExemplarPoints(lines, [exemplar('p99', 0), exemplar('gone', 0)], href)).toEqual([]);
  });
});
