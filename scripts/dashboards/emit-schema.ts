import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSON_SCHEMA_PATH, renderDashboardsJsonSchema } from '@/lib/dashboards/json-schema';

// Writes dashboards/schema.json from the zod schemas; a unit test fails when the file is stale.
const target = path.resolve(import.meta.dirname, '../..', JSON_SCHEMA_PATH);
writeFileSync(target, renderDashboardsJsonSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
