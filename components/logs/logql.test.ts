import { describe, expect, it } from 'vitest';
import type { Sample, TimeSeries, UnixMs } from '@/lib/datasources/types';
import { addMatcher, startsWithStreamSelector, missingSelectorLabels, pickVolumeStep, streamSelector, toVolumeBars, toVolumeQuery } from './logql';

const series = (labels: Record<string, string>, points: [number, number | null][]): TimeSeries => ({
  id: JSON.stringify(labels),
  name: '',
  labels,
  samples: points.map(([t, value]): Sample => ({ t: t as UnixMs, value })),
});

describe('addMatcher', () => {
  it('starts a selector when the query is empty', () => {
    expect(addMatcher('', 'service_name', 'payment')).toBe('{service_name="payment"}');
  });
  it('adds to an existing selector and keeps the pipeline', () => {
    expect(addMatcher('{service_name="payment"} |= "failed"', 'env', 'prod')).toBe('{service_name="payment", env="prod"} |= "failed"');
  });
  it('replaces the matcher of the same label', () => {
    expect(addMatcher('{service_name=~"pay.*", env="prod"}', 'service_name', 'cart')).toBe('{env="prod", service_name="cart"}');
  });
  it('escapes quotes in values', () => {
    expect(addMatcher('{}', 'msg', 'say "hi"')).toBe('{msg="say \\"hi\\""}');
  });
});

describe('streamSelector', () => {
  it('reads every matcher of a log or a metric query, with quoted commas, braces and escapes', () => {
    expect(streamSelector('{service_name="pay,ment", level=~"warn|error"} |= "x"')).toEqual([
      { name: 'service_name', op: '=', value: 'pay,ment' },
      { name: 'level', op: '=~', value: 'warn|error' },
    ]);
    expect(streamSelector('rate({job != `a}b`}[5m])')).toEqual([{ name: 'job', op: '!=', value: 'a}b' }]);
    expect(streamSelector('{msg="say \\"hi\\""}')).toEqual([{ name: 'msg', op: '=', value: 'say "hi"' }]);
    expect(streamSelector('{}')).toEqual([]);
  });

  it('is null without a selector or for a malformed one', () => {
    for (const q of ['', 'sum(1)', '{service_name}', '{service_name="x"', '{a="x" b="y"}', '{1a="x"}', '{a=x}']) expect(streamSelector(q), q).toBeNull();
  });
});

describe('missingSelectorLabels', () => {
  const known = ['service_name', 'service_namespace'];
  it('names labels the selector requires that no stream has', () => {
    expect(missingSelectorLabels('{service="checkout"} |= "error"', known)).toEqual(['service']);
    expect(missingSelectorLabels('{service_name="checkout", env=~"prod.+", env="prod"}', known)).toEqual(['env']);
  });

  it('ignores matchers that streams without the label satisfy, and labels that exist', () => {
    expect(missingSelectorLabels('{service_name="checkout", team!="x", zone!~"a.*", tier=~".*", host=""}', known)).toEqual([]);
    expect(missingSelectorLabels('not a selector', known)).toEqual([]);
  });
});

describe('volume query', () => {
  it('wraps a log query, pipeline included, in a count per level', () => {
    expect(toVolumeQuery('{service_name="payment"} |= "x"', 60)).toBe('sum by (detected_level, level) (count_over_time({service_name="payment"} |= "x" [60s]))');
  });
  it('has no volume for a metric query', () => {
    expect(startsWithStreamSelector('rate({a="b"}[1m])')).toBe(false);
    expect(toVolumeQuery('rate({a="b"}[1m])', 60)).toBeNull();
  });
  it('picks a nice step giving at most about 60 bars', () => {
    expect(pickVolumeStep(3600_000)).toBe(60);
    expect(pickVolumeStep(15 * 60_000)).toBe(15);
    expect(pickVolumeStep(24 * 3600_000)).toBe(1800);
  });
});

describe('toVolumeBars', () => {
  const start = 1_000_000 * 60_000; // minute-aligned epoch ms
  it('puts each window-end sample in the bar it counts, sums a level across series, keeps empty steps at zero', () => {
    const bars = toVolumeBars(
      [
        series({ detected_level: 'error' }, [[start + 60_000, 2], [start + 180_000, 1]]),
        series({ detected_level: 'info', level: 'ERROR' }, [[start + 60_000, 3]]),
        series({ detected_level: 'info' }, [[start + 120_000, 5]]),
        series({}, [[start + 120_000, 4]]),
      ],
      start,
      start + 180_000,
      60,
    );
    expect(bars.map((b) => b.t)).toEqual([start, start + 60_000, start + 120_000]);
    expect(bars.map((b) => [b.error, b.info, b.unknown])).toEqual([[5, 0, 0], [0, 5, 4], [1, 0, 0]]);
  });
  it('maps level spellings and skips NaN samples', () => {
    const bars = toVolumeBars([series({ detected_level: 'warning' }, [[start + 60_000, 7], [start + 60_000, null]])], start, start + 60_000, 60);
    expect(bars).toHaveLength(1);
    expect(bars[0]!.warn).toBe(7);
  });
});
