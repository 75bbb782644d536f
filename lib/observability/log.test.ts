import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from './log';

afterEach(() => vi.restoreAllMocks());

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
});
