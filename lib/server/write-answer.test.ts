import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestRaw } from '@/lib/testing/raw-http';
import { keptLog } from './kept-log';
import { answerFailure, writeAnswer } from './write-answer';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('writeAnswer', () => {
  it("sends a Response a handler made as its body streams, with its status, headers and every cookie", async () => {
    server = http.createServer((_req, res) => {
      const headers = new Headers({ 'content-type': 'text/csv', 'x-one': '1' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('a,b\n'));
          c.enqueue(new TextEncoder().encode('1,2\n'));
          c.close();
        },
      });
      void writeAnswer(res, { response: new Response(body, { status: 202, headers }) });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await requestRaw(`${base}/api/report`);
    expect([res.status, res.headers['content-type'], res.headers['x-one'], res.body.toString()]).toEqual([202, 'text/csv', '1', 'a,b\n1,2\n']);
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
});

describe('answerFailure', () => {
  it('logs the failure as a JSON line with its request ID and stack, and answers the API with the typed 500, a page with plain text, both naming the ID, and cuts an answer already begun', async () => {
    const { log, lines } = keptLog();
    server = http.createServer((req, res) => {
      if (req.url === '/begun') res.writeHead(200).write('partial');
      answerFailure(req, res, new Error('broke'), { api: req.url!.startsWith('/api/'), log });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = await requestRaw(`${base}/api/x`, { headers: { 'x-request-id': 'req-api' } });
    expect([api.status, api.headers['x-request-id']]).toEqual([500, 'req-api']);
    expect(JSON.parse(api.body.toString())).toEqual({ error: { code: 'INTERNAL', message: 'internal error; see the server log for request req-api' } });
    const page = await requestRaw(`${base}/dashboards`, { headers: { 'x-request-id': 'bad id!' } });
    const pageId = page.headers['x-request-id'] as string;
    expect(pageId).toMatch(/^[0-9a-f-]{36}$/);
    expect([page.status, page.headers['content-type'], page.body.toString()]).toEqual([500, 'text/plain', `Internal Server Error (request ${pageId})`]);
    await expect(requestRaw(`${base}/begun`)).rejects.toThrow();
    expect(lines.map((l) => [l.level, l.msg, l.fields.requestId, l.fields.url])).toEqual([
      ['error', 'request failed', 'req-api', '/api/x'],
      ['error', 'request failed', pageId, '/dashboards'],
      ['error', 'request failed', expect.any(String), '/begun'],
    ]);
    expect(lines[0]!.fields.err).toMatch(/^Error: broke\n\s+at /);
  });

  it('writes through the structured logger by default: one JSON line on stderr', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      server = http.createServer((req, res) => answerFailure(req, res, new Error('broke'), { api: true }));
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      await requestRaw(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/x`, { headers: { 'x-request-id': 'req-json' } });
    } finally {
      process.stderr.write = write;
    }
    expect(written.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 'error', msg: 'request failed', requestId: 'req-json', method: 'GET', url: '/api/x' })]);
  });
});
