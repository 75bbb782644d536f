import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Principal } from '@/lib/auth/principal';

const admin: Principal = { kind: 'user', id: 'u1', name: 'admin@example.com', role: 'admin', scopes: [] };
const ciToken: Principal = { kind: 'token', id: 't1', name: 'ci', role: 'admin', scopes: ['api', 'deploy'] };
// The session cookie signs in the admin, a bearer token the CI token.
vi.mock('@/lib/auth/authenticate', () => ({
  authenticateRequest: async (req: { headers: { get(name: string): string | null } }) =>
    req.headers.get('authorization') ? ciToken : req.headers.get('cookie') ? admin : null,
}));
// Sightline's public URLs (lib/env.ts reads them on first use, after this).
vi.stubEnv('PUBLIC_URL', 'https://sightline.example.com');
vi.stubEnv('NEXTAUTH_URL', 'https://sso.sightline.example.com/api/auth');
afterAll(() => vi.unstubAllEnvs());
const { route } = await import('./route-handler');

const created: unknown[] = [];
const POST = route({ access: { role: 'admin' }, name: 'test.users.create', body: z.object({ email: z.string() }) }, async ({ body }) => {
  created.push(body);
  return { ok: true };
});
const GET = route({ access: { role: 'viewer' }, name: 'test.users.list' }, async () => ({ users: [] }));

const SESSION = { cookie: 'next-auth.session-token=abc' };
const JSON_TYPE = { 'content-type': 'application/json' };
const body = JSON.stringify({ email: 'attacker@example.com' });

/** Posts to the admin route on Sightline's origin, http://sightline.example.com:3000. */
const post = (headers: Record<string, string>, payload = body) => POST(new Request('http://sightline.example.com:3000/api/admin/users', { method: 'POST', headers, body: payload }));

async function refusal(res: Response): Promise<[number, string, string]> {
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  return [res.status, error.code, error.message];
}

describe('cross-site writes with the session cookie', () => {
  it("refuses a text/plain form post from another origin of the same site (SameSite=Lax sends the cookie) with 415, before the handler", async () => {
    created.length = 0;
    const res = await post({ ...SESSION, 'content-type': 'text/plain', origin: 'http://sightline.example.com:3000' });
    expect(await refusal(res)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON sent with "Content-Type: application/json", not "text/plain"']);
    const untyped = await post({ ...SESSION, 'content-type': '' });
    expect(untyped.status).toBe(415);
    expect(created).toEqual([]);
  });

  it('refuses with 403 a cookie-authenticated write the browser marks cross-site, or whose Origin is another', async () => {
    created.length = 0;
    for (const site of ['same-site', 'cross-site']) {
      const [status, code, message] = await refusal(await post({ ...SESSION, ...JSON_TYPE, 'sec-fetch-site': site }));
      expect([status, code]).toEqual([403, 'FORBIDDEN']);
      expect(message).toContain(`cross-site request refused: POST with the session cookie is accepted only from Sightline's own pages (Sec-Fetch-Site: ${site})`);
    }
    // Sec-Fetch-Site decides when present, whatever the Origin.
    const [status, code, message] = await refusal(await post({ ...SESSION, ...JSON_TYPE, 'sec-fetch-site': 'cross-site', origin: 'http://sightline.example.com:3000' }));
    expect([status, code]).toEqual([403, 'FORBIDDEN']);
    expect(message).toContain('(Sec-Fetch-Site: cross-site)');
    for (const origin of ['http://other.example.com:3000', 'http://sightline.example.com:8080', 'https://evil.example', 'null']) {
      const [status, code, message] = await refusal(await post({ ...SESSION, ...JSON_TYPE, origin }));
      expect([status, code]).toEqual([403, 'FORBIDDEN']);
      expect(message).toContain(`not from ${origin}`);
    }
    expect(created).toEqual([]);
  });

  it("accepts Sightline's own pages, a request typed by the user, and JSON with a charset", async () => {
    created.length = 0;
    expect((await post({ ...SESSION, ...JSON_TYPE, 'sec-fetch-site': 'same-origin', origin: 'http://sightline.example.com:3000' })).status).toBe(200);
    expect((await post({ ...SESSION, ...JSON_TYPE, 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await post({ ...SESSION, 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    // Behind a proxy that ends TLS: the browser's origin is https, the request reached Sightline over
    // http, and X-Forwarded-Proto is dropped unless TRUST_PROXY (lib/server/client-address.ts).
    const behindProxy = await POST(
      new Request('http://sightline.example/api/admin/users', { method: 'POST', headers: { ...SESSION, ...JSON_TYPE, origin: 'https://sightline.example', 'sec-fetch-site': 'same-origin' }, body }),
    );
    expect(behindProxy.status).toBe(200);
    expect(created).toHaveLength(4);
  });

  it('accepts, from a browser without Sec-Fetch-Site, the Origin of the request or of PUBLIC_URL or NEXTAUTH_URL', async () => {
    created.length = 0;
    for (const origin of ['http://sightline.example.com:3000', 'https://sightline.example.com', 'https://sso.sightline.example.com']) {
      expect([origin, (await post({ ...SESSION, ...JSON_TYPE, origin })).status]).toEqual([origin, 200]);
    }
    expect(created).toHaveLength(3);
  });

  it('leaves bearer-token clients and reads alone', async () => {
    const ci = await post({ authorization: 'Bearer slt_ci', ...JSON_TYPE, origin: 'https://ci.example.com', 'sec-fetch-site': 'cross-site' });
    expect(ci.status).toBe(200);
    const read = await GET(new Request('http://sightline.example.com:3000/api/admin/users', { headers: { ...SESSION, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } }));
    expect(read.status).toBe(200);
  });

  it('still refuses a bearer-token client that sends a body without Content-Type: application/json', async () => {
    expect(await refusal(await post({ authorization: 'Bearer slt_ci', 'content-type': 'application/x-www-form-urlencoded' }, 'email=a'))).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'the request body must be JSON sent with "Content-Type: application/json", not "application/x-www-form-urlencoded"',
    ]);
  });
});
