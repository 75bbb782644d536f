import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { metrics } from '@/lib/observability/metrics';
import { answerStatus, directEntryOf } from './route-entry';
import { route } from './route-handler';

/** sightline_http_in_flight_requests now. */
const inFlight = async () => (await metrics().bffInFlight.get()).values[0]?.value ?? 0;

describe('route', () => {
  it('names the request’s span by the route, not by its path, which holds ids', async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('test');
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    try {
      const GET = route({ access: 'public', name: 'test.trace' }, async () => ({ ok: true }));
      const span = tracer.startSpan('GET');
      await context.with(trace.setSpan(context.active(), span), () => GET(new Request('http://127.0.0.1/api/traces/4bf92f3577b34da6a3ce929d0e0e4736')));
      span.end();
      expect(exporter.getFinishedSpans().map((s) => [s.name, s.attributes['http.route']])).toEqual([['GET test.trace', 'test.trace']]);
    } finally {
      context.disable();
    }
  });

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

  it("gives the handler the signal of the direct entry's context, and through Next the Request's", async () => {
    const seen: AbortSignal[] = [];
    const GET = route({ access: 'public', name: 'test.signal' }, async ({ signal }) => {
      seen.push(signal);
      return null;
    });
    const client = new AbortController();
    const direct = directEntryOf(GET)!;
    const answer = await direct(new Request('http://127.0.0.1/api/test'), { params: {}, signal: client.signal });
    expect(answer).toMatchObject({ status: 200, body: 'null' });
    const own = new AbortController();
    const req = new Request('http://127.0.0.1/api/test', { signal: own.signal });
    await GET(req);
    expect(seen[0]).toBe(client.signal);
    expect(seen[1]).toBe(req.signal);
    own.abort();
    expect(seen[1]!.aborted).toBe(true);
  });

  it('answers the same through both entries: status, headers with the request ID, and the JSON body', async () => {
    const GET = route({ access: 'public', name: 'test.same', query: z.object({ n: z.coerce.number().int() }) }, async ({ query }) => ({ twice: query.n * 2 }));
    const direct = directEntryOf(GET)!;
    const headers = { 'x-request-id': 'req-9' };
    const viaNext = await GET(new Request('http://127.0.0.1/api/test?n=21', { headers }));
    const answer = await direct(new Request('http://127.0.0.1/api/test?n=21', { headers }), { params: {}, signal: new AbortController().signal });
    expect(answer).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': 'req-9' }, body: '{"twice":42}' });
    expect([viaNext.status, Object.fromEntries(viaNext.headers), await viaNext.text()]).toEqual([200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': 'req-9' }, '{"twice":42}']);
    const bad = await direct(new Request('http://127.0.0.1/api/test?n=x', { headers }), { params: {}, signal: new AbortController().signal });
    expect(bad).toMatchObject({ status: 400 });
    expect(JSON.parse((bad as { body: string }).body)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('takes the request ID its direct caller has settled, and through Next replaces a malformed x-request-id', async () => {
    const GET = route({ access: 'public', name: 'test.request-id' }, async ({ requestId }) => ({ requestId }));
    const answer = await directEntryOf(GET)!(new Request('http://127.0.0.1/api/test'), { params: {}, signal: new AbortController().signal, requestId: 'req-settled' });
    expect(answer).toMatchObject({ headers: { 'x-request-id': 'req-settled' }, body: '{"requestId":"req-settled"}' });
    const viaNext = await GET(new Request('http://127.0.0.1/api/test', { headers: { 'x-request-id': 'not well-formed!' } }));
    expect(viaNext.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes a Response its handler made through, with the request ID added", async () => {
    const GET = route({ access: 'public', name: 'test.response' }, async () => new Response('a,b\n', { headers: { 'content-type': 'text/csv' } }));
    const answer = await directEntryOf(GET)!(new Request('http://127.0.0.1/api/test', { headers: { 'x-request-id': 'req-3' } }), { params: {}, signal: new AbortController().signal });
    expect('response' in answer).toBe(true);
    const res = (answer as { response: Response }).response;
    expect([res.headers.get('content-type'), res.headers.get('x-request-id'), await res.text()]).toEqual(['text/csv', 'req-3', 'a,b\n']);
  });

  it('counts a request in flight while its handler runs, until its answer is made, whether it succeeds, fails or is aborted', async () => {
    const before = await inFlight();
    const during: number[] = [];
    const GET = route({ access: 'public', name: 'test.in-flight' }, async ({ req }) => {
      during.push(await inFlight());
      if (req.url.endsWith('fail')) throw new Error('boom');
      if (req.url.endsWith('abort')) throw new DOMException('the client went away', 'AbortError');
      return { ok: true };
    });
    const statuses = [];
    for (const path of ['ok', 'fail', 'abort']) statuses.push((await GET(new Request(`http://127.0.0.1/api/test/${path}`))).status);
    expect(statuses).toEqual([200, 500, 504]);
    expect(during).toEqual([before + 1, before + 1, before + 1]);
    expect(await inFlight()).toBe(before);
  });

  it('stops counting a Response answer in flight once it is made, even when its body is never read (HEAD)', async () => {
    const before = await inFlight();
    const GET = route({ access: 'public', name: 'test.in-flight-response' }, async () => new Response('a,b\n', { headers: { 'content-type': 'text/csv' } }));
    // Next answers HEAD with the GET handler and never reads the body.
    const head = await GET(new Request('http://127.0.0.1/api/test', { method: 'HEAD' }));
    const direct = await directEntryOf(GET)!(new Request('http://127.0.0.1/api/test'), { params: {}, signal: new AbortController().signal });
    await new Promise((r) => setTimeout(r, 0));
    expect([head.status, answerStatus(direct)]).toEqual([200, 200]);
    expect(await inFlight()).toBe(before);
  });
});
