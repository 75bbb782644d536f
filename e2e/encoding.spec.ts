import { expect, test } from '@playwright/test';
import http from 'node:http';
import zlib from 'node:zlib';
import { SignInPage } from './pages/sign-in-page';

/** One GET as raw bytes (nothing inflated), so the test sees exactly what Sightline's server sent. */
function getRaw(baseURL: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, baseURL), { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

test.describe("how Sightline's server encodes what it sends", () => {
  test('API answers arrive whole: gzip-encoded with their length when the client accepts it, plain otherwise', async ({ page, baseURL }) => {
    await new SignInPage(page).signInAs('viewer');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

    const gz = await getRaw(baseURL!, '/api/dashboards', { cookie, 'accept-encoding': 'gzip, deflate' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-length']).toBe(String(gz.body.length));
    expect(gz.headers['transfer-encoding']).toBeUndefined();
    expect(gz.headers.vary).toContain('Accept-Encoding');
    const listed = JSON.parse(zlib.gunzipSync(gz.body).toString()) as unknown;

    const plain = await getRaw(baseURL!, '/api/dashboards', { cookie, 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(plain.body.length));
    expect(JSON.parse(plain.body.toString()) as unknown).toEqual(listed);

    const health = await getRaw(baseURL!, '/api/health', { 'accept-encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString()) as unknown).toEqual({ status: 'ok' });
  });

  test('pages and their scripts are still compressed', async ({ baseURL }) => {
    const html = await getRaw(baseURL!, '/signin', { 'accept-encoding': 'gzip' });
    expect(html.status).toBe(200);
    expect(html.headers['content-encoding']).toBe('gzip');
    const text = zlib.gunzipSync(html.body).toString();
    expect(text).toContain('Sign in to Sightline');
    const script = /\/_next\/static\/[^"]+\.js/.exec(text)?.[0];
    expect(script, 'the sign-in page loads a script').toBeTruthy();
    const js = await getRaw(baseURL!, script!, { 'accept-encoding': 'gzip' });
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(js.body).length).toBeGreaterThan(js.body.length);
  });
});
