import { describe, expect, it } from 'vitest';
import { asUnixMs, type Sample } from '@/lib/datasources/types';
import { decodeAnswer, decodeSamples, encodeAnswer, encodeSamples } from './samples-wire';

const s = (t: number, value: number | null): Sample => ({ t: asUnixMs(t), value });
/** What the browser gets: the encoded answer through JSON text, decoded. */
const roundTrip = (answer: unknown) => decodeAnswer(JSON.parse(JSON.stringify(encodeAnswer(answer))));

describe('encodeSamples / decodeSamples', () => {
  it('sends evenly spaced points as one run of values', () => {
    const samples = [s(1_000, 1), s(16_000, 2.5), s(31_000, null), s(46_000, 4)];
    expect(encodeSamples(samples)).toEqual([[1_000, 15_000, 1, 2.5, null, 4]]);
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
  });

  it('starts a new run at a gap and keeps a lone point with step 0', () => {
    const samples = [s(0, 1), s(10, 2), s(20, 3), s(50, 4), s(60, 5), s(100, 6)];
    expect(encodeSamples(samples)).toEqual([
      [0, 10, 1, 2, 3],
      [50, 10, 4, 5],
      [100, 0, 6],
    ]);
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
  });

  it('keeps +Inf and -Inf, which plain JSON turns into null', () => {
    const samples = [s(0, Infinity), s(10, -Infinity), s(20, 0)];
    expect(JSON.parse(JSON.stringify(samples))[0].value).toBeNull(); // the bug this wire form avoids
    expect(decodeSamples(JSON.parse(JSON.stringify(encodeSamples(samples))))).toEqual(samples);
  });

  it('gives back irregular times exactly (fractional milliseconds, uneven steps)', () => {
    const samples = [s(0.1, 1), s(0.3, 2), s(0.5, 3), s(7, 4), s(7.5, 5), s(9, 6)];
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
  });

  it('encodes no samples as no runs', () => {
    expect(encodeSamples([])).toEqual([]);
    expect(decodeSamples([])).toEqual([]);
  });
});

describe('encodeAnswer / decodeAnswer', () => {
  const series = (id: string, samples: Sample[]) => ({ id, name: id, labels: { job: id }, samples });

  it('converts the samples of every series of a panel or explore answer and of a stat sparkline', () => {
    const panel = { type: 'timeseries', series: [series('a', [s(0, 1), s(5, Infinity)]), series('b', [])], window: { start: 0, end: 5, stepSeconds: 0.005 }, notices: [] };
    const wire = encodeAnswer(panel) as { series: { samples: unknown }[] };
    expect(wire.series[0]!.samples).toEqual([[0, 5, 1, '+Inf']]);
    expect(roundTrip(panel)).toEqual(panel);
    const stat = { type: 'stat', value: 2, sparkline: [s(0, 1), s(60_000, 2)], thresholds: [], deployments: [], notices: [] };
    expect((encodeAnswer(stat) as { sparkline: unknown }).sparkline).toEqual([[0, 60_000, 1, 2]]);
    expect(roundTrip(stat)).toEqual(stat);
    const explore = { data: [series('up', [s(1, 1)])], notices: [] };
    expect(roundTrip(explore)).toEqual(explore);
  });

  it('finds series in nested objects', () => {
    const answer = { chart: { series: [series('a', [s(0, -Infinity)])] } };
    expect(roundTrip(answer)).toEqual(answer);
  });

  it('leaves the input untouched and answers without series as they are (the same object)', () => {
    const panel = { series: [series('a', [s(0, 1)])] };
    encodeAnswer(panel);
    expect(panel.series[0]!.samples).toEqual([s(0, 1)]);
    const logs = { kind: 'logs', data: [{ t: 1, line: 'x', labels: { a: 'b' }, fields: {} }], notices: [] };
    expect(encodeAnswer(logs)).toBe(logs);
    expect(decodeAnswer(logs)).toBe(logs);
    expect(encodeAnswer(null)).toBeNull();
    expect(encodeAnswer([1, 2])).toEqual([1, 2]);
  });

  it('does not touch a `samples` key that holds something other than samples', () => {
    const answer = { samples: ['a', 'b'], sparkline: [] };
    expect(encodeAnswer(answer)).toBe(answer);
    expect(decodeAnswer(answer)).toBe(answer);
  });
});
