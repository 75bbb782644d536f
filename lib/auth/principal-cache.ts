import 'server-only';
import { createHash } from 'node:crypto';
import { createTtlCache } from '@/lib/datasources/resilience/ttl-cache';
import type { Principal } from './principal';

/**
 * A short-lived cache of resolved session users, so that a busy dashboard does not decrypt a
 * session and look its user up in the database on every request. Keyed by the SHA-256 of the
 * credential (the credential itself is never kept). Only successful resolutions are kept, and never
 * past the credential's own expiry; concurrent look-ups of one credential share one resolution.
 */

/** A changed role or a removed user takes effect within this many ms (sessions only; tokens are never cached). */
export const PRINCIPAL_CACHE_MS = 5_000;

type Resolved = { principal: Principal; expiresAtMs?: number } | null;

const g = globalThis as typeof globalThis & { __sightlinePrincipals?: ReturnType<typeof createCache> };
const createCache = () => createTtlCache<Promise<Principal | null>>(PRINCIPAL_CACHE_MS, () => Date.now(), 10_000);
const cache = () => (g.__sightlinePrincipals ??= createCache());

/** The SHA-256 (hex) of a credential: the cache key, and the stored hash of API tokens. */
export const hashCredential = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The principal for `key`, resolved at most once per PRINCIPAL_CACHE_MS; failures and nulls are not kept. */
export function rememberPrincipal(key: string, resolve: () => Promise<Resolved>): Promise<Principal | null> {
  const c = cache();
  const hit = c.get(key);
  if (hit) return hit;
  const pending = resolve().then(
    (r) => {
      if (!r) c.delete(key);
      // set() with no time left drops the entry
      else if (r.expiresAtMs !== undefined) c.set(key, pending, r.expiresAtMs - Date.now());
      return r?.principal ?? null;
    },
    (err: unknown) => {
      c.delete(key);
      throw err;
    },
  );
  c.set(key, pending);
  return pending;
}

/** Forgets every cached principal (after a revocation or role change in this process). */
export function forgetPrincipals(): void {
  cache().clear();
}
