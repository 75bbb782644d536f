import { describe, expect, it } from 'vitest';
import { findTraceIds, isTraceIdText, isZeroId, traceIdForms } from './trace-id';

const LONG = '4bf92f3577b34da6a3ce929d0e0e4736';
const SHORT = '463ac35c9f6413ad';
const PADDED = `0000000000000000${SHORT}`;

describe('traceIdForms', () => {
  it('gives both forms of a 64-bit id and the one form of a 128-bit id', () => {
    expect(traceIdForms(PADDED)).toEqual([PADDED, SHORT]);
    expect(traceIdForms(SHORT)).toEqual([PADDED, SHORT]);
    expect(traceIdForms(LONG.toUpperCase())).toEqual([LONG]);
  });
});

describe('findTraceIds', () => {
  const id = '0123456789abcdef0123456789abcdef';
  it('reads structured metadata and the parsed id, once', () => {
    expect(findTraceIds({ traceId: id, fields: { trace_id: id }, line: 'hello' })).toEqual([id]);
  });
  it('finds trace_id=<hex> and "traceId":"<hex>" in the line, lower-cased', () => {
    const other = 'ABCDEF0123456789ABCDEF0123456789';
    expect(findTraceIds({ traceId: null, fields: {}, line: `done trace_id=${id} parent {"traceId":"${other}"}` })).toEqual([id, other.toLowerCase()]);
  });
  it('ignores hex that is not labelled as a trace id, and all-zero ids', () => {
    expect(findTraceIds({ traceId: '0'.repeat(32), fields: {}, line: `sha ${id}` })).toEqual([]);
  });
  it('reads W3C traceparent values, in the line or in a field', () => {
    const tp = `00-${id}-00f067aa0ba902b7-01`;
    expect(findTraceIds({ traceId: null, fields: {}, line: `GET /cart traceparent=${tp}` })).toEqual([id]);
    expect(findTraceIds({ traceId: null, fields: {}, line: `{"traceparent":"${tp.toUpperCase()}"}` })).toEqual([id]);
    expect(findTraceIds({ traceId: null, fields: { traceparent: tp }, line: 'hello' })).toEqual([id]);
    // All-zero trace ids and version ff are invalid traceparents.
    expect(findTraceIds({ traceId: null, fields: {}, line: `traceparent=00-${'0'.repeat(32)}-00f067aa0ba902b7-01 ff-${id}-00f067aa0ba902b7-01` })).toEqual([]);
  });
  it("reads ECS's trace.id", () => {
    expect(findTraceIds({ traceId: null, fields: {}, line: `{"@timestamp":"2025-06-10T14:58:30Z","trace.id":"${id}","message":"paid"}` })).toEqual([id]);
  });
  it('links a 64-bit trace once when it is written with and without its zero padding', () => {
    const short = '463ac35c9f6413ad';
    expect(findTraceIds({ traceId: `${'0'.repeat(16)}${short}`, fields: {}, line: `trace_id=${short}` })).toEqual([`${'0'.repeat(16)}${short}`]);
  });
});

describe('isTraceIdText', () => {
  it('takes 16 or 32 hex digits, and the lengths between only for a value known to be a trace id', () => {
    expect([SHORT, LONG.toUpperCase()].map((t) => isTraceIdText(t))).toEqual([true, true]);
    expect(isTraceIdText(LONG.slice(0, 20))).toBe(false);
    expect(isTraceIdText(LONG.slice(0, 20), { unpadded: true })).toBe(true);
    expect(isTraceIdText(SHORT.slice(1), { unpadded: true })).toBe(false);
    expect(isZeroId('0'.repeat(32))).toBe(true);
  });
});
