import { describe, expect, it } from 'vitest';
import { positionInString, positionOf, scanJson, toPointer } from './json-position';

const TEXT = `{
  "slug": "a",
  "rows": [
    { "panels": [ { "expr": "rate(x{a=\\"b\\"}[5m]" } ] }
  ],
  "a/b~c": 1
}`;

describe('scanJson', () => {
  it('records where every value starts by JSON pointer', () => {
    const { positions, error } = scanJson(TEXT);
    expect(error).toBeNull();
    expect(positions.get('/slug')).toMatchObject({ line: 2, column: 11 });
    expect(positions.get('/rows/0/panels/0/expr')).toMatchObject({ line: 4, column: 29 });
    expect(positions.get(toPointer(['a/b~c']))).toMatchObject({ line: 6, column: 12 });
  });

  it('falls back to the nearest ancestor for a missing key', () => {
    const { positions } = scanJson(TEXT);
    expect(positionOf(positions, '/rows/0/panels/0/title')).toMatchObject({ line: 4, column: 19 });
  });

  it('maps an index inside a decoded string past its escapes', () => {
    const { positions } = scanJson(TEXT);
    const start = positions.get('/rows/0/panels/0/expr')?.offset ?? -1;
    // decoded: rate(x{a="b"}[5m]  — index 12 is the "}" after the escaped quotes
    expect(positionInString(TEXT, start, 12)).toMatchObject({ line: 4, column: 44 });
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'expected a string'],
    ['{"a": 1\n "b": 2}', 2, 2, 'expected "," or "}"'],
    ['[1, 2', 1, 6, 'unexpected end of file'],
    ['{"a": tru}', 1, 7, 'expected a value'],
  ])('reports a syntax error in %j at %i:%i', (text, line, column, message) => {
    const { error } = scanJson(text);
    expect(error?.position).toMatchObject({ line, column });
    expect(error?.message).toContain(message);
  });
});
