import { createRequire } from 'node:module';
import path from 'node:path';
import { directEntryOf, type DirectEntry } from '../api/route-entry';
import type { ApiRoute } from './api-routes';

/**
 * API route modules of Next's build as Sightline's server uses them (lib/server/direct-api.ts):
 * loaded as Next loads them, their exports resolved by method to route()'s direct entries, and the
 * methods Next answers for them.
 */

/** Loads a route's module; resolves its exports by method name (GET, POST, ...), or null when it has another shape. */
export type RouteModuleLoader = (route: ApiRoute) => Promise<Record<string, unknown> | null>;

interface NextRouteModule {
  routeModule?: { ensureUserland?: () => Promise<void>; userland?: Record<string, unknown> };
}

/** Loads route modules from Next's build as Next does: `require` of the same file, so the module instances are shared. */
export function nextRouteModuleLoader(distDir: string): RouteModuleLoader {
  const load = createRequire(import.meta.url);
  return async (route) => {
    const mod = load(path.join(distDir, 'server', route.file)) as NextRouteModule;
    const routeModule = mod.routeModule;
    if (!routeModule) return null;
    // Next 16 loads a route's own code on first use; earlier versions hold it at once.
    if (typeof routeModule.ensureUserland === 'function') await routeModule.ensureUserland();
    return routeModule.userland ?? null;
  };
}

/** What a route module exports: the direct entries of its route() handlers by method, and every method it has. */
export interface RouteExports {
  direct: Record<string, DirectEntry>;
  methods: string[];
}

const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** Resolves a route module's exports: its method handlers, and the direct entries of those route() made. */
export function resolveRouteExports(exports: Record<string, unknown>): RouteExports {
  const handlers = Object.entries(exports).filter(([m, fn]) => HTTP_METHODS.includes(m) && typeof fn === 'function');
  const direct: Record<string, DirectEntry> = {};
  for (const [m, fn] of handlers) {
    const entry = directEntryOf(fn);
    if (entry) direct[m] = entry;
  }
  return { direct, methods: handlers.map(([m]) => m) };
}

/** The methods Next answers for a route exporting `methods`: HEAD with GET, OPTIONS always. */
export function allowedMethods(methods: string[]): string {
  return HTTP_METHODS.filter((m) => methods.includes(m) || (m === 'HEAD' && methods.includes('GET')) || m === 'OPTIONS').join(', ');
}
