import { describe, expect, it } from 'vitest';
import { toAttributeValue } from './log-export';

describe('toAttributeValue', () => {
  it('keeps scalars and writes anything else as JSON, an error as its message', () => {
    expect([toAttributeValue('a'), toAttributeValue(3), toAttributeValue(false), toAttributeValue(null), toAttributeValue(undefined)]).toEqual(['a', 3, false, null, null]);
    expect(toAttributeValue({ route: 'x', n: [1, 2] })).toBe('{"route":"x","n":[1,2]}');
    expect(toAttributeValue(new Error('boom'))).toBe('boom');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(toAttributeValue(loop)).toBe('[object Object]');
  });
});
