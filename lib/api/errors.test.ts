import { describe, expect, it } from 'vitest';
import { AppError, notFound } from './errors';
import { answerToResponse } from './route-entry';
import { errorAnswer } from './route-handler';

describe('AppError across bundled copies of its module', () => {
  it('is recognised when another copy of the module made it (as Next bundles a page and a route apart)', async () => {
    // A query string makes Vite load a second, separate instance of the module: another class object.
    const specifier = './errors?second-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./errors');
    expect(copy.AppError).not.toBe(AppError);
    const err = copy.notFound('Trace', 'dead');
    expect(err instanceof AppError).toBe(true);
    const res = answerToResponse(errorAnswer(err, 'req-1'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Trace "dead" was not found' } });
  });

  it('is not fooled by look-alikes: a plain error named AppError, or an object with a code', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'AppError', code: 'NOT_FOUND' });
    expect(lookAlike instanceof AppError).toBe(false);
    expect({ code: 'NOT_FOUND', status: 404 } instanceof AppError).toBe(false);
    expect(notFound('Trace', 'x') instanceof AppError).toBe(true);
    expect(answerToResponse(errorAnswer(lookAlike, 'req-2')).status).toBe(500);
  });
});
