import { describe, expect, it } from 'vitest';
import { computeTicks, formatMicros, placeInterval } from './time-scale';

describe('formatMicros', () => {
  it('picks the unit a reader expects', () => {
    expect(formatMicros(850)).toBe('850µs');
    expect(formatMicros(12_345)).toBe('12.3ms');
    expect(formatMicros(1_240_000)).toBe('1.24s');
    expect(formatMicros(125_000_000)).toBe('2m 5s');
  });
});

describe('computeTicks', () => {
  it('puts ticks at round offsets across the whole trace', () => {
    const ticks = computeTicks(1_000_000, 5);
    expect(ticks.map((t) => t.label)).toEqual(['0µs', '200ms', '400ms', '600ms', '800ms', '1s']);
    expect(ticks.at(-1)!.fraction).toBe(1);
  });

  it('never divides a zero-length trace', () => {
    expect(computeTicks(0)).toHaveLength(1);
  });
});

describe('placeInterval', () => {
  it('positions a span by start and duration, keeping tiny spans visible', () => {
    expect(placeInterval(150, 50, 100, 200)).toEqual({ left: 25, width: 25 });
    expect(placeInterval(100, 0, 100, 200).width).toBeGreaterThan(0);
  });
});
