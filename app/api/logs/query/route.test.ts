import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '@/lib/auth/principal';

const recordAudit = vi.fn<(e: unknown) => Promise<void>>();
const runLogQl = vi.fn();
const operator: Principal = { kind: 'user', id: 'u2', name: 'ops@example.com', role: 'operator', scopes: [] };
vi.mock('@/lib/db/audit', () => ({ recordAudit: (e: unknown) => recordAudit(e) }));
vi.mock('@/lib/auth/authenticate', () => ({ authenticateRequest: async () => operator }));
vi.mock('@/lib/datasources/loki', () => ({ loki: () => ({}), runLogQl: (...a: unknown[]) => runLogQl(...a) }));
const { GET } = await import('./route');

const flush = () => new Promise((r) => setImmediate(r));

describe('GET /api/logs/query', () => {
  beforeEach(() => {
    recordAudit.mockReset().mockResolvedValue(undefined);
    runLogQl.mockReset().mockResolvedValue({ kind: 'logs', data: [] });
  });

  it("audits the operator's raw LogQL as the explore endpoint does: who, which query, over which range, with the request ID", async () => {
    const res = await GET(new Request('http://127.0.0.1/api/logs/query?query=%7Bapp%3D%22shop%22%7D&start=1736935200000&end=1736938800000&limit=50', { headers: { 'x-request-id': 'req-logs-1' } }));
    expect(res.status).toBe(200);
    await flush();
    expect(recordAudit).toHaveBeenCalledWith({
      actor: 'ops@example.com',
      action: 'logs.query',
      target: 'loki',
      details: { query: '{app="shop"}', start: 1736935200000, end: 1736938800000, limit: 50, requestId: 'req-logs-1' },
    });
  });

  it('audits a query Loki refuses too', async () => {
    runLogQl.mockRejectedValue(new Error('parse error'));
    const res = await GET(new Request('http://127.0.0.1/api/logs/query?query=%7Bbad'));
    expect(res.status).toBe(500);
    await flush();
    expect(recordAudit).toHaveBeenCalledTimes(1);
  });
});
