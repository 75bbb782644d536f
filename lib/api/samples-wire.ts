import { asUnixMs, type Sample } from '@/lib/datasources/types';

/**
 * How series samples travel between the BFF and the browser. Two reasons for a wire form of its own:
 * JSON has no ±Infinity (JSON.stringify writes `null`, which a chart draws as a gap, so a
 * histogram_quantile of +Inf would arrive as "no data"), and `{"t":…,"value":…}` per point is most
 * of a range answer's bytes, which the server stringifies and compresses and the browser parses.
 *
 * On the wire, a `samples` (or a stat's `sparkline`) array is a list of runs of evenly spaced points,
 * `[firstMs, stepMs, v0, v1, …]`, point i at firstMs + i·stepMs (stepMs 0 for a lone point); a value
 * is a number, null (NaN or no data) or the string "+Inf" / "-Inf". A range answer is one run per
 * series unless it has gaps. The encoding is lossless: times and values come back exactly.
 *
 * The route handler encodes every answer (encodeAnswer) and fetchJson decodes it (decodeAnswer): the
 * domain types stay `Sample[]` on both sides. The walk looks for the sample keys in the answer's
 * objects and in lists of series (arrays whose first object has one), so that answers without series
 * (log lines, trace lists) cost one look at the first element of each array.
 */

export type WireValue = number | null | '+Inf' | '-Inf';
/** `[firstMs, stepMs, ...values]`. */
export type WireRun = [number, number, ...WireValue[]];

const SAMPLE_KEYS = new Set(['samples', 'sparkline']);

const toWireValue = (v: number | null): WireValue => (v === null || Number.isFinite(v) ? v : v > 0 ? '+Inf' : '-Inf');
const fromWireValue = (v: WireValue): number | null => (v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : v);

/** Samples (in time order, as every producer gives them) as runs. */
export function encodeSamples(samples: readonly Sample[]): WireRun[] {
  const runs: WireRun[] = [];
  let i = 0;
  while (i < samples.length) {
    const first = samples[i]!;
    const next = samples[i + 1];
    const step = next ? next.t - first.t : 0;
    const run: WireRun = [first.t, step, toWireValue(first.value)];
    let j = i + 1;
    // Extend only while the decoder's first + k·step gives back exactly the sample's time.
    if (step > 0) for (; j < samples.length && samples[j]!.t === first.t + (j - i) * step; j++) run.push(toWireValue(samples[j]!.value));
    if (run.length === 3) run[1] = 0; // a lone point: no step to speak of
    runs.push(run);
    i = j;
  }
  return runs;
}

/** Runs back to samples. */
export function decodeSamples(runs: readonly WireRun[]): Sample[] {
  const out: Sample[] = [];
  for (const run of runs) {
    const [first, step] = run;
    for (let k = 2; k < run.length; k++) out.push({ t: asUnixMs(first + (k - 2) * step), value: fromWireValue(run[k] as WireValue) });
  }
  return out;
}

type Convert = (v: unknown[]) => unknown[] | null;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSampleList = (v: unknown[]) => v.length > 0 && isPlainObject(v[0]) && 't' in v[0] && 'value' in v[0];
const isRunList = (v: unknown[]) => v.length > 0 && Array.isArray(v[0]);

/** How deep the walk goes into nested objects; series sit at depth 1 (`{series: [{samples}]}`) in every answer today. */
const MAX_DEPTH = 4;

/** Copy-on-write: `obj` with every sample array under it converted; `obj` itself when nothing changed. */
function mapSampleArrays(obj: Record<string, unknown>, convert: Convert, depth: number): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key in obj) {
    const value = obj[key];
    let mapped: unknown = value;
    if (Array.isArray(value)) {
      if (SAMPLE_KEYS.has(key)) mapped = convert(value) ?? value;
      else if (depth < MAX_DEPTH && isPlainObject(value[0])) mapped = mapList(value, convert, depth + 1);
    } else if (depth < MAX_DEPTH && isPlainObject(value)) mapped = mapSampleArrays(value, convert, depth + 1);
    if (mapped !== value) {
      out ??= { ...obj };
      out[key] = mapped;
    }
  }
  return out ?? obj;
}

/** An array of objects: walked only when its first element has a sample key (a list of series). */
function mapList(list: unknown[], convert: Convert, depth: number): unknown[] {
  const head = list[0] as Record<string, unknown>;
  if (!Object.keys(head).some((k) => SAMPLE_KEYS.has(k))) return list;
  let out: unknown[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const mapped = isPlainObject(item) ? mapSampleArrays(item, convert, depth) : item;
    if (mapped !== item) {
      out ??= list.slice();
      out[i] = mapped;
    }
  }
  return out ?? list;
}

const encodeList: Convert = (v) => (isSampleList(v) ? encodeSamples(v as Sample[]) : null);
const decodeList: Convert = (v) => (isRunList(v) ? decodeSamples(v as WireRun[]) : null);

/** An answer as it goes on the wire: sample arrays as runs (the input is not modified). */
export function encodeAnswer(answer: unknown): unknown {
  return isPlainObject(answer) ? mapSampleArrays(answer, encodeList, 0) : answer;
}

/** An answer off the wire: runs back to sample arrays. */
export function decodeAnswer(answer: unknown): unknown {
  return isPlainObject(answer) ? mapSampleArrays(answer, decodeList, 0) : answer;
}
