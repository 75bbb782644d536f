import type { Labels, Sample } from '@/lib/datasources/types';
import type { PanelExemplar, PanelSeries } from '@/lib/panels/types';

/**
 * Where exemplars are drawn. An exemplar's own value is in another unit than the charted line (a
 * request's duration under a p99 line, one request under a request rate), so it is placed on the
 * line at its time and its own value goes in its label. Pure, shared by every chart with exemplars.
 */

/** An exemplar placed on a chart: x is its time (epoch ms), y the charted value there. */
export interface ExemplarPoint<E> {
  t: number;
  y: number;
  exemplar: E;
  href: string;
}

/** The sample nearest in time to `t` over these series as its distance (ms) and value; the higher value on a tie. */
function findSampleNear(series: readonly { samples: readonly Sample[] }[], t: number): { d: number; v: number } | null {
  let best: { d: number; v: number } | null = null;
  for (const s of series) {
    for (const p of s.samples) {
      if (p.value === null || !Number.isFinite(p.value)) continue;
      const d = Math.abs(p.t - t);
      if (!best || d < best.d || (d === best.d && p.value > best.v)) best = { d, v: p.value };
    }
  }
  return best;
}

/** The sample value nearest in time to `t` over these series (the higher one on a tie); null when none has a value. */
export function findValueNear(series: readonly { samples: readonly Sample[] }[], t: number): number | null {
  return findSampleNear(series, t)?.v ?? null;
}

/** Whether every label of an aggregated series (`sum by (route)` keeps route) is one of the exemplar's series labels. */
const isWithin = (seriesLabels: Labels, exemplarLabels: Labels) => Object.entries(seriesLabels).every(([k, v]) => k === '__name__' || exemplarLabels[k] === v);

/** A panel exemplar drawn on the series it belongs to, with that series' index (colour) and axis. */
export interface PanelExemplarPoint extends ExemplarPoint<PanelExemplar> {
  seriesIndex: number;
  axis: PanelSeries['axis'];
}

/**
 * Places each exemplar on a series of its own query whose labels it carries (else any series of
 * that query), at its time, at the value of that series' sample nearest in time. Exemplars whose
 * query drew no line at all are left out: a point floating at zero would read as a value the chart
 * does not have.
 */
export function toPanelExemplarPoints(series: readonly PanelSeries[], exemplars: readonly PanelExemplar[], hrefOf: (e: PanelExemplar) => string): PanelExemplarPoint[] {
  const out: PanelExemplarPoint[] = [];
  for (const e of exemplars) {
    const ofQuery = series.map((s, i) => ({ s, i })).filter(({ s }) => s.queryId === e.queryId);
    const matching = ofQuery.filter(({ s }) => isWithin(s.labels, e.seriesLabels));
    const candidates = matching.length > 0 ? matching : ofQuery;
    let best: { i: number; y: number; d: number } | null = null;
    for (const { s, i } of candidates) {
      const near = findSampleNear([s], e.t);
      if (near && (!best || near.d < best.d || (near.d === best.d && near.v > best.y))) best = { i, y: near.v, d: near.d };
    }
    const s = best ? series[best.i] : undefined;
    if (best && s) out.push({ t: e.t, y: best.y, exemplar: e, href: hrefOf(e), seriesIndex: best.i, axis: s.axis });
  }
  return out;
}
