import { AppError } from '@/lib/api/errors';
import { toLabelKey } from '../decode';
import { DATASOURCE_TITLES } from '../resilience/upstream-errors';
import type { Labels, Sample, TimeSeries } from '../types';
import { PromQueryData } from './schemas';
import { toName, toSampleValue, toTimeSeriesFromQuery, toUnixMsFromSeconds } from './to-time-series';

/**
 * A range query's matrix checked and converted in one pass. Validating every `[seconds, "value"]`
 * pair with zod and then converting it walked a 60 KB answer twice and allocated per sample; this
 * walks it once and still names the first field that is off, in the same words as decodeJson.
 */

function unexpected(where: string, message: string): AppError {
  return new AppError('UPSTREAM_ERROR', `${DATASOURCE_TITLES.prometheus} answered in an unexpected shape at ${where}: ${message}`, { details: { datasource: 'prometheus' } });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toLabels(metric: unknown, where: string): Labels {
  if (!isRecord(metric)) throw unexpected(where, 'expected an object of label values');
  for (const [k, v] of Object.entries(metric)) if (typeof v !== 'string') throw unexpected(`${where}.${k}`, 'expected a string');
  return metric as Labels;
}

function toSamples(values: unknown, where: string): Sample[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw unexpected(where, 'expected an array of [seconds, "value"] pairs');
  const out: Sample[] = new Array<Sample>(values.length);
  for (let i = 0; i < values.length; i++) {
    const pair: unknown = values[i];
    if (!Array.isArray(pair) || pair.length !== 2) throw unexpected(`${where}.${i}`, 'expected a [seconds, "value"] pair');
    const [t, v] = pair as [unknown, unknown];
    if (typeof t !== 'number') throw unexpected(`${where}.${i}.0`, 'expected a number (seconds)');
    if (typeof v !== 'string') throw unexpected(`${where}.${i}.1`, 'expected a string value');
    out[i] = { t: toUnixMsFromSeconds(t), value: toSampleValue(v) };
  }
  return out;
}

/** `data.result` of a matrix answer to neutral series; throws UPSTREAM_ERROR naming the first bad field. */
export function decodeMatrix(result: unknown, where = 'data.result'): TimeSeries[] {
  if (!Array.isArray(result)) throw unexpected(where, 'expected an array of series');
  return result.map((s: unknown, i) => {
    if (!isRecord(s)) throw unexpected(`${where}.${i}`, 'expected a series object');
    const labels = toLabels(s.metric, `${where}.${i}.metric`);
    return { id: toLabelKey(labels), name: toName(labels), labels, samples: toSamples(s.values, `${where}.${i}.values`) };
  });
}

/** A range query's `data` to series: a matrix in one pass, any other result type through its schema. */
export function decodeRangeData(data: { resultType: string; result?: unknown }): TimeSeries[] {
  if (data.resultType === 'matrix') return decodeMatrix(data.result);
  const parsed = PromQueryData.safeParse(data);
  if (parsed.success) return toTimeSeriesFromQuery(parsed.data);
  const issue = parsed.error.issues[0];
  throw unexpected(['data', ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'invalid');
}
