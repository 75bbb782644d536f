import { describe, expect, it } from 'vitest';
import { readSessionCookie } from './authenticate';

describe('readSessionCookie', () => {
  it('reads the plain and the secure cookie', () => {
    expect(readSessionCookie('a=1; next-auth.session-token=abc; b=2')).toBe('abc');
    expect(readSessionCookie('__Secure-next-auth.session-token=sec')).toBe('sec');
  });
  it('joins chunked cookies in order', () => {
    expect(readSessionCookie('next-auth.session-token.1=def; next-auth.session-token.0=abc')).toBe('abcdef');
  });
  it('returns null without a session cookie', () => {
    expect(readSessionCookie('other=1')).toBeNull();
    expect(readSessionCookie(null)).toBeNull();
  });
});
