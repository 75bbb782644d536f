import type { QueryResult, ResultNotice } from './types';

/**
 * The most series one answer carries to the browser. Prometheus has no limit of its own on series
 * (its 50-million-sample limit is far beyond what a chart or a table can show), so a query over a
 * high-cardinality metric would otherwise send thousands of series, each drawn and listed.
 */

/** Says that `total` series came back and the first `max` are shown. */
export function seriesCappedNotice(total: number, max: number): ResultNotice {
  return {
    code: 'SERIES_CAPPED',
    message: `The query returned ${total.toLocaleString('en-US')} series; showing the first ${max.toLocaleString('en-US')}. Narrow it with label matchers, or aggregate it (e.g. sum by (service) (…))`,
  };
}

/** The result with at most `max` series (in the upstream's order), and SERIES_CAPPED when some were left out. */
export function limitSeries<R extends QueryResult<readonly unknown[]>>(result: R, max: number): R {
  if (result.data.length <= max) return result;
  return { ...result, data: result.data.slice(0, max), notices: [...result.notices, seriesCappedNotice(result.data.length, max)] };
}
