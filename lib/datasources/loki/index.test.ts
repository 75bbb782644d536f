import { describe, expect, it, vi } from 'vitest';
import { asUnixMs } from '../types';
import { fakeLoki } from './fake-loki';

// A Loki whose max_entries_limit_per_query is 1000 (not the default 5000), set in LOKI_MAX_ENTRIES.
const lokiServer = fakeLoki(Array.from({ length: 3_000 }, (_, i) => BigInt(i + 1)), { maxEntries: 1_000 });
vi.mock('@/lib/env', () => ({ env: () => ({ LOKI_MAX_ENTRIES: 1_000 }) }));
vi.mock('../registry', () => ({ httpClientFor: () => lokiServer.http }));
const { loki } = await import('./index');

describe('the process-wide Loki adapter', () => {
  it('pages in requests of LOKI_MAX_ENTRIES entries instead of failing on a Loki with a lower cap', async () => {
    const r = await loki().queryLogs({ query: '{service_name="cart"}', start: asUnixMs(0), end: asUnixMs(1), limit: 2_500 });
    expect(r.data).toHaveLength(2_500);
    expect(r.notices.map((n) => n.code)).toEqual(['ENTRIES_CAPPED']);
    expect(Math.max(...lokiServer.limits)).toBe(1_000);
  });
});
