import 'server-only';
import path from 'node:path';
import { notFound } from '@/lib/api/errors';
import { loadDefinitions, type LoadedDefinitions } from '@/lib/dashboards/load';
import type { Dashboard } from '@/lib/dashboards/schema';
import type { FileError } from '@/lib/dashboards/parse-file';

/** What the dashboard list shows for one dashboard. */
export interface DashboardSummary {
  slug: string;
  title: string;
  kind: Dashboard['kind'];
  audience: Dashboard['audience'];
  purpose: string;
  owners: string[];
  tags: string[];
  panelCount: number;
}

/** The dashboard list: valid dashboards and the files that failed validation. */
export interface DashboardCatalog {
  dashboards: DashboardSummary[];
  errors: FileError[];
}

/** Summarises a dashboard for lists. */
export function toDashboardSummary(d: Dashboard): DashboardSummary {
  return {
    slug: d.slug,
    title: d.title,
    kind: d.kind,
    audience: d.audience,
    purpose: d.purpose,
    owners: d.owners,
    tags: d.tags,
    panelCount: d.rows.reduce((n, r) => n + r.panels.length, 0),
  };
}

/** Every dashboard (sorted by title) and every broken definition file. */
export function listDashboardCatalog(): DashboardCatalog {
  const { dashboards, errors } = loadDefinitions();
  return { dashboards: dashboards.map(toDashboardSummary).sort((a, b) => a.title.localeCompare(b.title)), errors };
}

/** The dashboard with this slug; a broken file named `<slug>.json` is reported with its errors. */
export type DashboardLookup = { ok: true; dashboard: Dashboard; titles: Record<string, string> } | { ok: false; errors: FileError[] };

interface DashboardIndex {
  bySlug: Map<string, Dashboard>;
  titles: Record<string, string>;
}

// Built once per loaded result (a new object whenever a file changes), not on every panel request.
const indexes = new WeakMap<LoadedDefinitions, DashboardIndex>();

function indexOf(loaded: LoadedDefinitions): DashboardIndex {
  let index = indexes.get(loaded);
  if (!index) {
    index = { bySlug: new Map(loaded.dashboards.map((d) => [d.slug, d])), titles: Object.fromEntries(loaded.dashboards.map((d) => [d.slug, d.title])) };
    indexes.set(loaded, index);
  }
  return index;
}

/** Finds a dashboard or the errors of the file that should have defined it; NOT_FOUND when neither exists. */
export function lookupDashboard(slug: string): DashboardLookup {
  const loaded = loadDefinitions();
  const { bySlug, titles } = indexOf(loaded);
  const dashboard = bySlug.get(slug);
  if (dashboard) return { ok: true, dashboard, titles };
  const fileErrors = loaded.errors.filter((e) => path.basename(e.file, '.json') === slug);
  if (fileErrors.length > 0) return { ok: false, errors: fileErrors };
  throw notFound('Dashboard', slug);
}
