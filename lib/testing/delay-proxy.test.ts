import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from './delay-proxy';

// A real loopback HTTP server behind the real proxy: the proxy is itself test tooling.
let server: http.Server;
let proxy: DelayProxy;
beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('pong'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  proxy = await startDelayProxy(`127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
});
afterAll(async () => {
  await proxy.close();
  await new Promise((r) => server.close(r));
});

describe('delay proxy', () => {
  it('forwards requests unchanged', async () => {
    expect(await (await fetch(`${proxy.url}/ping`)).text()).toBe('pong');
  });

  it('makes the answer miss a deadline shorter than the delay', async () => {
    proxy.setDelay(1_000);
    const err = await fetch(`${proxy.url}/ping`, { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    proxy.setDelay(0);
    expect(await (await fetch(`${proxy.url}/ping`)).text()).toBe('pong');
  });
});
