/**
 * A small JSON scanner that remembers where every value starts, so messages about a JSON pointer
 * (from zod or the linter) can say `file:line:col`. It accepts exactly JSON (RFC 8259).
 */

export interface Position {
  /** 1-based line and column. */
  line: number;
  column: number;
  /** 0-based character offset in the text. */
  offset: number;
}

export interface ScanResult {
  /** JSON pointer (RFC 6901, "" for the root) → where its value starts. */
  positions: Map<string, Position>;
  error: { message: string; position: Position } | null;
}

/** Converts a character offset to a 1-based line and column. */
export function positionAt(text: string, offset: number): Position {
  return toPosition(lineStartsOf(text), offset);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Binary search over line starts: scanning thousands of pointers stays linear-ish. */
function toPosition(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset };
}

/** Builds a JSON pointer from path segments (zod issue paths, lint paths). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Scans JSON text, recording the start of every value by pointer. */
export function scanJson(text: string): ScanResult {
  const starts = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const fail = (what: string): never => {
    throw new ScanError(i >= text.length ? `unexpected end of file, expected ${what}` : `unexpected ${JSON.stringify(text[i])}, expected ${what}`, i);
  };
  const str = (): string => {
    const start = i;
    if (text[i] !== '"') fail('a string');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('"');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('"');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string): void => {
    ws();
    starts.set(pointer, i);
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value(`${pointer}${toPointer([key])}`);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail('"," or "}"');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail('"," or "]"');
      }
    }
    if (ch === '"') return void str();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!lit) fail('a value');
    i += lit?.[0].length ?? 0;
  };
  try {
    value('');
    ws();
    if (i < text.length) fail('end of file');
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
    return { positions: new Map(), error: { message: e.message, position: positionAt(text, e.offset) } };
  }
  const lineStarts = lineStartsOf(text);
  const positions = new Map<string, Position>();
  for (const [pointer, offset] of starts) positions.set(pointer, toPosition(lineStarts, offset));
  return { positions, error: null };
}

/**
 * Position of the character at `index` of a decoded JSON string whose literal starts at
 * `literalOffset` (its opening quote): walks escapes so `\"` counts as one character.
 */
export function positionInString(text: string, literalOffset: number, index: number): Position {
  let raw = literalOffset + 1;
  for (let n = 0; n < index && raw < text.length && text[raw] !== '"'; n++) {
    raw += text[raw] !== '\\' ? 1 : text[raw + 1] === 'u' ? 6 : 2;
  }
  return positionAt(text, raw);
}

/** The position for a pointer, falling back to its nearest recorded ancestor (missing keys). */
export function positionOf(positions: ReadonlyMap<string, Position>, pointer: string): Position | undefined {
  let p = pointer;
  for (;;) {
    const found = positions.get(p);
    if (found || p === '') return found;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
