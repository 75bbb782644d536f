import 'server-only';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import type { Slo } from '@/lib/slo/schema';
import type { Dashboard } from './schema';
import { isDefinitionFile, parseDashboardFile, parseSloFile, type FileError } from './parse-file';

/**
 * Loads dashboards/ (DASHBOARDS_DIR): every *.json dashboard and every slos/*.json SLO. A file that
 * fails validation is reported in `errors` and skipped; every other file keeps working. Results are
 * cached by file names and mtimes, so an edit shows on the next request without a restart.
 */

export interface LoadedDefinitions {
  dashboards: Dashboard[];
  slos: Slo[];
  errors: FileError[];
}

interface CacheEntry {
  key: string;
  result: LoadedDefinitions;
}

const cache = new Map<string, CacheEntry>();

/** `*.json` files directly in `dir` (sorted), or [] when the folder does not exist. */
function listJson(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && isDefinitionFile(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read dashboards folder ${dir}`, { cause: e });
  }
}

/** A cheap fingerprint of the folder: names, sizes and mtimes (one stat per file). */
function fingerprint(files: readonly string[]): string {
  return files
    .map((f) => {
      const s = statSync(f, { throwIfNoEntry: false });
      return `${f}:${s?.mtimeMs ?? 0}:${s?.size ?? 0}`;
    })
    .join('|');
}

/** Reads and validates every definition in `dir` (default DASHBOARDS_DIR), reusing the last result while nothing changed. */
export function loadDefinitions(dir: string = env().DASHBOARDS_DIR): LoadedDefinitions {
  const root = path.resolve(dir);
  const dashboardFiles = listJson(root);
  const sloFiles = listJson(path.join(root, 'slos'));
  const key = fingerprint([...dashboardFiles, ...sloFiles]);
  const hit = cache.get(root);
  if (hit && hit.key === key) return hit.result;

  const result: LoadedDefinitions = { dashboards: [], slos: [], errors: [] };
  const slugs = new Set<string>();
  for (const file of dashboardFiles) {
    const rel = path.relative(root, file);
    const parsed = parseDashboardFile(rel, readFileSync(file, 'utf8'));
    result.errors.push(...parsed.errors);
    if (!parsed.value) continue;
    if (slugs.has(parsed.value.slug)) {
      result.errors.push({ file: rel, pointer: '/slug', message: `slug "${parsed.value.slug}" is used by another dashboard; this file is ignored` });
      continue;
    }
    slugs.add(parsed.value.slug);
    result.dashboards.push(parsed.value);
  }
  for (const file of sloFiles) {
    const parsed = parseSloFile(path.relative(root, file), readFileSync(file, 'utf8'));
    result.errors.push(...parsed.errors);
    if (parsed.value) result.slos.push(parsed.value);
  }
  cache.set(root, { key, result });
  return result;
}

/** The dashboard with this slug, or null. */
export function getDashboard(slug: string, dir?: string): Dashboard | null {
  return loadDefinitions(dir).dashboards.find((d) => d.slug === slug) ?? null;
}

/** The SLO with this id, or null. */
export function getSlo(id: string, dir?: string): Slo | null {
  return loadDefinitions(dir).slos.find((s) => s.id === id) ?? null;
}
