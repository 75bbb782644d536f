import { describe, expect, it } from 'vitest';
import { ApiRouteTable, parseApiRoute } from './api-routes';

const table = (...pages: string[]) => new ApiRouteTable(pages.map((p) => parseApiRoute(p, `app${p}.js`)!));

describe('parseApiRoute', () => {
  it('reads static, dynamic and catch-all segments and drops route groups', () => {
    expect(parseApiRoute('/api/dashboards/[slug]/panels/[panelId]/route', 'f.js')).toEqual({
      pattern: '/api/dashboards/[slug]/panels/[panelId]',
      file: 'f.js',
      segments: [
        { kind: 'static', value: 'api' },
        { kind: 'static', value: 'dashboards' },
        { kind: 'dynamic', name: 'slug' },
        { kind: 'static', value: 'panels' },
        { kind: 'dynamic', name: 'panelId' },
      ],
    });
    expect(parseApiRoute('/api/auth/[...nextauth]/route', 'f.js')?.segments.at(-1)).toEqual({ kind: 'catch-all', name: 'nextauth', optional: false });
    expect(parseApiRoute('/api/(v1)/x/[[...rest]]/route', 'f.js')).toMatchObject({ pattern: '/api/x/[[...rest]]', segments: [{ value: 'api' }, { value: 'x' }, { kind: 'catch-all', name: 'rest', optional: true }] });
  });

  it('ignores pages and routes outside /api', () => {
    expect(parseApiRoute('/dashboards/[slug]/page', 'f.js')).toBeNull();
    expect(parseApiRoute('/feed/route', 'f.js')).toBeNull();
  });
});

describe('ApiRouteTable.match', () => {
  const routes = table('/api/traces/[traceId]/route', '/api/traces/search/route', '/api/traces/[traceId]/logs/route', '/api/auth/[...nextauth]/route', '/api/auth/session/route', '/api/x/[[...rest]]/route');

  it('prefers a static segment to a dynamic one, whatever the manifest order', () => {
    expect(routes.match('/api/traces/search')).toMatchObject({ kind: 'route', route: { pattern: '/api/traces/search' }, params: {} });
    expect(routes.match('/api/traces/abc')).toMatchObject({ kind: 'route', route: { pattern: '/api/traces/[traceId]' }, params: { traceId: 'abc' } });
    expect(routes.match('/api/traces/abc/logs')).toMatchObject({ route: { pattern: '/api/traces/[traceId]/logs' }, params: { traceId: 'abc' } });
    expect(routes.match('/api/auth/session')).toMatchObject({ route: { pattern: '/api/auth/session' } });
  });

  it('gives catch-all params as arrays; an optional catch-all also matches nothing', () => {
    expect(routes.match('/api/auth/callback/oidc')).toMatchObject({ route: { pattern: '/api/auth/[...nextauth]' }, params: { nextauth: ['callback', 'oidc'] } });
    expect(routes.match('/api/auth')).toEqual({ kind: 'none' });
    expect(routes.match('/api/x')).toMatchObject({ kind: 'route', params: {} });
    expect(routes.match('/api/x/a/b')).toMatchObject({ kind: 'route', params: { rest: ['a', 'b'] } });
  });

  it('decodes params and matches static segments decoded', () => {
    expect(routes.match('/api/traces/a%20b%2Fc')).toMatchObject({ params: { traceId: 'a b/c' } });
    expect(routes.match('/api/traces/%73earch')).toMatchObject({ route: { pattern: '/api/traces/search' } });
  });

  it('leaves to Next the paths it redirects or normalizes, and tells unknown paths and bad encoding apart', () => {
    for (const p of ['/api/traces/search/', '/api//traces/abc', '/api/traces/./abc', '/api/traces/../auth/session', 'api/traces/abc']) expect(routes.match(p), p).toEqual({ kind: 'next' });
    expect(routes.match('/api/nope')).toEqual({ kind: 'none' });
    expect(routes.match('/api/traces/abc/spans')).toEqual({ kind: 'none' });
    expect(routes.match('/api/traces/%E0%A4%A')).toEqual({ kind: 'bad-encoding' });
  });
});
