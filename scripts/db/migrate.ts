// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the embedded SQLite file).
import { migrateDatabase } from '@/lib/db/migrate';
import { env } from '@/lib/env';

const result = await migrateDatabase(env().DATABASE_URL);
console.log(`${result.kind}: ${result.applied.length} migration(s) applied (${result.applied.join(', ') || 'none pending'}), ${result.alreadyApplied} already applied`);
