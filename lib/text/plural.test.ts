import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect([0, 1, 2].map((n) => plural(n, 'line'))).toEqual(['0 lines', '1 line', '2 lines']);
  });
  it('takes an irregular plural', () => {
    expect(plural(2, 'query', 'queries')).toBe('2 queries');
    expect(plural(1, 'query', 'queries')).toBe('1 query');
  });
});
