import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { networkErrorCode } from './resilience/upstream-errors';
import { createNodeTransport, decodeBody } from './transport';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real loopback server answering with `handler`; resolves with its base URL and the connections it accepted. */
async function serve(handler: http.RequestListener): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server = http.createServer(handler);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const GET = { method: 'GET' as const, headers: { accept: 'application/json' } };

describe('the node:http transport', () => {
  it('sends method, headers and a form body with its length, reads status and text, and keeps the connection for the next call', async () => {
    const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    const s = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        res.writeHead(req.method === 'POST' ? 422 : 200, { 'content-type': 'application/json' }).end('{"status":"ok","é":1}');
      });
    });
    const send = createNodeTransport();
    const a = await send(`${s.url}/api/v1/query?x=1`, { ...GET, signal: new AbortController().signal });
    const b = await send(`${s.url}/api/v1/query`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-scope-orgid': 'tenant' }, body: 'query=up%7Bé%3D%221%22%7D', signal: new AbortController().signal });
    expect(a).toEqual({ status: 200, text: '{"status":"ok","é":1}' });
    expect(b.status).toBe(422);
    expect(seen[0]).toMatchObject({ method: 'GET', headers: { accept: 'application/json' } });
    expect(seen[1]).toMatchObject({ method: 'POST', body: 'query=up%7Bé%3D%221%22%7D', headers: { 'x-scope-orgid': 'tenant', 'content-length': String(Buffer.byteLength('query=up%7Bé%3D%221%22%7D')) } });
    expect(s.connections()).toBe(1);
  });

  it('closes a connection left idle past idleMs, and leaves alone one waiting that long for a slow answer', async () => {
    const closed: number[] = [];
    let open = 0;
    const s = await serve((_req, res) => setTimeout(() => res.end('{"slow":true}'), 150));
    server!.on('connection', (socket) => {
      open++;
      socket.on('close', () => closed.push(Date.now()));
    });
    const send = createNodeTransport({ idleMs: 50 });
    const answered = await send(s.url, { ...GET, signal: new AbortController().signal });
    expect(answered.text).toBe('{"slow":true}');
    expect(closed).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(open).toBe(1);
    expect(closed).toHaveLength(1);
  });

  it('inflates an answer the upstream gzipped (a datasource configured to ask for it)', async () => {
    const text = JSON.stringify({ data: 'y'.repeat(10_000) });
    const s = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(text)));
    expect((await createNodeTransport()(s.url, { ...GET, signal: new AbortController().signal })).text).toBe(text);
  });

  it('rejects when the caller aborts mid-answer', async () => {
    const s = await serve((_req, res) => res.writeHead(200).write('{"partial":'));
    const controller = new AbortController();
    const pending = createNodeTransport()(s.url, { ...GET, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    expect(controller.signal.aborted).toBe(true);
  });

  it('fails with ECONNRESET when the upstream dies mid-answer, and ECONNREFUSED when nothing listens', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' }).write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const send = createNodeTransport();
    const died = await send(s.url, { ...GET, signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(networkErrorCode(died)).toBe('ECONNRESET');
    const port = (server!.address() as AddressInfo).port;
    server!.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const refused = await send(`http://127.0.0.1:${port}/`, { ...GET, signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(networkErrorCode(refused)).toBe('ECONNREFUSED');
  });
});

describe('decodeBody', () => {
  it('undoes listed codings in reverse order and refuses unknown ones', async () => {
    const twice = zlib.gzipSync(zlib.deflateSync('hello'));
    expect((await decodeBody(twice, 'deflate, gzip')).toString()).toBe('hello');
    expect((await decodeBody(Buffer.from('plain'), 'identity')).toString()).toBe('plain');
    await expect(decodeBody(Buffer.from('x'), 'zstd')).rejects.toThrow('unsupported Content-Encoding "zstd"');
  });
});
