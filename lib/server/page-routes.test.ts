import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageRoutes } from './page-routes';

/** Keys of a real build's server/app-paths-manifest.json (pages, Next's own pages, API routes). */
const KEYS = ['/(app)/page', '/(app)/d/[slug]/page', '/(app)/traces/page', '/(app)/traces/[traceId]/page', '/(app)/slos/[id]/page', '/signin/page', '/_not-found/page', '/_global-error/page', '/api/health/route', '/api/dashboards/[slug]/route'];

describe('PageRoutes', () => {
  const pages = new PageRoutes(KEYS);

  it('names a path by the page that answers it, static segments before dynamic ones', () => {
    expect(pages.patternOf('/')).toBe('/');
    expect(pages.patternOf('/d/public-api')).toBe('/d/[slug]');
    expect(pages.patternOf('/d/a%20b')).toBe('/d/[slug]');
    expect(pages.patternOf('/traces')).toBe('/traces');
    expect(pages.patternOf('/traces/4bf92f3577b34da6a3ce929d0e0e4736')).toBe('/traces/[traceId]');
    expect(pages.patternOf('/signin')).toBe('/signin');
  });

  it('names nothing that no page answers: other paths, API routes, Next’s own pages, bad encoding, paths Next redirects or normalizes first', () => {
    for (const p of ['/nope', '/d', '/d/a/b', '/api/health', '/_not-found', '/d/%zz', 'd/x', '/d/', '/d/.', '/d/..', '/traces/', '//d/x']) expect(pages.patternOf(p), p).toBeNull();
  });

  it('reads a build’s manifest, and names nothing without one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pages-'));
    try {
      mkdirSync(path.join(dir, 'server'));
      writeFileSync(path.join(dir, 'server', 'app-paths-manifest.json'), JSON.stringify(Object.fromEntries(KEYS.map((k) => [k, `app${k}.js`]))));
      expect(PageRoutes.fromBuild(dir).patternOf('/slos/checkout')).toBe('/slos/[id]');
      expect(PageRoutes.fromBuild(path.join(dir, 'missing')).patternOf('/slos/checkout')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
