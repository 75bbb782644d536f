import { describe, expect, it } from 'vitest';
import { escapeQuotedString } from './escape';

describe('escapeQuotedString', () => {
  it('keeps a value inside its double-quoted literal, whatever it holds', () => {
    expect(escapeQuotedString('a"b\\c')).toBe('a\\"b\\\\c');
    expect(escapeQuotedString('line\nnext\r\tend')).toBe('line\\nnext\\r\\tend');
    expect(escapeQuotedString(`it's`)).toBe(`it's`);
  });

  it('escapes the single quote instead in a single-quoted literal', () => {
    expect(escapeQuotedString(`it's "x"`, "'")).toBe(`it\\'s "x"`);
  });
});
