import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { loadFixture } from '@/lib/testing/fixtures';
import { decodeMatrix, decodeRangeData } from './decode-matrix';
import { PromMatrix } from './schemas';
import { toTimeSeries } from './to-time-series';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const fixtureResult = (name: string): unknown => {
  const body = loadFixture('prometheus', name).body;
  return (JSON.parse(typeof body === 'string' ? body : JSON.stringify(body)) as { data: { result: unknown } }).data.result;
};

describe('decodeMatrix', () => {
  it('gives the same series as validating with the schema and converting, on captured answers', () => {
    for (const name of ['query-range-matrix', 'query-range-nan-inf']) {
      const result = fixtureResult(name);
      expect(decodeMatrix(result)).toEqual(toTimeSeries(PromMatrix.parse(result)));
    }
  });

  it('names the first sample that is not a [seconds, "value"] pair', () => {
    const result = [{ metric: { job: 'a' }, values: [[1, '1'], [2, 'x']] }, { metric: {}, values: [[1, '1'], [2, 3]] }];
    const err = thrown(() => decodeMatrix(result));
    expect(err.code).toBe('UPSTREAM_ERROR');
    expect(err.message).toBe('Prometheus answered in an unexpected shape at data.result.1.values.1.1: expected a string value');
    expect(thrown(() => decodeMatrix([{ metric: { job: 1 }, values: [] }])).message).toContain('at data.result.0.metric.job: expected a string');
    expect(thrown(() => decodeMatrix([{ metric: {}, values: [['1', '1']] }])).message).toContain('at data.result.0.values.0.0: expected a number');
  });

  it('reads a series without values as empty, and other result types through their schema', () => {
    expect(decodeMatrix([{ metric: { job: 'a' } }])[0]?.samples).toEqual([]);
    expect(decodeRangeData({ resultType: 'scalar', result: [1700000000, '42'] })[0]?.samples).toEqual([{ t: 1_700_000_000_000, value: 42 }]);
    expect(thrown(() => decodeRangeData({ resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] })).message).toContain('at data.result.0.value.1');
  });
});
