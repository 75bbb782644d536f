import { describe, expect, it } from 'vitest';
import { makeFakeTrace } from './fake-trace';
import { buildSearchIndex, findInTrace } from './search-in-trace';
import { buildSpanTree } from './tree';

const tree = buildSpanTree(makeFakeTrace([
  { id: 'aa01', start: 0, duration: 100, service: 'gateway', operation: 'GET /checkout' },
  { id: 'bb02', parent: 'aa01', start: 50, duration: 10, service: 'payment', operation: 'charge', attributes: { 'http.status_code': 502 } },
  { id: 'cc03', parent: 'aa01', start: 10, duration: 10, service: 'cart', operation: 'load', attributes: { 'user.tier': 'gold' } },
  { id: 'dd04', parent: 'cc03', start: 12, duration: 2, service: 'payment', operation: 'price' },
]));
const index = buildSearchIndex(tree);
const find = (q: string) => findInTrace(tree, index, q).map((i) => tree.spans[i]!.spanId);

describe('findInTrace', () => {
  it('matches service names case-insensitively, in row order', () => {
    // cc03 starts before bb02, so its child dd04 comes first in the rows.
    expect(find('PAYMENT')).toEqual(['dd04', 'bb02']);
  });

  it('matches operations, span ids and attribute keys, values and pairs', () => {
    expect(find('checkout')).toEqual(['aa01']);
    expect(find('cc03')).toEqual(['cc03']);
    expect(find('user.tier')).toEqual(['cc03']);
    expect(find('gold')).toEqual(['cc03']);
    expect(find('http.status_code=502')).toEqual(['bb02']);
  });

  it('requires every term to match', () => {
    expect(find('payment charge')).toEqual(['bb02']);
    expect(find('payment gold')).toEqual([]);
  });

  it('matches nothing for an empty query', () => {
    expect(find('   ')).toEqual([]);
  });
});
