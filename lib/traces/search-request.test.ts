import { describe, expect, it } from 'vitest';
import { searchNotices, TraceSearchRequestSchema, toTraceSearch } from './search-request';

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

  it('asks Jaeger for five times the limit when only errored traces are wanted', () => {
    expect(toTraceSearch(TraceSearchRequestSchema.parse({ service: 'cart', errors: '1', limit: '20' })).limit).toBe(100);
    expect(toTraceSearch(TraceSearchRequestSchema.parse({ service: 'cart', errors: '1', limit: '1000' })).limit).toBe(1500);
  });

  it('names the field of bad input', () => {
    const paths = (input: Record<string, string>) => TraceSearchRequestSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ service: 'cart', minDuration: 'fast' })).toEqual(['minDuration']);
    expect(paths({ service: 'cart', tags: 'oops' })).toEqual(['tags']);
    expect(paths({ service: '' })).toEqual(['service']);
    expect(paths({ service: 'cart', from: '1700003600000', to: '1700000000000' })).toEqual(['to']);
  });

  it('says when the list stopped at the limit, and when "errors only" looked at every trace Jaeger returned', () => {
    const errorsOnly = TraceSearchRequestSchema.parse({ service: 'cart', errors: '1', limit: '20' });
    expect(searchNotices(errorsOnly, 100, 20).map((n) => n.code)).toEqual(['ENTRIES_CAPPED']);
    expect(searchNotices(errorsOnly, 100, 3)).toEqual([
      { code: 'PARTIAL', message: 'Errors only looked at the newest 100 traces of cart and found 3 with errors; older ones may be missing: narrow the time range to see them' },
    ]);
    expect(searchNotices(errorsOnly, 40, 3)).toEqual([]);
    expect(searchNotices(TraceSearchRequestSchema.parse({ service: 'cart', limit: '20' }), 7, 7)).toEqual([]);
  });
});
