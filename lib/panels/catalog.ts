import 'server-only';
import path from 'node:path';
import { notFound } from '@/lib/api/errors';
import { loadDefinitions } from '@/lib/dashboards/load';
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

/** Finds a dashboard or the errors of the file that should have defined it; NOT_FOUND when neither exists. */
export function lookupDashboard(slug: string): DashboardLookup {
  const { dashboards, errors } = loadDefinitions();
  const dashboard = dashboards.find((d) => d.slug === slug);
  if (dashboard) return { ok: true, dashboard, titles: Object.fromEntries(dashboards.map((d) => [d.slug, d.title])) };
  const fileErrors = errors.filter((e) => path.basename(e.file, '.json') === slug);
  if (fileErrors.length > 0) return { ok: false, errors: fileErrors };
  throw notFound('Dashboard', slug);
}
