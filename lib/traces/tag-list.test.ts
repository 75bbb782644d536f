import { describe, expect, it } from 'vitest';
import { formatTagList, parseTagList } from './tag-list';

describe('parseTagList', () => {
  it('reads pairs separated by spaces, commas and new lines', () => {
    expect(parseTagList('http.status_code=500, error=true\nregion=eu-west-1')).toEqual({
      ok: true,
      tags: { 'http.status_code': '500', error: 'true', region: 'eu-west-1' },
    });
  });

  it('keeps quoted values with spaces and equals signs', () => {
    expect(parseTagList('http.route="/api/orders/:id" msg="a = b"')).toEqual({ ok: true, tags: { 'http.route': '/api/orders/:id', msg: 'a = b' } });
  });

  it('accepts an empty filter', () => {
    expect(parseTagList('  ')).toEqual({ ok: true, tags: {} });
  });

  it('names the piece that is not key=value', () => {
    const r = parseTagList('error=true oops region=eu');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('"oops"') });
  });

  it('rejects a key without a value', () => {
    expect(parseTagList('error=')).toEqual({ ok: false, error: expect.stringContaining('"error" has no value') });
  });

  it('round-trips through formatTagList', () => {
    const tags = { 'http.route': '/a b', code: '500' };
    expect(parseTagList(formatTagList(tags))).toEqual({ ok: true, tags });
  });
});
