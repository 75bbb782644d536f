import { describe, expect, it } from 'vitest';
import { authenticateRequest, readSessionCookie } from './authenticate';

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

describe('readSessionCookie with cookies it cannot decode', () => {
  it('reads the session even when another cookie is not valid percent-encoding', () => {
    expect(readSessionCookie('next-auth.session-token=abc; other=50%')).toBe('abc');
    expect(readSessionCookie('broken=%E0%A4%A; next-auth.session-token.0=ab; next-auth.session-token.1=c')).toBe('abc');
  });
  it('treats an undecodable session cookie as absent instead of throwing', () => {
    expect(readSessionCookie('next-auth.session-token=abc%')).toBeNull();
    expect(readSessionCookie('next-auth.session-token.0=abc; next-auth.session-token.1=%zz')).toBeNull();
    // a broken secure cookie does not hide a valid plain one
    expect(readSessionCookie('__Secure-next-auth.session-token=%; next-auth.session-token=ok')).toBe('ok');
  });
  it('still decodes a percent-encoded session cookie', () => {
    expect(readSessionCookie('next-auth.session-token=a%2Eb')).toBe('a.b');
  });
});

describe('authenticateRequest', () => {
  it('answers "not signed in" rather than failing when a cookie is not valid percent-encoding', async () => {
    const req = { headers: new Headers({ cookie: 'theme=dark; other=50%' }) };
    await expect(authenticateRequest(req)).resolves.toBeNull();
  });
});
