import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerTooLargeError, networkErrorCode } from './resilience/upstream-errors';
import { createNodeTransport, decodeBody, transportFromFetch } from './transport';

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

const GET = { method: 'GET' as const, headers: { accept: 'application/json' }, maxBytes: 1_000_000 };

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
    const b = await send(`${s.url}/api/v1/query`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-scope-orgid': 'tenant' }, body: 'query=up%7Bé%3D%221%22%7D', signal: new AbortController().signal, maxBytes: 1_000_000 });
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

/**
 * A server streaming an endless answer in 64 KiB chunks (no Content-Length) until the client goes
 * away; `written()` is how many bytes it managed to send, `closed` resolves when the client cut it.
 */
async function serveEndless() {
  let written = 0;
  let resolveClosed: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => {
      if (res.writableNeedDrain) return;
      res.write(chunk);
      written += chunk.length;
    }, 1);
    res.on('close', () => (clearInterval(timer), resolveClosed()));
  });
  return { url: s.url, written: () => written, closed };
}

describe('the answer size limit', () => {
  it('stops reading an endless answer just past maxBytes and cuts the connection', async () => {
    const s = await serveEndless();
    const err = await createNodeTransport()(s.url, { ...GET, maxBytes: 300_000, signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnswerTooLargeError);
    expect((err as AnswerTooLargeError).limitBytes).toBe(300_000);
    await s.closed;
    // It stopped within a few chunks of the limit (socket buffers hold some more), not at the end of the stream.
    expect(s.written()).toBeLessThan(300_000 + 64 * 64 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit before reading its body, and takes one exactly at the limit', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/big') res.writeHead(200, { 'content-length': '5000000' }).write('{');
      else res.writeHead(200, { 'content-length': '1000' }).end('y'.repeat(1000));
    });
    const send = createNodeTransport();
    await expect(send(`${s.url}/big`, { ...GET, maxBytes: 1000, signal: new AbortController().signal })).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect((await send(`${s.url}/exact`, { ...GET, maxBytes: 1000, signal: new AbortController().signal })).text).toHaveLength(1000);
  });

  it('refuses a small gzip answer that inflates past the limit (a decompression bomb)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const s = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    await expect(createNodeTransport()(s.url, { ...GET, maxBytes: 1_000_000, signal: new AbortController().signal })).rejects.toBeInstanceOf(AnswerTooLargeError);
  });

  it('holds for the fetch transport too', async () => {
    const s = await serveEndless();
    await expect(transportFromFetch(fetch)(s.url, { ...GET, maxBytes: 300_000, signal: new AbortController().signal })).rejects.toBeInstanceOf(AnswerTooLargeError);
    await s.closed;
  });
});

describe('decodeBody', () => {
  it('undoes listed codings in reverse order and refuses unknown ones', async () => {
    const twice = zlib.gzipSync(zlib.deflateSync('hello'));
    expect((await decodeBody(twice, 'deflate, gzip', 100)).toString()).toBe('hello');
    expect((await decodeBody(Buffer.from('plain'), 'identity', 100)).toString()).toBe('plain');
    await expect(decodeBody(Buffer.from('x'), 'zstd', 100)).rejects.toThrow('unsupported Content-Encoding "zstd"');
  });

  it('refuses to inflate past the limit in any coding', async () => {
    const text = 'z'.repeat(10_000);
    for (const [coding, packed] of [['gzip', zlib.gzipSync(text)], ['deflate', zlib.deflateSync(text)], ['br', zlib.brotliCompressSync(text)]] as const) {
      await expect(decodeBody(packed, coding, 9_999)).rejects.toBeInstanceOf(AnswerTooLargeError);
      expect((await decodeBody(packed, coding, 10_000)).toString()).toBe(text);
      // A limit past what zlib takes (the largest Buffer) inflates as no limit would.
      expect((await decodeBody(packed, coding, 5 * 2 ** 30)).toString()).toBe(text);
    }
  });
});
