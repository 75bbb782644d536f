import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboardsJsonSchema, renderDashboardsJsonSchema } from './json-schema';

describe('dashboards/schema.json', () => {
  it('is up to date with the zod schemas (run `npm run schema:dashboards`)', () => {
    const onDisk = readFileSync(path.resolve(import.meta.dirname, '../../dashboards/schema.json'), 'utf8');
    expect(onDisk).toBe(renderDashboardsJsonSchema());
  });

  it('offers editors both shapes: a dashboard and an SLO definition', () => {
    const variants = (buildDashboardsJsonSchema().anyOf ?? []) as { required?: string[] }[];
    expect(variants.map((v) => v.required ?? [])).toEqual([expect.arrayContaining(['slug', 'rows', 'purpose']), expect.arrayContaining(['id', 'sli', 'objective'])]);
  });
});
