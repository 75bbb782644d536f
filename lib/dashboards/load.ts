import 'server-only';
import { readdirSync, readFileSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import type { Slo } from '@/lib/slo/schema';
import type { Dashboard } from './schema';
import { isDefinitionFile, parseDashboardFile, parseSloFile, type FileError } from './parse-file';

/**
 * Loads dashboards/ (DASHBOARDS_DIR): every *.json dashboard and every slos/*.json SLO. A file that
 * fails validation is reported in `errors` and skipped; every other file keeps working. Results are
 * cached by file names, sizes and mtimes. The folder is looked at again when a file system watch
 * reports a change in it (at once) and otherwise at most once per FOLDER_CHECK_INTERVAL_MS (for file
 * systems that report nothing), so an edit shows on the next request, or within a second, without a restart.
 */

/**
 * How long a loaded result is served without looking at the folder. Listing and stat-ing every
 * definition file took ~0.5 ms of every panel request; one look a second bounds that cost whatever
 * the request rate.
 */
export const FOLDER_CHECK_INTERVAL_MS = 1_000;

export interface LoadedDefinitions {
  dashboards: Dashboard[];
  slos: Slo[];
  errors: FileError[];
}

interface CacheEntry {
  key: string;
  result: LoadedDefinitions;
  /** Epoch ms of the last look at the folder. */
  checkedAt: number;
}

const cache = new Map<string, CacheEntry>();
const watched = new Set<string>();

/**
 * Marks `root`'s result stale whenever something changes in `folder` (inotify on Linux). Best effort:
 * where watching is unsupported or fails, the once-a-second look still finds every change. The
 * watcher never keeps the process alive.
 */
function watchFolder(root: string, folder: string): void {
  if (watched.has(folder)) return;
  try {
    const watcher = watch(folder, { persistent: false }, () => {
      const entry = cache.get(root);
      if (entry) entry.checkedAt = Number.NEGATIVE_INFINITY;
    });
    watched.add(folder);
    watcher.on('error', () => {
      watcher.close();
      watched.delete(folder);
    });
  } catch {
    // No such folder (yet) or no watch support: the interval covers it.
  }
}

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

/**
 * Reads and validates every definition in `dir` (default DASHBOARDS_DIR), reusing the last result
 * while nothing changed; `nowMs` (epoch ms) decides whether the folder is due for another look.
 */
export function loadDefinitions(dir: string = env().DASHBOARDS_DIR, nowMs: number = Date.now()): LoadedDefinitions {
  const root = path.resolve(dir);
  const hit = cache.get(root);
  if (hit && nowMs >= hit.checkedAt && nowMs - hit.checkedAt < FOLDER_CHECK_INTERVAL_MS) return hit.result;
  const dashboardFiles = listJson(root);
  const sloFiles = listJson(path.join(root, 'slos'));
  const key = fingerprint([...dashboardFiles, ...sloFiles]);
  watchFolder(root, root);
  watchFolder(root, path.join(root, 'slos'));
  if (hit && hit.key === key) {
    hit.checkedAt = nowMs;
    return hit.result;
  }

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
  cache.set(root, { key, result, checkedAt: nowMs });
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
