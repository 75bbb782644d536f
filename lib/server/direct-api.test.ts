import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { routeEntries, type DirectEntry, type RouteAnswer } from '@/lib/api/route-entry';
import { metrics } from '@/lib/observability/metrics';
import { requestRaw } from '@/lib/testing/raw-http';
import { ApiRouteTable, parseApiRoute, type ApiRoute } from './api-routes';
import { DirectApi } from './direct-api';
import { keptLog } from './kept-log';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves `direct` as Sightline's server does, with a stand-in for Next that answers 299 "next". */
async function serve(direct: DirectApi): Promise<string> {
  server = http.createServer((req, res) => {
    void direct.answer(req, res).then((answered) => {
      if (!answered) res.writeHead(299).end('next');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A DirectApi over `modules` (route pattern → exports), with the log lines it writes and its errors. */
function directOver(modules: Record<string, Record<string, unknown> | Error | null>) {
  const { log, lines } = keptLog();
  const errors = () => lines.filter((l) => l.level === 'error');
  const loads: string[] = [];
  const routes = new ApiRouteTable(Object.keys(modules).map((p) => parseApiRoute(`${p}/route`, `app${p}/route.js`)!));
  const load = async (route: ApiRoute) => {
    loads.push(route.pattern);
    const m = modules[route.pattern];
    if (m instanceof Error) throw m;
    return m ?? null;
  };
  return { direct: new DirectApi(routes, load, log), errors, lines, loads };
}

const handler = (fn: DirectEntry) => routeEntries(fn);
/** A whole text answer. */
const text = (body: string, status = 200): RouteAnswer => ({ status, headers: { 'content-type': 'text/plain' }, body });

describe('DirectApi', () => {
  it("calls a route() handler's direct entry with the request, its query and decoded params, and sends its whole answer", async () => {
    let seen: { url: string; method: string; header: string | null; absent: string | null; params: unknown } | undefined;
    const GET = handler(async (req, ctx) => {
      seen = { url: req.url, method: req.method, header: req.headers.get('X-Request-ID'), absent: req.headers.get('cookie'), params: ctx.params };
      return { status: 201, headers: { 'content-type': 'application/json', 'x-one': '1' }, body: JSON.stringify({ ok: true }) };
    });
    const { direct, loads } = directOver({ '/api/items/[id]': { GET } });
    const base = await serve(direct);
    const res = await requestRaw(`${base}/api/items/a%20b?x=1&x=2`, { headers: { 'x-request-id': 'req-7' } });
    expect(res.status).toBe(201);
    expect(res.headers['x-one']).toBe('1');
    expect(res.headers['content-length']).toBe('11');
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    expect(seen).toEqual({ url: `${base}/api/items/a%20b?x=1&x=2`, method: 'GET', header: 'req-7', absent: null, params: { id: 'a b' } });
    await requestRaw(`${base}/api/items/2`);
    expect(loads).toEqual(['/api/items/[id]']); // loaded once
  });

  it('leaves to Next a handler not made by route(), HEAD and OPTIONS, a module of another shape, and one that fails to load', async () => {
    const plain = async () => new Response('plain');
    const { direct, errors } = directOver({
      '/api/auth/[...nextauth]': { GET: plain, POST: plain },
      '/api/items': { GET: handler(async () => text('direct')) },
      '/api/odd': null,
      '/api/broken': new Error('cannot find module'),
    });
    const base = await serve(direct);
    expect((await requestRaw(`${base}/api/auth/session`)).status).toBe(299);
    expect((await requestRaw(`${base}/api/items`, { method: 'HEAD' })).status).toBe(299);
    expect((await requestRaw(`${base}/api/items`, { method: 'OPTIONS' })).status).toBe(299);
    expect((await requestRaw(`${base}/api/odd`)).status).toBe(299);
    expect((await requestRaw(`${base}/api/broken`)).status).toBe(299);
    expect((await requestRaw(`${base}/api/items/`)).status).toBe(299);
    expect((await requestRaw(`${base}/api/items`)).body.toString()).toBe('direct');
    expect(errors()).toEqual([
      { level: 'error', msg: "a route goes through Next's router: its module did not load here", fields: { requestId: expect.any(String), route: '/api/broken', err: 'cannot find module' } },
    ]);
  });

  it('answers an unknown path 404, a method the route lacks 405 with Allow, and bad percent-encoding 400, each with the typed error body', async () => {
    const ok = handler(async () => text('ok'));
    const base = await serve(directOver({ '/api/items/[id]': { GET: ok, DELETE: ok } }).direct);
    const unknown = await requestRaw(`${base}/api/nothing/here`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString())).toEqual({ error: { code: 'NOT_FOUND', message: 'there is no API route /api/nothing/here' } });
    const wrongMethod = await requestRaw(`${base}/api/items/1`, { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, OPTIONS, DELETE');
    expect(JSON.parse(wrongMethod.body.toString())).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: '/api/items/[id] does not answer PUT' } });
    const bad = await requestRaw(`${base}/api/items/%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/json');
    expect(JSON.parse(bad.body.toString()).error.code).toBe('INVALID_INPUT');
  });

  it('gives its own 400, 404 and 405 the request ID, a log line and a count under the route "unmatched", never the path', async () => {
    const ok = handler(async () => text('ok'));
    const { direct, lines } = directOver({ '/api/items/[id]': { GET: ok } });
    const base = await serve(direct);
    const count = async (status: number) => (await metrics().requests.get()).values.find((v) => v.labels.route === 'unmatched' && v.labels.status === String(status))?.value ?? 0;
    const before = [await count(400), await count(404), await count(405)];
    const unknown = await requestRaw(`${base}/api/nothing/here-7`, { headers: { 'x-request-id': 'req-404' } });
    const wrongMethod = await requestRaw(`${base}/api/items/1`, { method: 'PUT', headers: { 'x-request-id': 'not well-formed!' } });
    const bad = await requestRaw(`${base}/api/items/%E0%A4%A`);
    const ids = [unknown, wrongMethod, bad].map((r) => r.headers['x-request-id']);
    expect(ids[0]).toBe('req-404');
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => [l.level, l.msg, l.fields.requestId, l.fields.method, l.fields.route, l.fields.status])).toEqual([
      ['info', 'request', 'req-404', 'GET', 'unmatched', 404],
      ['info', 'request', ids[1], 'PUT', 'unmatched', 405],
      ['info', 'request', ids[2], 'GET', 'unmatched', 400],
    ]);
    expect([await count(400), await count(404), await count(405)]).toEqual(before.map((n) => n + 1));
    expect((await metrics().requests.get()).values.filter((v) => String(v.labels.route).includes('/api/'))).toEqual([]);
  });

  it("aborts the handler's signal when the client goes away before the answer", async () => {
    let aborted: () => void = () => undefined;
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    let started: () => void = () => undefined;
    const hasStarted = new Promise<void>((resolve) => (started = resolve));
    const GET = handler(
      (_req, ctx) =>
        new Promise<RouteAnswer>((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted();
            resolve(text('too late'));
          });
          started();
        }),
    );
    const base = await serve(directOver({ '/api/slow': { GET } }).direct);
    const client = http.get(`${base}/api/slow`, { agent: false });
    client.on('error', () => undefined);
    await hasStarted;
    client.destroy();
    await wasAborted;
  });

  it('answers 500 with the typed body when a handler throws, and keeps serving', async () => {
    let calls = 0;
    const GET = handler(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return text('fine');
    });
    const { direct, errors } = directOver({ '/api/flaky': { GET } });
    const base = await serve(direct);
    const first = await requestRaw(`${base}/api/flaky`, { headers: { 'x-request-id': 'req-flaky' } });
    expect([first.status, first.headers['x-request-id']]).toEqual([500, 'req-flaky']);
    expect(JSON.parse(first.body.toString())).toEqual({ error: { code: 'INTERNAL', message: 'internal error; see the server log for request req-flaky' } });
    expect(errors()).toEqual([{ level: 'error', msg: 'request failed', fields: { requestId: 'req-flaky', method: 'GET', url: '/api/flaky', err: expect.stringMatching(/^Error: boom\n/) } }]);
    expect((await requestRaw(`${base}/api/flaky`)).body.toString()).toBe('fine');
  });
});

describe('DirectApi.forBuild', () => {
  it('leaves every API path to Next when the build has no manifest, and says why', async () => {
    const { log, lines } = keptLog();
    const base = await serve(DirectApi.forBuild(path.join(os.tmpdir(), 'no-such-build'), log));
    expect((await requestRaw(`${base}/api/unknown`)).status).toBe(299);
    expect(lines[0]).toMatchObject({ level: 'error', msg: "API routes go through Next's router: the build's route manifest is unreadable" });
  });
});
