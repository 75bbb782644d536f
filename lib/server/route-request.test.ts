import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { directEntryOf, type DirectEntry, type RouteAnswer } from '@/lib/api/route-entry';
import { route } from '@/lib/api/route-handler';
import { requestRaw } from '@/lib/testing/raw-http';
import { IncomingRouteRequest } from './route-request';
import { writeAnswer } from './write-answer';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `entry` at every path as Sightline's server calls a route's direct entry: over node's request, its answer written whole. */
async function serve(entry: DirectEntry): Promise<string> {
  server = http.createServer((req, res) => {
    void entry(new IncomingRouteRequest(req), { params: {}, signal: new AbortController().signal }).then((answer) => writeAnswer(res, answer));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A whole text answer. */
const text = (body: string, status = 200): RouteAnswer => ({ status, headers: { 'content-type': 'text/plain' }, body });

describe('IncomingRouteRequest', () => {
  it('reads a request body for the handler', async () => {
    const base = await serve(async (req) => text(`got ${(await req.text()).length} bytes`));
    const body = JSON.stringify({ v: 'x'.repeat(200_000) });
    const res = await requestRaw(`${base}/api/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.body.toString()).toBe(`got ${body.length} bytes`);
  });

  it('refuses a request body over the route\'s limit with the typed 413, by Content-Length or as it streams, and keeps the connection usable', async () => {
    let calls = 0;
    const POST = route({ access: 'public', name: 'test.body', body: z.object({ v: z.string() }), maxBodyBytes: 1_000 }, async ({ body }) => {
      calls += 1;
      return { length: body.v.length };
    });
    const base = await serve(directEntryOf(POST)!);
    const small = await requestRaw(`${base}/api/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 'x'.repeat(100) }) });
    expect([small.status, JSON.parse(small.body.toString())]).toEqual([200, { length: 100 }]);
    const declared = await requestRaw(`${base}/api/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 'x'.repeat(5_000) }) });
    expect([declared.status, JSON.parse(declared.body.toString())]).toEqual([413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than 1000 bytes' } }]);

    // Chunked, no Content-Length: refused once 1,000 bytes have come; the rest is read and dropped,
    // and the same keep-alive connection answers the next request.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (chunks: string[]) =>
      new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
        const req = http.request(`${base}/api/items`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket: req.socket }));
        });
        req.on('error', reject);
        for (const c of chunks) req.write(c);
        req.end();
      });
    const streamed = await post(['{"v":"', ...Array.from({ length: 20 }, () => 'y'.repeat(500)), '"}']);
    expect([streamed.status, JSON.parse(streamed.body).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const after = await post(['{"v":"ok"}']);
    expect([after.status, JSON.parse(after.body)]).toEqual([200, { length: 2 }]);
    expect(after.socket).toBe(streamed.socket);
    agent.destroy();
    expect(calls).toBe(2);
  });

  it('gives the handler a URL on localhost when the Host header is not a plain host', async () => {
    let url = '';
    const base = await serve(async (req) => {
      url = req.url;
      return text('ok');
    });
    await requestRaw(`${base}/api/items?q=1`, { headers: { host: 'evil.example/x?y=' } });
    expect(url).toBe('http://localhost/api/items?q=1');
  });
});
