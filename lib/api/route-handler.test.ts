import { describe, expect, it } from 'vitest';
import { route } from './route-handler';

describe('route', () => {
  it('lets one request fan out to many upstream calls, each listening on its signal, without a listener-leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const GET = route({ access: 'public', name: 'test.fan-out' }, async ({ signal }) => {
        const listeners = Array.from({ length: 30 }, () => () => {});
        for (const l of listeners) signal.addEventListener('abort', l);
        for (const l of listeners) signal.removeEventListener('abort', l);
        return { calls: listeners.length };
      });
      const res = await GET(new Request('http://127.0.0.1/api/test'));
      expect(await res.json()).toEqual({ calls: 30 });
      await new Promise((r) => setTimeout(r, 20)); // process warnings are emitted on a later tick
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it("gives the handler the server's client signal when there is one, else the Request's", async () => {
    const seen: AbortSignal[] = [];
    const GET = route({ access: 'public', name: 'test.signal' }, async ({ signal }) => {
      seen.push(signal);
      return null;
    });
    const client = new AbortController();
    await GET(new Request('http://127.0.0.1/api/test'), { params: Promise.resolve({}), signal: client.signal });
    const own = new AbortController();
    const req = new Request('http://127.0.0.1/api/test', { signal: own.signal });
    await GET(req);
    expect(seen[0]).toBe(client.signal);
    expect(seen[1]).toBe(req.signal);
    own.abort();
    expect(seen[1]!.aborted).toBe(true);
  });
});
