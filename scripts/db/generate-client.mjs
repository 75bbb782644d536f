// Generates the Prisma clients for both databases (run by `npm install`'s postinstall).
//
// prisma/schema.prisma (PostgreSQL) is the source of truth; prisma/sqlite/schema.prisma is derived
// from it here, so the two never drift. `prisma generate` needs no schema engine, but the CLI tries
// to download one first from a host this machine cannot reach; pointing PRISMA_SCHEMA_ENGINE_BINARY
// at /bin/true satisfies that check for `generate` only. Migrations never go through the CLI here:
// scripts/db/migrate.ts applies the checked-in SQL and records it in _prisma_migrations.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pgSchema = path.join(root, 'prisma/schema.prisma');
const sqliteSchema = path.join(root, 'prisma/sqlite/schema.prisma');

const source = readFileSync(pgSchema, 'utf8');
const derived =
  '// GENERATED from prisma/schema.prisma by scripts/db/generate-client.mjs — edit that file instead.\n' +
  source
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('output   = "../lib/db/generated/postgres"', 'output   = "../../lib/db/generated/sqlite"');
if (derived === source) throw new Error('could not derive the SQLite schema: provider/output lines changed in prisma/schema.prisma');
mkdirSync(path.dirname(sqliteSchema), { recursive: true });
writeFileSync(sqliteSchema, derived);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const prisma = path.join(root, 'node_modules/prisma/build/index.js');
for (const schema of [pgSchema, sqliteSchema]) {
  console.log(`sightline: generating the Prisma client for ${path.relative(root, schema)}`);
  execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}
