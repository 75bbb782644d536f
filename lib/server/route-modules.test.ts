import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { routeEntries, type RouteAnswer } from '@/lib/api/route-entry';
import { ApiRouteTable } from './api-routes';
import { allowedMethods, nextRouteModuleLoader, resolveRouteExports } from './route-modules';

describe('nextRouteModuleLoader', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A build directory with a manifest and route modules in the shapes Next 16 (lazy userland) and earlier versions write. */
  function fakeBuild(): string {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'sightline-direct-'));
    dirs.push(dist);
    const write = (file: string, body: string) => {
      mkdirSync(path.dirname(path.join(dist, 'server', file)), { recursive: true });
      writeFileSync(path.join(dist, 'server', file), body);
    };
    const entry = (body: string) => `Object.defineProperty(GET, Symbol.for('sightline.route-entry'), { value: async (req, ctx) => ({ status: 200, headers: {}, body: ${body} }) });`;
    write('app/api/lazy/route.js', `const GET = async () => new Response('lazy'); ${entry("'lazy'")}
      let userland; module.exports = { routeModule: { async ensureUserland() { userland = { GET }; }, get userland() { if (!userland) throw new Error('not loaded'); return userland; } } };`);
    write('app/api/eager/[id]/route.js', `const GET = async () => new Response('eager'); ${entry("'eager ' + ctx.params.id")}
      module.exports = { routeModule: { userland: { GET } } };`);
    write('app-paths-manifest.json', JSON.stringify({ '/api/lazy/route': 'app/api/lazy/route.js', '/api/eager/[id]/route': 'app/api/eager/[id]/route.js', '/page': 'app/page.js' }));
    return dist;
  }

  it("loads route modules from the build's manifest, both shapes", async () => {
    const dist = fakeBuild();
    const table = ApiRouteTable.fromBuild(dist);
    const load = nextRouteModuleLoader(dist);
    const bodies: string[] = [];
    for (const pathname of ['/api/lazy', '/api/eager/42']) {
      const match = table.match(pathname);
      if (match.kind !== 'route') throw new Error(`no route for ${pathname}`);
      const { direct } = resolveRouteExports((await load(match.route))!);
      const answer = await direct.GET!(new Request(`http://127.0.0.1${pathname}`), { params: match.params, signal: new AbortController().signal });
      bodies.push((answer as Extract<RouteAnswer, { body: string }>).body);
    }
    expect(bodies).toEqual(['lazy', 'eager 42']);
    expect(table.match('/api/unknown').kind).toBe('none');
  });
});

describe('resolveRouteExports', () => {
  it("takes route()'s direct entries by method and counts every method handler, ignoring other exports", () => {
    const answer: RouteAnswer = { status: 200, headers: {}, body: '' };
    const resolved = resolveRouteExports({ GET: routeEntries(async () => answer), POST: async () => new Response(''), dynamic: 'force-dynamic', HEAD: 'not a function' });
    expect([Object.keys(resolved.direct), resolved.methods]).toEqual([['GET'], ['GET', 'POST']]);
  });
});

describe('allowedMethods', () => {
  it('lists what Next answers: HEAD with GET, OPTIONS always', () => {
    expect([allowedMethods(['GET', 'DELETE']), allowedMethods(['POST'])]).toEqual(['GET, HEAD, OPTIONS, DELETE', 'OPTIONS, POST']);
  });
});
