import { describe, expect, it } from 'vitest';
import { splitNanos, splitNanos64, startOrder } from './otlp-trace-builder';

describe('nanoseconds since the epoch to whole microseconds, exactly', () => {
  // Exact while the microseconds fit a double (2^53 µs: the year 2255).
  it('splits a 64-bit value given as two 32-bit halves like BigInt arithmetic does', () => {
    for (const ns of [0n, 999n, 1_000n, 4_294_967_295n, 4_294_967_296n, 1_795_309_288_944_954_999n, 8_000_000_000_000_000_999n]) {
      const out = new Float64Array(2);
      splitNanos64(Number(ns & 0xffffffffn), Number(ns >> 32n), out, 0);
      expect([out[0], out[1]]).toEqual([Number(ns / 1000n), Number(ns % 1000n)]);
    }
  });

  it('splits the decimal strings of OTLP JSON the same way', () => {
    const out = new Float64Array(2);
    splitNanos('1795309288944954999', out, 0);
    expect([out[0], out[1]]).toEqual([1_795_309_288_944_954, 999]);
    splitNanos('42', out, 0);
    expect([out[0], out[1]]).toEqual([0, 42]);
  });
});

describe('start order of spans', () => {
  const reference = (starts: number[]) => starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);

  it('is the identity for spans already in start order, ties included', () => {
    expect(Array.from(startOrder([5, 5, 7, 9, 9, 9]))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(startOrder([]))).toEqual([]);
  });

  it('sorts by start and keeps the given order of spans that start together', () => {
    expect(Array.from(startOrder([30, 10, 20, 10, 30, 0]))).toEqual([5, 1, 3, 2, 0, 4]);
  });

  it('agrees with a stable comparison sort on epoch-microsecond starts with many ties', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const starts = Array.from({ length: 5000 }, () => 1_700_000_000_000_000 + Math.floor(rand() * 2000) * 1000);
    expect(Array.from(startOrder(starts))).toEqual(reference(starts));
  });

  it('still sorts correctly when the starts are too far apart to pack with their index', () => {
    // 30 days in µs: past the 2^33 µs the packed key can hold.
    const starts = [30 * 86_400e6, 0, 5, 30 * 86_400e6, 1];
    expect(Array.from(startOrder(starts))).toEqual([1, 4, 2, 0, 3]);
  });
});
