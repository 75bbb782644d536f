import { describe, expect, it } from 'vitest';
import { toSafeStep } from '@/lib/dashboards/time';
import { asUnixMs } from '../types';
import { createLokiClient } from './client';
import { fakeLoki } from './fake-loki';

const range = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i + 1));
const q = { query: '{service_name="cart"}', start: asUnixMs(0), end: asUnixMs(1) };

describe('queryLogs paging', () => {
  it('does not say capped when exactly the limit of entries exist', async () => {
    const { http, limits } = fakeLoki(range(3), { maxEntries: 5 });
    const r = await createLokiClient({ http, serverCap: 5 }).queryLogs({ ...q, limit: 3 });
    expect(r.data).toHaveLength(3);
    expect(r.notices).toEqual([]);
    expect(limits).toEqual([4]); // one more than the limit
  });

  it('says capped when one more than the limit exists', async () => {
    const { http } = fakeLoki(range(4), { maxEntries: 5 });
    const r = await createLokiClient({ http, serverCap: 5 }).queryLogs({ ...q, limit: 3 });
    expect(r.data.map((e) => e.line)).toEqual(['line 3', 'line 2', 'line 1']);
    expect(r.notices.map((n) => n.code)).toEqual(['ENTRIES_CAPPED']);
  });

  it('never drops entries silently when more than a page share the boundary nanosecond', async () => {
    // Seven entries at ns 10 (a page holds five), three older ones.
    const { http } = fakeLoki([1n, 2n, 3n, 10n, 10n, 10n, 10n, 10n, 10n, 10n], { maxEntries: 5 });
    const r = await createLokiClient({ http, serverCap: 5 }).queryLogs({ ...q, limit: 20 });
    expect(r.notices.find((n) => n.code === 'ENTRIES_CAPPED')?.message).toMatch(/^Showing the newest 5 entries: at least 5 entries share the instant 10 ns/);
  });

  it('reads a boundary nanosecond whole when a larger page holds it', async () => {
    // Four entries at ns 10 straddle the first page of 3 (the limit asks for 3 + 1): the next pages read them all.
    const { http } = fakeLoki([1n, 2n, 10n, 10n, 10n, 10n, 20n], { maxEntries: 5 });
    const r = await createLokiClient({ http, serverCap: 5 }).queryLogs({ ...q, limit: 50 });
    expect(r.data).toHaveLength(7);
    expect(new Set(r.data.map((e) => e.line)).size).toBe(7);
    expect(r.notices).toEqual([]);
  });

  it('pages as far as the limit needs under a small server cap, and says so when it stops short', async () => {
    const { http, limits } = fakeLoki(range(80), { maxEntries: 2 });
    const r = await createLokiClient({ http, serverCap: 2 }).queryLogs({ ...q, limit: 60 });
    expect(r.data).toHaveLength(60);
    expect(r.data[59]!.line).toBe('line 20');
    expect(r.notices.map((n) => n.code)).toEqual(['ENTRIES_CAPPED']);
    expect(Math.max(...limits)).toBe(2);
  });

  it("passes on each of Loki's warnings once, however many pages repeat it", async () => {
    const { http } = fakeLoki(range(12), { maxEntries: 5, warnings: ['query timed out partially'] });
    const r = await createLokiClient({ http, serverCap: 5 }).queryLogs({ ...q, limit: 20 });
    expect(r.data).toHaveLength(12);
    expect(r.notices).toEqual([{ code: 'UPSTREAM_WARNING', message: 'query timed out partially' }]);
  });
});

describe('queryMetrics', () => {
  it('raises the step to stay within 11,000 points, saying so as the Prometheus path does', async () => {
    const { http } = fakeLoki([], { warnings: ['w', 'w'] });
    const week = { query: 'sum(count_over_time({service_name="cart"}[1m]))', start: asUnixMs(0), end: asUnixMs(7 * 86_400_000), stepSeconds: 1 };
    const r = await createLokiClient({ http }).queryMetrics(week);
    const { stepSeconds, notice } = toSafeStep(week);
    expect(stepSeconds).toBe(55);
    expect(r.window.stepSeconds).toBe(55);
    expect(r.notices).toEqual([notice, { code: 'UPSTREAM_WARNING', message: 'w' }]);
    expect(notice).toMatchObject({ code: 'STEP_RAISED', message: 'Resolution lowered: step raised from 1s to 55s to stay under 11000 points per series' });
  });
});
