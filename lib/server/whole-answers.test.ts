import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { requestRaw } from '@/lib/testing/raw-http';
import { chooseEncoding, MAX_SYNC_ENCODE_BYTES, MIN_ENCODE_BYTES, sendAnswerWhole } from './whole-answers';

describe('chooseEncoding', () => {
  it('picks br or gzip by q-value, br on a tie, nothing when neither is acceptable', () => {
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('GZIP;Q=1')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0, deflate')).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});

/** What a route writes: like Next, headers set, then flushHeaders, then the body in chunks, then end. */
interface Answer {
  status?: number;
  headers: Record<string, string>;
  chunks: string[];
}

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `answer` through sendAnswerWhole; resolves with the raw response (body not inflated). */
async function fetchRaw(answer: Answer, req: { method?: string; acceptEncoding?: string } = {}) {
  server = http.createServer((incoming, res) => {
    sendAnswerWhole(incoming, res, incoming.headers['accept-encoding']);
    res.statusCode = answer.status ?? 200;
    for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
    res.flushHeaders();
    for (const c of answer.chunks) res.write(c);
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return requestRaw(`http://127.0.0.1:${port}/`, { method: req.method, headers: req.acceptEncoding === undefined ? {} : { 'accept-encoding': req.acceptEncoding } });
}

const json = (bytes: number) => JSON.stringify({ values: 'x'.repeat(Math.max(0, bytes - 13)) });
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

describe('sendAnswerWhole', () => {
  it('sends a JSON answer written in chunks whole and gzip-encoded, with its length and Vary', async () => {
    const body = json(20_000);
    const res = await fetchRaw({ headers: JSON_HEADERS, chunks: [body.slice(0, 7_000), body.slice(7_000)] }, { acceptEncoding: 'gzip, deflate' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-length']).toBe(String(res.body.length));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(zlib.gunzipSync(res.body).toString()).toBe(body);
    expect(res.body.length).toBeLessThan(body.length / 10);
  });

  it('uses brotli when the client prefers it, and the thread pool for a large answer', async () => {
    const body = json(MAX_SYNC_ENCODE_BYTES * 3);
    const res = await fetchRaw({ headers: JSON_HEADERS, chunks: [body] }, { acceptEncoding: 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(body);
    expect(res.headers['content-length']).toBe(String(res.body.length));
  });

  it('sends an answer unencoded, whole and with its length when the client accepts no encoding (still varying on it)', async () => {
    const body = json(5_000);
    const res = await fetchRaw({ status: 201, headers: JSON_HEADERS, chunks: [body] }, { acceptEncoding: 'identity' });
    expect(res.status).toBe(201);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.body.toString()).toBe(body);
  });

  it('leaves a small answer and a no-transform answer unencoded', async () => {
    const small = await fetchRaw({ headers: JSON_HEADERS, chunks: ['{"status":"ok"}'] }, { acceptEncoding: 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['content-length']).toBe('15');
    expect(small.headers.vary).toBeUndefined();
    expect(MIN_ENCODE_BYTES).toBeGreaterThan(15);

    const body = json(50_000);
    const opted = await fetchRaw({ headers: { ...JSON_HEADERS, 'cache-control': 'private, no-store, no-transform' }, chunks: [body] }, { acceptEncoding: 'gzip' });
    expect(opted.headers['content-encoding']).toBeUndefined();
    expect(opted.headers['content-length']).toBe(String(body.length));
    expect(opted.body.toString()).toBe(body);
  });

  it('counts UTF-8 bytes in Content-Length', async () => {
    const res = await fetchRaw({ headers: JSON_HEADERS, chunks: ['{"name":"', 'é'.repeat(100), '"}'] });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(`{"name":"${'é'.repeat(100)}"}`)));
    expect(JSON.parse(res.body.toString()) as unknown).toEqual({ name: 'é'.repeat(100) });
  });

  it('adds to an existing Vary header instead of replacing it', async () => {
    const res = await fetchRaw({ headers: { ...JSON_HEADERS, vary: 'rsc' }, chunks: [json(3_000)] }, { acceptEncoding: 'gzip' });
    expect(res.headers.vary).toBe('rsc, Accept-Encoding');
  });

  it('streams an event stream as written', async () => {
    const res = await fetchRaw({ headers: { 'content-type': 'text/event-stream' }, chunks: ['data: 1\n\n', 'data: 2\n\n'] }, { acceptEncoding: 'gzip' });
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe('data: 1\n\ndata: 2\n\n');
  });

  it('leaves HEAD answers alone', async () => {
    const res = await fetchRaw({ headers: JSON_HEADERS, chunks: [] }, { method: 'HEAD', acceptEncoding: 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBe(0);
  });
});
