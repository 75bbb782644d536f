import { toLabelKey } from '../decode';
import { asUnixMs, type Exemplar, type Labels, type TimeSeries } from '../types';
import type { PromExemplars, PromMatrix, PromQueryData, PromVector } from './schemas';

/** Prometheus' value strings to numbers: NaN becomes null ("no data"), ±Inf stays infinite. */
export function toSampleValue(v: string): number | null {
  if (v === 'NaN') return null;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  const n = Number(v);
  return Number.isNaN(n) ? null : n;
}

/** Float seconds to epoch ms, rounded to the millisecond Prometheus keeps. */
export const toUnixMsFromSeconds = (s: number) => asUnixMs(Math.round(s * 1000));

/** How a series is named: `metric{labels}`, or just the labels when the metric name was dropped. */
export function toName(labels: Labels): string {
  const { __name__: metric, ...rest } = labels;
  const inner = toLabelKey(rest);
  return metric ? (inner === '{}' ? metric : `${metric}${inner}`) : inner;
}

/** A range query's matrix to neutral series. */
export function toTimeSeries(matrix: PromMatrix): TimeSeries[] {
  return matrix.map((s) => ({
    id: toLabelKey(s.metric),
    name: toName(s.metric),
    labels: s.metric,
    samples: s.values.map(([t, v]) => ({ t: toUnixMsFromSeconds(t), value: toSampleValue(v) })),
  }));
}

/** An instant vector to one-sample series. */
export function toTimeSeriesFromVector(vector: PromVector): TimeSeries[] {
  return vector.map((s) => ({ id: toLabelKey(s.metric), name: toName(s.metric), labels: s.metric, samples: [{ t: toUnixMsFromSeconds(s.value[0]), value: toSampleValue(s.value[1]) }] }));
}

/** Any query result to series; a scalar becomes one unlabeled series, a string result has no series. */
export function toTimeSeriesFromQuery(data: PromQueryData): TimeSeries[] {
  switch (data.resultType) {
    case 'matrix':
      return toTimeSeries(data.result);
    case 'vector':
      return toTimeSeriesFromVector(data.result);
    case 'scalar':
      return [{ id: '{}', name: 'scalar', labels: {}, samples: [{ t: toUnixMsFromSeconds(data.result[0]), value: toSampleValue(data.result[1]) }] }];
    case 'string':
      return [];
  }
}

/** Exemplars flattened, each with the trace ID from its `trace_id` (or `traceID`) label. */
export function toExemplars(wire: PromExemplars): Exemplar[] {
  return wire.flatMap((s) =>
    s.exemplars.map((e) => ({
      seriesLabels: s.seriesLabels,
      labels: e.labels,
      traceId: e.labels.trace_id ?? e.labels.traceID ?? e.labels.traceId ?? null,
      value: toSampleValue(e.value) ?? Number.NaN,
      t: toUnixMsFromSeconds(e.timestamp),
    })),
  );
}
