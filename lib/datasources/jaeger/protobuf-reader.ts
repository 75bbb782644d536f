/**
 * A protobuf wire-format reader over one Buffer: varints, tags, length-delimited fields, fixed64,
 * skipping of unknown fields, and the bounds of nested messages. Only what the OTLP trace decoder
 * (otlp-proto.ts) needs; it throws ProtoError on malformed input instead of reading past a field.
 */

/** Strings up to this many bytes are decoded once per distinct value (see Reader.repeatedString). */
const MAX_CACHED_STRING_BYTES = 64;
/** Wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;
export const FIXED32 = 5;

/** A malformed message (truncated, or a wire type protobuf does not have). */
export class ProtoError extends Error {}

/** Reads fields from `buf` between `pos` and `end` (set `end` before the first read). */
export class Reader {
  pos = 0;
  end = 0;
  constructor(readonly buf: Buffer) {}

  varint(): number {
    const b = this.buf;
    let result = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const c = b[this.pos++]!;
      result += (c & 0x7f) * scale;
      if (c < 0x80) return k === 9 ? result - 2 ** 64 : result; // ten bytes: a negative int64
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  /** Reads a field tag; returns the field number, and leaves the wire type in `wire`. */
  tag(): number {
    const t = this.varint();
    this.wire = t & 7;
    return t >>> 3;
  }
  wire = 0;

  /** The [start, end) of a length-delimited field's bytes; the reader moves past them. */
  bytes(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.end) throw new ProtoError('truncated field');
    return [start, this.pos];
  }

  string(): string {
    const [a, z] = this.bytes();
    return this.buf.toString('utf8', a, z);
  }

  /**
   * string() for the values that repeat across spans (attribute keys, operation names, status
   * codes): short strings are looked up by their bytes, so that the 50,000th `http.status_code` is
   * not decoded and allocated again. Longer ones are decoded as they are.
   */
  repeatedString(): string {
    const len = this.varint();
    const a = this.pos;
    const z = a + len;
    if (z > this.end) throw new ProtoError('truncated field');
    this.pos = z;
    const b = this.buf;
    if (len > MAX_CACHED_STRING_BYTES) return b.toString('utf8', a, z);
    let h = len;
    for (let k = a; k < z; k++) h = Math.imul(h ^ b[k]!, 0x01000193);
    const bucket = this.strings.get(h);
    if (bucket) {
      for (const [at, s] of bucket) {
        if (this.bytesEqual(at, a, len)) return s;
      }
    }
    const s = b.toString('utf8', a, z);
    if (bucket) bucket.push([a, s]);
    else this.strings.set(h, [[a, s]]);
    return s;
  }

  /** Decoded short strings by a hash of their bytes: [where the bytes are, the string]. */
  private readonly strings = new Map<number, [number, string][]>();

  private bytesEqual(x: number, y: number, len: number): boolean {
    const b = this.buf;
    // A cached entry's bytes have this length too: the hash mixes the length in, and a match is checked byte by byte.
    if (x + len > b.length || b[x - 1] !== b[y - 1]) return false; // the length varint's last byte
    for (let k = 0; k < len; k++) if (b[x + k] !== b[y + k]) return false;
    return true;
  }

  hex(): string {
    const [a, z] = this.bytes();
    return this.buf.toString('hex', a, z);
  }

  private lastId = '';
  private lastIdAt = -1;
  private lastIdLen = 0;

  /** hex() for a value that repeats (every span carries the trace id): compares bytes with the last one before building a string. */
  repeatedHex(): string {
    const len = this.varint();
    const a = this.pos;
    this.pos += len;
    if (this.pos > this.end) throw new ProtoError('truncated field');
    const b = this.buf;
    if (len === this.lastIdLen && this.lastIdAt >= 0) {
      let same = true;
      for (let k = 0; k < len && same; k++) same = b[a + k] === b[this.lastIdAt + k];
      if (same) return this.lastId;
    }
    this.lastIdAt = a;
    this.lastIdLen = len;
    this.lastId = b.toString('hex', a, a + len);
    return this.lastId;
  }

  /** The end of the length-delimited field starting here; the reader is left at its first byte. */
  fieldEnd(): number {
    const len = this.varint();
    const z = this.pos + len;
    if (z > this.end) throw new ProtoError('truncated field');
    return z;
  }

  /** A fixed64 as its two 32-bit halves, into out[at], out[at+1] (lo, hi). */
  fixed64(out: Float64Array, at: number): void {
    if (this.pos + 8 > this.end) throw new ProtoError('truncated fixed64');
    out[at] = this.buf.readUInt32LE(this.pos);
    out[at + 1] = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
  }

  skip(): void {
    if (this.wire === VARINT) this.varint();
    else if (this.wire === FIXED64) this.pos += 8;
    else if (this.wire === LEN) this.bytes();
    else if (this.wire === FIXED32) this.pos += 4;
    else throw new ProtoError(`unsupported wire type ${this.wire}`);
  }

  /** Runs `field` for each field of the message in [start, end), then restores the outer bound. */
  message(start: number, end: number, field: (n: number) => void): void {
    const outer = this.end;
    this.pos = start;
    this.end = end;
    while (this.pos < end) field(this.tag());
    if (this.pos !== end) throw new ProtoError('field runs past its message');
    this.pos = end;
    this.end = outer;
  }
}
