import { bySpecificity, matchSegments, pathParts, readAppPathsManifest, toSegments, urlSegmentNames, type Segment } from './api-routes';

/**
 * The pages of a Next.js build ("/d/[slug]"), matched as Next matches them, so that Sightline's
 * server can name a page request by its route and never by its path (lib/server/start.ts): the
 * request spans of Sightline's own traces read `GET /d/[slug]` as its API requests read
 * `GET dashboards.panel`, one operation per page however many dashboards there are.
 */

interface PageRoute {
  pattern: string;
  segments: Segment[];
}

/** Parses an app-paths-manifest key ("/(app)/d/[slug]/page") to its page, or null for other entries and Next's own pages ("/_not-found/page"). */
export function parsePageRoute(key: string): PageRoute | null {
  if (!key.endsWith('/page') || key.startsWith('/_')) return null;
  const names = urlSegmentNames(key, 'page');
  return { pattern: `/${names.join('/')}`, segments: toSegments(names) };
}

export class PageRoutes {
  private readonly routes: PageRoute[];

  constructor(keys: string[]) {
    this.routes = keys.flatMap((k) => parsePageRoute(k) ?? []).sort(bySpecificity);
  }

  /** The pages of Next's build in `distDir`; none when its manifest is unreadable. */
  static fromBuild(distDir: string): PageRoutes {
    try {
      return new PageRoutes(Object.keys(readAppPathsManifest(distDir)));
    } catch {
      return new PageRoutes([]);
    }
  }

  /** The pattern of the page `pathname` is answered by ("/traces/[traceId]"), or null when none is (Next redirects or normalizes the path first, or no page matches). */
  patternOf(pathname: string): string | null {
    const parts = pathParts(pathname);
    if (parts === 'next' || parts === 'bad-encoding') return null;
    return this.routes.find((r) => matchSegments(r.segments, parts) !== null)?.pattern ?? null;
  }
}
