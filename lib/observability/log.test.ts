import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, setLogSink } from './log';

afterEach(() => {
  vi.restoreAllMocks();
  setLogSink(null);
  context.disable();
});

async function stdoutLines(write: () => void): Promise<Record<string, unknown>[]> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  write();
  await new Promise((resolve) => setImmediate(resolve));
  return out.mock.calls.map((c) => String(c[0])).join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('logger', () => {
  it('writes info lines in order, one JSON object a line with its fields, by the end of the event-loop turn', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    logger.info('request', { requestId: 'r-1', status: 200 });
    logger.info('request', { requestId: 'r-2', status: 502 });
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.mock.calls.map((c) => String(c[0])).join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg, l.requestId, l.status, l.service])).toEqual([
      ['info', 'request', 'r-1', 200, 'sightline'],
      ['info', 'request', 'r-2', 502, 'sightline'],
    ]);
  });

  it('writes errors to stderr at once', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    logger.error('audit event not written', { actor: 'dev' });
    expect(JSON.parse(String(err.mock.calls[0]?.[0]))).toMatchObject({ level: 'error', msg: 'audit event not written', actor: 'dev' });
  });

  it('puts the trace and span of the request a line is written in on the line', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const span = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
    const lines = await stdoutLines(() => {
      context.with(trace.setSpan(context.active(), span), () => logger.info('request', { requestId: 'r-3' }));
      logger.info('outside');
    });
    expect(lines[0]).toMatchObject({ msg: 'request', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7', requestId: 'r-3' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });

  it('hands every line that passes the level to the sink, with its fields, in the context it was written in', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED });
    const seen: [string, string, Record<string, unknown>, string | undefined][] = [];
    setLogSink((level, msg, fields) => seen.push([level, msg, fields, trace.getActiveSpan()?.spanContext().traceId]));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await stdoutLines(() => {
      context.with(trace.setSpan(context.active(), span), () => logger.info('request', { status: 200 }));
      logger.debug('below the level');
      logger.warn('slow upstream', { ms: 2100 });
    });
    expect(seen).toEqual([
      ['info', 'request', { status: 200 }, '0af7651916cd43dd8448eb211c80319c'],
      ['warn', 'slow upstream', { ms: 2100 }, undefined],
    ]);
  });
});
