import type { QueryResult, ResultNotice } from './types';

/**
 * The most series one answer carries to the browser. Prometheus has no limit of its own on series
 * (its 50-million-sample limit is far beyond what a chart or a table can show), so a query over a
 * high-cardinality metric would otherwise send thousands of series, each drawn and listed.
 */

/**
 * Says that `total` series (or rows) came back and the first `max` are shown: "The query returned
 * 1,234 series", or with `what` as a panel says it, "The panel's queries returned 300 series".
 */
export function seriesCappedNotice(total: number, max: number, what: { returned: string; unit: string } = { returned: 'The query returned', unit: 'series' }): ResultNotice {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    code: 'SERIES_CAPPED',
    message: `${what.returned} ${n(total)} ${what.unit}; showing the first ${n(max)}. Narrow the query with label matchers, or aggregate it (e.g. sum by (service) (…))`,
  };
}

/** The result with at most `max` series (in the upstream's order), and SERIES_CAPPED when some were left out. */
export function limitSeries<R extends QueryResult<readonly unknown[]>>(result: R, max: number): R {
  if (result.data.length <= max) return result;
  return { ...result, data: result.data.slice(0, max), notices: [...result.notices, seriesCappedNotice(result.data.length, max)] };
}
