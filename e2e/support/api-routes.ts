import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ApiRoute {
  file: string;
  /** A concrete URL path: dynamic segments filled with a placeholder. */
  urlPath: string;
  methods: string[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every route.ts under app/api, with the HTTP methods it exports. New routes are found automatically. */
export function listApiRoutes(root: string): ApiRoute[] {
  const apiDir = path.join(root, 'app/api');
  const files = readdirSync(apiDir, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)route\.tsx?$/.test(f));
  return files.map((rel) => {
    const src = readFileSync(path.join(apiDir, rel), 'utf8');
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\bas\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(src));
    const segments = path.dirname(rel).split(path.sep).filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
    const urlPath = '/api/' + segments.map((s) => (s.startsWith('[') ? 'placeholder-id' : s)).join('/');
    return { file: `app/api/${rel}`, urlPath: urlPath.replace(/\/$/, ''), methods };
  });
}

/** Routes reachable without credentials: liveness, readiness, and next-auth's own sign-in endpoints. */
export const PUBLIC_ROUTE_FILES = ['app/api/health/route.ts', 'app/api/ready/route.ts', 'app/api/auth/[...nextauth]/route.ts'];
