import { describe, expect, it } from 'vitest';
import { addNoTransform, MIN_COMPRESS_BYTES, toResponse } from './compress';

describe('toResponse', () => {
  it('keeps a small answer out of Next compression and a large one in it, with the same body', async () => {
    const small = toResponse('{"status":"ok"}', { headers: { 'cache-control': 'no-store', 'content-type': 'application/json' } });
    expect(small.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(small.headers.get('content-type')).toBe('application/json');
    expect(await small.text()).toBe('{"status":"ok"}');

    const bigText = JSON.stringify({ values: 'x'.repeat(MIN_COMPRESS_BYTES) });
    const big = toResponse(bigText, { status: 201, headers: { 'cache-control': 'no-store' } });
    expect(big.headers.get('cache-control')).toBe('no-store');
    expect(big.status).toBe(201);
    expect(await big.text()).toBe(bigText);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const accents = 'é'.repeat(MIN_COMPRESS_BYTES / 2 + 1); // fewer characters than the threshold, more bytes
    expect(toResponse(accents).headers.get('cache-control')).toBeNull();
    expect(toResponse(new TextEncoder().encode('tiny')).headers.get('cache-control')).toBe('no-transform');
  });
});

describe('addNoTransform', () => {
  it('adds the directive once', () => {
    expect(addNoTransform(null)).toBe('no-transform');
    expect(addNoTransform('private, No-Transform')).toBe('private, No-Transform');
  });
});
