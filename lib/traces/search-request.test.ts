import { describe, expect, it } from 'vitest';
import { TraceSearchRequestSchema, toTraceSearch } from './search-request';

describe('trace search request', () => {
  it('turns the page URL into a Jaeger search: tags parsed, range resolved, limit kept', () => {
    const q = TraceSearchRequestSchema.parse({ service: 'payment', tags: 'http.status_code=500 region="eu west"', minDuration: '250ms', from: '1700000000000', to: '1700003600000', limit: '50' });
    expect(toTraceSearch(q)).toEqual({
      service: 'payment',
      operation: undefined,
      tags: { 'http.status_code': '500', region: 'eu west' },
      minDuration: '250ms',
      maxDuration: undefined,
      start: 1700000000000,
      end: 1700003600000,
      limit: 50,
    });
  });

  it('has Jaeger keep errored traces only (tag error=true), so its limit counts errored traces, keeping the user\'s tags', () => {
    const q = toTraceSearch(TraceSearchRequestSchema.parse({ service: 'cart', errors: '1', tags: 'http.status_code=500', limit: '20' }));
    expect(q.tags).toEqual({ 'http.status_code': '500', error: 'true' });
    expect(q.limit).toBe(20);
    expect(toTraceSearch(TraceSearchRequestSchema.parse({ service: 'cart', errors: '1' })).tags).toEqual({ error: 'true' });
    expect(toTraceSearch(TraceSearchRequestSchema.parse({ service: 'cart', tags: 'region=eu' })).tags).toEqual({ region: 'eu' });
  });

  it('names the field of bad input', () => {
    const paths = (input: Record<string, string>) => TraceSearchRequestSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ service: 'cart', minDuration: 'fast' })).toEqual(['minDuration']);
    expect(paths({ service: 'cart', tags: 'oops' })).toEqual(['tags']);
    expect(paths({ service: '' })).toEqual(['service']);
    expect(paths({ service: 'cart', from: '1700003600000', to: '1700000000000' })).toEqual(['to']);
  });
});
