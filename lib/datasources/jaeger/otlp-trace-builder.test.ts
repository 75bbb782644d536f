import { describe, expect, it } from 'vitest';
import { splitNanos, splitNanos64 } from './otlp-trace-builder';

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
