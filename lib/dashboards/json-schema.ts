import { z } from 'zod';
import { SloSchema } from '@/lib/slo/schema';
import { DashboardSchema } from './schema';

/** Where the generated JSON Schema lives, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'dashboards/schema.json';

/**
 * The JSON Schema editors use for every file in dashboards/: a dashboard or an SLO definition
 * (SLO files sit in dashboards/slos/ and point at "../schema.json").
 */
export function buildDashboardsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([DashboardSchema, SloSchema]), { io: 'input', target: 'draft-2020-12', reused: 'ref' });
  return {
    ...schema,
    $id: 'https://sightline.dev/schemas/dashboards.json',
    title: 'Sightline dashboard or SLO definition',
    description: 'Generated from lib/dashboards/schema.ts and lib/slo/schema.ts by `npm run schema:dashboards`; do not edit by hand.',
  };
}

/** The schema as the checked-in file's exact text (stable key order, trailing newline). */
export function renderDashboardsJsonSchema(): string {
  return `${JSON.stringify(buildDashboardsJsonSchema(), null, 2)}\n`;
}
