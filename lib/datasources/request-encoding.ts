import { AppError } from '@/lib/api/errors';
import type { QueryParams } from './http';

/** How the HTTP layer writes what it sends upstream: the Authorization header and query/form parameters. */

/** Turns `basic user:pass` / `bearer token` into an Authorization header value. */
export function toAuthorization(auth: string | undefined): string | null {
  if (!auth?.trim()) return null;
  const m = /^(basic|bearer)\s+(.+)$/i.exec(auth.trim());
  if (!m) throw new AppError('INTERNAL', 'datasource auth must be "basic user:pass" or "bearer token"');
  const [, scheme, value] = m as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return `Bearer ${value}`;
  return `Basic ${value.includes(':') ? Buffer.from(value).toString('base64') : value}`;
}

/** Form/URL-encodes parameters (arrays repeat the key, undefined ones are left out). */
export function encodeParams(params: QueryParams | undefined): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) sp.append(k, String(one));
  }
  return sp.toString();
}
