import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { sharedDriverValue, type DriverConnection } from '@/lib/db/driver';
import { ROLES, type Role } from '@/lib/env';
import { logger } from '@/lib/observability/log';
import { SCOPES, type Principal, type Scope } from './principal';
import { forgetPrincipals, hashCredential } from './principal-cache';

/**
 * API tokens for machines. The secret (`slt_<43 base64url chars>`) is shown once; only its SHA-256
 * is stored (a fast hash is right here: the secret has 256 random bits, so it cannot be guessed).
 */

export const CreateTokenSchema = z.object({
  name: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  scopes: z.array(z.enum(SCOPES)).min(1).default(['api']),
});
export type CreateTokenInput = z.input<typeof CreateTokenSchema>;

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  scopes: Scope[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const hashSecret = hashCredential;
const parseScopes = (s: string): Scope[] => s.split(',').filter((x): x is Scope => (SCOPES as readonly string[]).includes(x));
const parseRole = (r: string): Role => ((ROLES as readonly string[]).includes(r) ? (r as Role) : 'viewer');

/** Creates a token; returns its info and the secret, which is never retrievable again. */
export async function createToken(input: CreateTokenInput, actor: { id: string | null; name: string }): Promise<{ token: TokenInfo; secret: string }> {
  const parsed = CreateTokenSchema.parse(input);
  const secret = `slt_${randomBytes(32).toString('base64url')}`;
  const db = await getDb();
  const row = await db.apiToken.create({
    data: { name: parsed.name, role: parsed.role, scopes: parsed.scopes.join(','), prefix: secret.slice(0, 10), secretHash: hashSecret(secret), createdById: actor.id },
    include: { createdBy: true },
  });
  await recordAudit({ actor: actor.name, action: 'token.create', target: row.id, details: { name: row.name, role: row.role, scopes: parsed.scopes } });
  return { token: toInfo(row), secret };
}

type TokenRow = { id: string; name: string; prefix: string; role: string; scopes: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; createdBy?: { email: string } | null };

function toInfo(row: TokenRow): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: parseRole(row.role),
    scopes: parseScopes(row.scopes),
    createdBy: row.createdBy?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Lists every token, newest first, revoked ones included. */
export async function listTokens(): Promise<TokenInfo[]> {
  const db = await getDb();
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: 'desc' }, include: { createdBy: true } });
  return rows.map(toInfo);
}

/** Revokes a token by id or by its printed prefix; false when no active token matches. */
export async function revokeToken(idOrPrefix: string, actor: { name: string }): Promise<boolean> {
  const db = await getDb();
  const row = await db.apiToken.findFirst({ where: { revokedAt: null, OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] } });
  if (!row) return false;
  await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  // Immediate in this process; other processes notice within PRINCIPAL_CACHE_MS.
  forgetPrincipals();
  await recordAudit({ actor: actor.name, action: 'token.revoke', target: row.id, details: { name: row.name } });
  return true;
}

// lastUsedAt is written at most once a minute per token, so a busy scraper does not turn every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/** What verifying a token reads: one row of ApiToken, found by the SHA-256 of its secret. */
export interface TokenAuthRow {
  id: string;
  name: string;
  role: string;
  scopes: string;
  revoked: boolean;
  /** Epoch ms; null when never used. */
  lastUsedMs: number | null;
}

/** Looks a token up by secret hash; reads the database on every call (no cache: revocation is immediate). */
export type TokenLookup = (secretHash: string) => Promise<TokenAuthRow | null>;

const RowSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  scopes: z.string(),
  revoked: z.union([z.boolean(), z.number()]).transform(Boolean),
  // PostgreSQL: epoch ms computed in SQL (pg would read a timestamp without time zone as local
  // time); SQLite: Prisma's ISO text, or epoch ms.
  lastUsed: z.union([z.number(), z.string(), z.null()]),
});

function toAuthRow(raw: unknown): TokenAuthRow | null {
  if (raw === undefined) return null;
  const r = RowSchema.parse(raw);
  const lastUsedMs = r.lastUsed === null ? null : typeof r.lastUsed === 'number' ? r.lastUsed : Date.parse(r.lastUsed);
  return { id: r.id, name: r.name, role: r.role, scopes: r.scopes, revoked: r.revoked, lastUsedMs: Number.isNaN(lastUsedMs) ? null : lastUsedMs };
}

const SELECT_COLUMNS = '"id", "name", "role", "scopes", "revokedAt" IS NOT NULL AS "revoked"';

/**
 * The hot lookup of every bearer-token request, one prepared statement straight through the
 * driver (lib/db/driver.ts): ~0.01 ms on SQLite against ~0.5-0.9 ms through the Prisma client.
 * Same table, same migrations. Each call is a fresh autocommit read, so a revocation committed by
 * any process (the token CLI, another instance) is seen by the next request.
 */
export function createTokenLookup(conn: DriverConnection): TokenLookup {
  const statement = conn.prepare('sightline_token_by_hash', {
    // PostgreSQL: epoch ms computed in SQL (pg would read a timestamp without time zone as local time).
    postgres: `SELECT ${SELECT_COLUMNS}, (EXTRACT(EPOCH FROM "lastUsedAt") * 1000)::float8 AS "lastUsed" FROM "ApiToken" WHERE "secretHash" = $1`,
    sqlite: `SELECT ${SELECT_COLUMNS}, "lastUsedAt" AS "lastUsed" FROM "ApiToken" WHERE "secretHash" = ?`,
  });
  return async (secretHash) => toAuthRow((await statement([secretHash]))[0]);
}

/** The process-wide lookup, opened after the database is migrated. */
function tokenLookup(): Promise<TokenLookup> {
  return sharedDriverValue('token-lookup', { maxConnections: 4 }, createTokenLookup);
}

/** Records that a token was used, off the request's path; a failure is logged, the request goes on. */
function touchToken(id: string, now: number): void {
  void getDb()
    .then((db) => db.apiToken.update({ where: { id }, data: { lastUsedAt: new Date(now) } }))
    .catch((err: unknown) => logger.warn('token lastUsedAt not written', { tokenId: id, err: String(err) }));
}

/** Resolves a bearer secret to its principal, or null when unknown or revoked. */
export async function verifyToken(secret: string): Promise<Principal | null> {
  if (!/^slt_[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const lookup = await tokenLookup();
  const row = await lookup(hashSecret(secret));
  if (!row || row.revoked) return null;
  const now = Date.now();
  if (row.lastUsedMs === null || now - row.lastUsedMs > LAST_USED_RESOLUTION_MS) touchToken(row.id, now);
  return { kind: 'token', id: row.id, name: `token:${row.name}`, role: parseRole(row.role), scopes: parseScopes(row.scopes) };
}
