import type { Slo } from '@/lib/slo/schema';
import type { SloStatus } from '@/lib/slo/types';
import { describe, expect, it } from 'vitest';
import { asUnixMs } from '@/lib/datasources/types';
import { resolvePanel } from './resolve';
import { dashboard, fakeDeps, req } from './test-panels';

describe('the window reaches now', () => {
  // 12:58:37: at now-7d the step is an hour, so the last step (12:00) is nearly an hour old.
  const LATE = Date.UTC(2025, 0, 10, 12, 58, 37);
  const END = Date.UTC(2025, 0, 10, 12, 58, 30);
  const week = (panelId: string, over: Partial<Parameters<typeof resolvePanel>[2]> = {}) => req(panelId, { from: 'now-7d', nowMs: LATE, ...over });

  it('keeps range queries on the step while the window ends at now, to within a scrape interval', async () => {
    const { deps, ranges } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), week('rate'));
    expect(ranges[0]).toMatchObject({ stepSeconds: 3600, end: Date.UTC(2025, 0, 10, 12) });
    expect((ranges[0]?.start ?? 1) % 3_600_000).toBe(0);
    expect(data.window).toMatchObject({ end: END, stepSeconds: 3600 });
  });

  it('reads SLO status, tables and logs at the end of the window, not at the last step', async () => {
    const asked: number[] = [];
    const slo = { id: 'checkout-availability' } as unknown as Slo; // only the id is read by the fake below
    const { deps, instants, logCalls } = fakeDeps({ getSlo: () => slo, sloStatus: async (_s, nowMs) => (asked.push(nowMs), { state: 'meeting' } as unknown as SloStatus) });
    const d = dashboard({ rows: [{ title: 'Main', panels: [{ id: 'journey', title: 'Journey', type: 'slo', sloId: 'checkout-availability' }, { id: 'logs', title: 'Logs', type: 'logs', expr: '{service_name="$service"}' }, { id: 'build', title: 'Build', type: 'table', queries: [{ id: 'v', expr: 'build_info' }], columns: [{ header: 'Version', label: 'version' }] }] }] });
    await resolvePanel(deps, d, week('journey'));
    await resolvePanel(deps, d, week('logs'));
    await resolvePanel(deps, d, week('build'));
    expect(asked).toEqual([END]);
    expect(logCalls[0]?.end).toBe(END);
    expect(instants.map((i) => i.time)).toEqual([END]);
  });

  it("gives a stat's last value from the end of the window, appended to its sparkline", async () => {
    const { deps, instants } = fakeDeps({ queryInstant: async (query, time) => (instants.push({ query, time }), { data: [{ id: 'a', name: 'a', labels: {}, samples: [{ t: asUnixMs(time), value: 9 }] }], notices: [] }) });
    const data = await resolvePanel(deps, dashboard(), week('value'));
    if (data.type !== 'stat') throw new Error(data.type);
    expect(data.value).toBe(9);
    expect(data.sparkline.at(-1)).toEqual({ t: END, value: 9 });
    expect(instants).toEqual([{ query: 'up', time: END }]);
  });

  it('keeps the last sample of the range when nothing is measured at the end', async () => {
    const { deps } = fakeDeps();
    const data = await resolvePanel(deps, dashboard(), week('value'));
    expect(data).toMatchObject({ type: 'stat', value: 4 });
  });

  it('shares reads between viewers within a scrape interval, and a refresh after it reads newer data', async () => {
    const { deps, ranges, instants } = fakeDeps();
    await resolvePanel(deps, dashboard(), week('value'));
    await resolvePanel(deps, dashboard(), week('value', { nowMs: LATE + 5_000 }));
    await resolvePanel(deps, dashboard(), week('value', { nowMs: LATE + 20_000 }));
    expect(ranges[1]).toEqual(ranges[0]);
    expect(ranges[2]).toEqual(ranges[0]);
    expect(instants.map((i) => i.time)).toEqual([END, END, END + 15_000]);
  });
});
