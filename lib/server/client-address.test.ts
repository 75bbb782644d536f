import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { settleForwardedHeaders, trustsProxy } from './client-address';

const request = (headers: Record<string, string>, remoteAddress = '203.0.113.9') => ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('settleForwardedHeaders', () => {
  it('replaces what a client sent about itself with the socket address when no proxy is trusted', () => {
    const req = request({ 'x-forwarded-for': '10.0.0.1', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'for=10.0.0.1', 'x-real-ip': '10.0.0.2', host: 'sightline.local' });
    settleForwardedHeaders(req, false);
    expect(req.headers).toEqual({ 'x-forwarded-for': '203.0.113.9', host: 'sightline.local' });
  });

  it('keeps a trusted proxy’s headers as they are', () => {
    const req = request({ 'x-forwarded-for': '198.51.100.7, 10.0.0.1', 'x-forwarded-proto': 'https' });
    settleForwardedHeaders(req, true);
    expect(req.headers).toEqual({ 'x-forwarded-for': '198.51.100.7, 10.0.0.1', 'x-forwarded-proto': 'https' });
  });

  it('reads TRUST_PROXY as a switch, as lib/env.ts does', () => {
    expect(['1', 'true', 'TRUE', 'yes', 'On'].map(trustsProxy)).toEqual([true, true, true, true, true]);
    expect(['', '0', 'false', 'no', undefined].map(trustsProxy)).toEqual([false, false, false, false, false]);
    // lib/env.ts does not trim: ' true' is off for the app, so it is off for the server too.
    const spaced = [' true', 'yes\n'];
    expect(spaced.map(trustsProxy)).toEqual(spaced.map((TRUST_PROXY) => parseEnv({ TRUST_PROXY }).TRUST_PROXY));
    expect(spaced.map(trustsProxy)).toEqual([false, false]);
  });
});
