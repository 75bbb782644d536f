import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { testHttpClient } from '@/lib/testing/test-http';
import { createPrometheusClient } from './prometheus/client';

const recordAudit = vi.fn<(e: unknown) => Promise<void>>();
const logError = vi.fn();
vi.mock('@/lib/db/audit', () => ({ recordAudit: (e: unknown) => recordAudit(e) }));
vi.mock('@/lib/observability/log', () => ({ logger: { error: (...a: unknown[]) => logError(...a), info: vi.fn(), warn: vi.fn(), debug: vi.fn() } }));
const { runExplore } = await import('./explore');

const ctx = { principal: { kind: 'user' as const, id: 'u1', name: 'dev@example.com', role: 'developer' as const, scopes: [] }, requestId: 'req-1', signal: new AbortController().signal };
const flush = () => new Promise((r) => setImmediate(r));

describe('runExplore', () => {
  beforeEach(() => {
    recordAudit.mockReset();
    logError.mockReset();
  });

  it('answers and audits who ran which query', async () => {
    recordAudit.mockResolvedValue(undefined);
    expect(await runExplore(ctx, 'explore.prometheus.query', 'prometheus', { query: 'up' }, async () => 42)).toBe(42);
    await flush();
    expect(recordAudit).toHaveBeenCalledWith({ actor: 'dev@example.com', action: 'explore.prometheus.query', target: 'prometheus', details: { query: 'up', requestId: 'req-1' } });
  });

  it('audits failed queries too', async () => {
    recordAudit.mockResolvedValue(undefined);
    await expect(runExplore(ctx, 'explore.prometheus.query', 'prometheus', { query: 'bad(' }, async () => Promise.reject(new Error('parse error')))).rejects.toThrow('parse error');
    await flush();
    expect(recordAudit).toHaveBeenCalledTimes(1);
  });

  it('does not wait for the audit write, and logs the whole event when it fails', async () => {
    recordAudit.mockRejectedValue(new Error('database is locked'));
    expect(await runExplore(ctx, 'explore.loki.query_range', 'loki', { query: '{a="b"}' }, async () => 'rows')).toBe('rows');
    await flush();
    await flush();
    expect(logError).toHaveBeenCalledWith('explore audit event not written', expect.objectContaining({ actor: 'dev@example.com', action: 'explore.loki.query_range', err: 'Error: database is locked' }));
  });

  it('refuses an anonymous caller without querying or auditing', async () => {
    const fn = vi.fn(async () => 1);
    await expect(runExplore({ ...ctx, principal: null }, 'explore.prometheus.query', 'prometheus', {}, fn)).rejects.toThrow('sign in');
    await flush();
    expect(fn).not.toHaveBeenCalled();
    expect(recordAudit).not.toHaveBeenCalled();
  });

  it('times a query out at the explore deadline as a timeout of the datasource, not a cancellation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      recordAudit.mockResolvedValue(undefined);
      const hang = ((_: unknown, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
      const prom = createPrometheusClient({ http: testHttpClient('prometheus', 'http://prom.test', { fetch: hang, timeoutMs: 120_000 }) });
      const pending = runExplore(ctx, 'explore.prometheus.query', 'prometheus', { query: 'up' }, (opts) => prom.queryInstant('up', undefined, opts)).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(30_000);
      const err = await pending;
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toBe('Prometheus did not answer within 30000 ms');
      expect((err as AppError).details).toEqual({ datasource: 'prometheus' });
    } finally {
      vi.useRealTimers();
    }
  });
});
