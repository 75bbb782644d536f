import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The API routes of a Next.js build, read from its app-paths manifest and matched as Next matches
 * them (static segments before dynamic ones before catch-alls), for Sightline's server
 * (lib/server/direct-api.ts).
 */

export type Segment = { kind: 'static'; value: string } | { kind: 'dynamic'; name: string } | { kind: 'catch-all'; name: string; optional: boolean };

export interface ApiRoute {
  /** The route's pattern, e.g. "/api/dashboards/[slug]/panels/[panelId]". */
  pattern: string;
  /** Its module's file under the build's server directory, e.g. "app/api/health/route.js". */
  file: string;
  segments: Segment[];
}

export type RouteMatch =
  | { kind: 'route'; route: ApiRoute; params: Record<string, string | string[]> }
  /** A path of no API route. */
  | { kind: 'none' }
  /** A path Next answers itself: it redirects or normalizes it (a trailing slash, `//`, dot segments). */
  | { kind: 'next' }
  /** A path segment that is not valid percent-encoding. */
  | { kind: 'bad-encoding' };

/**
 * The URL segments of an app-paths-manifest key without its last part ("/(app)/d/[slug]/page" →
 * ["d", "[slug]"]): route groups "(name)" do not appear in the URL.
 */
export function urlSegmentNames(key: string, last: string): string[] {
  return key.slice(1, -`/${last}`.length).split('/').filter((s) => s !== '' && !/^\(.+\)$/.test(s));
}

/** Segments of a route from its URL segment names. */
export function toSegments(names: string[]): Segment[] {
  return names.map((s): Segment => {
    const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(s);
    if (optional) return { kind: 'catch-all', name: optional[1]!, optional: true };
    const catchAll = /^\[\.\.\.(.+)\]$/.exec(s);
    if (catchAll) return { kind: 'catch-all', name: catchAll[1]!, optional: false };
    const dynamic = /^\[(.+)\]$/.exec(s);
    return dynamic ? { kind: 'dynamic', name: dynamic[1]! } : { kind: 'static', value: s };
  });
}

/** Parses an app-paths-manifest key ("/api/x/[id]/route") to its route, or null when it is not an API route. */
export function parseApiRoute(page: string, file: string): ApiRoute | null {
  if (!page.startsWith('/api/') || !page.endsWith('/route')) return null;
  const names = urlSegmentNames(page, 'route');
  return { pattern: `/${names.join('/')}`, file, segments: toSegments(names) };
}

const RANK = { static: 0, dynamic: 1, 'catch-all': 2 } as const;
const rank = (s: Segment) => RANK[s.kind] + (s.kind === 'catch-all' && s.optional ? 1 : 0);

/** Orders routes as Next matches them: at the first segment where they differ, static before dynamic before catch-all. */
export function bySpecificity(a: { segments: Segment[] }, b: { segments: Segment[] }): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const d = rank(a.segments[i]!) - rank(b.segments[i]!);
    if (d !== 0) return d;
  }
  return b.segments.length - a.segments.length;
}

/** The params of `parts` (decoded URL segments) under `segments`, or null when they do not match. */
export function matchSegments(segments: Segment[], parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.kind === 'catch-all') {
      const rest = parts.slice(i);
      if (rest.length === 0 && !s.optional) return null;
      if (rest.length > 0) params[s.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (s.kind === 'dynamic') params[s.name] = part;
    else if (part !== s.value) return null;
  }
  return parts.length === segments.length ? params : null;
}

/**
 * A path's decoded segments as routes match them; 'next' for a path Next normalizes or redirects
 * before routing (not absolute, an empty, `.` or `..` segment: a trailing slash, `//`), and
 * 'bad-encoding' for invalid percent-encoding. The root "/" has no segments.
 */
export function pathParts(pathname: string): string[] | 'next' | 'bad-encoding' {
  if (!pathname.startsWith('/')) return 'next';
  if (pathname === '/') return [];
  const raw = pathname.slice(1).split('/');
  if (raw.some((s) => s === '' || s === '.' || s === '..')) return 'next';
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return 'bad-encoding';
  }
}

/** Next's build manifest of app routes in `distDir`: manifest key ("/(app)/d/[slug]/page") → module file. */
export function readAppPathsManifest(distDir: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(distDir, 'server', 'app-paths-manifest.json'), 'utf8')) as Record<string, string>;
}

/** The API routes of a build, matched most specific first. */
export class ApiRouteTable {
  private readonly routes: ApiRoute[];

  constructor(routes: ApiRoute[]) {
    this.routes = [...routes].sort(bySpecificity);
  }

  /** Reads the routes of Next's build in `distDir` (its server/app-paths-manifest.json). */
  static fromBuild(distDir: string): ApiRouteTable {
    return new ApiRouteTable(Object.entries(readAppPathsManifest(distDir)).flatMap(([page, file]) => parseApiRoute(page, file) ?? []));
  }

  get size(): number {
    return this.routes.length;
  }

  match(pathname: string): RouteMatch {
    const parts = pathParts(pathname);
    if (parts === 'next' || parts === 'bad-encoding') return { kind: parts };
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (params) return { kind: 'route', route, params };
    }
    return { kind: 'none' };
  }
}
