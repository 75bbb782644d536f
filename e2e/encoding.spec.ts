import { expect, test } from '@playwright/test';
import zlib from 'node:zlib';
import { requestRaw } from '../lib/testing/raw-http';
import { SignInPage } from './pages/sign-in-page';

test.describe("how Sightline's server encodes what it sends", () => {
  test('API answers arrive whole: gzip-encoded with their length when the client accepts it, plain otherwise', async ({ page, baseURL }) => {
    await new SignInPage(page).signInAs('viewer');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

    const gz = await requestRaw(new URL('/api/dashboards', baseURL), { headers: { cookie, 'accept-encoding': 'gzip, deflate' } });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-length']).toBe(String(gz.body.length));
    expect(gz.headers['transfer-encoding']).toBeUndefined();
    expect(gz.headers.vary).toContain('Accept-Encoding');
    const listed = JSON.parse(zlib.gunzipSync(gz.body).toString()) as unknown;

    const plain = await requestRaw(new URL('/api/dashboards', baseURL), { headers: { cookie, 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(plain.body.length));
    expect(JSON.parse(plain.body.toString()) as unknown).toEqual(listed);

    const health = await requestRaw(new URL('/api/health', baseURL), { headers: { 'accept-encoding': 'gzip' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString()) as unknown).toEqual({ status: 'ok' });
  });

  test('pages and their scripts are still compressed', async ({ baseURL }) => {
    const html = await requestRaw(new URL('/signin', baseURL), { headers: { 'accept-encoding': 'gzip' } });
    expect(html.status).toBe(200);
    expect(html.headers['content-encoding']).toBe('gzip');
    const text = zlib.gunzipSync(html.body).toString();
    expect(text).toContain('Sign in to Sightline');
    const script = /\/_next\/static\/[^"]+\.js/.exec(text)?.[0];
    expect(script, 'the sign-in page loads a script').toBeTruthy();
    const js = await requestRaw(new URL(script!, baseURL), { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(js.body).length).toBeGreaterThan(js.body.length);
  });
});
