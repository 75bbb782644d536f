import { describe, expect, it } from 'vitest';
import { limitSeries } from '@/lib/datasources/series-limit';
import { resolvePanel } from './resolve';
import { dashboard, fakeDeps, req, series } from './test-panels';
import { PANEL_MAX_SERIES } from './timeseries';

/** `n` series of one query, labelled `pod="<prefix>-<i>"` with the value `i` (so rows sort by it). */
const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => series({ pod: `${prefix}-${i}` }, [i]));

describe('limitSeries', () => {
  it('keeps an answer of at most `max` series as it is, and cuts a longer one to its first `max` with SERIES_CAPPED', () => {
    const r = { data: ['a', 'b', 'c'], notices: [{ code: 'PARTIAL' as const, message: 'earlier' }] };
    expect(limitSeries(r, 3)).toBe(r);
    const cut = limitSeries({ ...r, data: Array.from({ length: 1234 }, (_, i) => i) }, 1000);
    expect(cut.data).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(cut.notices).toEqual([
      { code: 'PARTIAL', message: 'earlier' },
      { code: 'SERIES_CAPPED', message: 'The query returned 1,234 series; showing the first 1,000. Narrow the query with label matchers, or aggregate it (e.g. sum by (service) (…))' },
    ]);
  });
});

describe('series a panel shows', () => {
  it('draws at most PANEL_MAX_SERIES of all its queries together, in query order, and says how many came back', async () => {
    const { deps } = fakeDeps({ queryRange: async (q) => ({ data: many(q.query.includes('0.99') ? 'p99' : 'p50', 150), notices: [] }) });
    const data = await resolvePanel(deps, dashboard(), req('latency'));
    if (data.type !== 'timeseries') throw new Error(data.type);
    expect(data.series).toHaveLength(PANEL_MAX_SERIES);
    expect(data.series[149]?.labels.pod).toBe('p99-149');
    expect(data.series[150]?.labels.pod).toBe('p50-0');
    expect(data.notices.filter((n) => n.code === 'SERIES_CAPPED').map((n) => n.message)).toEqual([`The panel's queries returned 300 series; showing the first ${PANEL_MAX_SERIES}. Narrow the query with label matchers, or aggregate it (e.g. sum by (service) (…))`]);
    const { deps: few } = fakeDeps({ queryRange: async () => ({ data: many('x', 100), notices: [] }) });
    const fewer = await resolvePanel(few, dashboard(), req('latency'));
    expect(fewer.notices.filter((n) => n.code === 'SERIES_CAPPED')).toEqual([]);
  });

  it("keeps a table's top rows after sorting, each row's values joined by its labels across queries", async () => {
    const table = {
      id: 'pods',
      title: 'Pods',
      type: 'table',
      queries: [{ id: 'cpu', expr: 'cpu' }, { id: 'mem', expr: 'mem' }],
      columns: [{ header: 'Pod', label: 'pod' }, { header: 'CPU', queryId: 'cpu' }, { header: 'Memory', queryId: 'mem' }],
      sortBy: 'CPU',
    };
    // Memory lists the pods in the opposite order, with ten times their CPU value.
    const { deps } = fakeDeps({
      queryInstant: async (query) => ({ data: query === 'cpu' ? many('pod', 500) : many('pod', 500).reverse().map((s) => ({ ...s, samples: s.samples.map((p) => ({ ...p, value: (p.value ?? 0) * 10 })) })), notices: [] }),
    });
    const data = await resolvePanel(deps, dashboard({ rows: [{ title: 'T', panels: [table] }] } as never), req('pods'));
    if (data.type !== 'table') throw new Error(data.type);
    expect(data.rows).toHaveLength(PANEL_MAX_SERIES);
    expect(data.rows[0]?.cells).toEqual(['pod-499', 499, 4990]);
    expect(data.rows.at(-1)?.cells).toEqual([`pod-${500 - PANEL_MAX_SERIES}`, 500 - PANEL_MAX_SERIES, (500 - PANEL_MAX_SERIES) * 10]);
    expect(data.notices.map((n) => n.message)).toEqual([`The table has 500 rows; showing the first ${PANEL_MAX_SERIES}. Narrow the query with label matchers, or aggregate it (e.g. sum by (service) (…))`]);
  });
});
