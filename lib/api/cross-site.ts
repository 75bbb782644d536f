import 'server-only';
import { AppError } from './errors';
import type { RouteRequest } from './route-entry';
import { env } from '@/lib/env';

/**
 * Refusals of requests a browser may send with the user's session cookie from another site's page.
 * The session cookie is SameSite=Lax, which still goes with a form post from another origin of the
 * same site (another port or subdomain) and with every request of Sightline's own origin; a form
 * can send `text/plain`, never `application/json`, without a CORS preflight.
 */

/** Methods that change state. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Sec-Fetch-Site` values of a request made by Sightline's own pages, or typed by the user. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** `application/json`, parameters such as `charset=utf-8` allowed. */
const JSON_MEDIA_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * The origins Sightline's own pages have: the request URL's, and the public URLs it is configured
 * with (NEXTAUTH_URL, PUBLIC_URL). Behind a TLS-terminating proxy the request URL says http while the
 * browser says https; Sightline's server drops X-Forwarded-Proto unless TRUST_PROXY
 * (lib/server/client-address.ts), so it cannot be relied on to mend that.
 */
function ownOrigins(req: RouteRequest): string[] {
  const { NEXTAUTH_URL, PUBLIC_URL } = env();
  const origins = [new URL(req.url).origin, new URL(PUBLIC_URL).origin];
  if (NEXTAUTH_URL) origins.push(new URL(NEXTAUTH_URL).origin);
  return origins;
}

/**
 * Refuses (FORBIDDEN) a state-changing request authenticated by the session cookie that the browser
 * says came from elsewhere. `Sec-Fetch-Site`, which every current browser sends and a page cannot
 * forge, decides when present: same-origin or none pass, anything else is refused. Without it (an
 * older browser), an Origin other than Sightline's own is refused. Requests with an Authorization
 * header (bearer tokens: CI, scripts) carry no ambient credential and pass, as do requests without
 * either header (not a browser's).
 */
export function refuseCrossSiteWrite(req: RouteRequest): void {
  if (!UNSAFE_METHODS.has(req.method.toUpperCase()) || req.headers.get('authorization') !== null) return;
  const site = req.headers.get('sec-fetch-site');
  if (site !== null) {
    if (OWN_FETCH_SITES.has(site.toLowerCase())) return;
    throw new AppError('FORBIDDEN', `cross-site request refused: ${req.method} with the session cookie is accepted only from Sightline's own pages (Sec-Fetch-Site: ${site}); other clients send "Authorization: Bearer <token>"`);
  }
  const origin = req.headers.get('origin');
  if (origin !== null && !ownOrigins(req).includes(origin)) {
    throw new AppError('FORBIDDEN', `cross-origin request refused: ${req.method} with the session cookie is accepted only from Sightline's own pages, not from ${origin}; other clients send "Authorization: Bearer <token>"`);
  }
}

/** Refuses (UNSUPPORTED_MEDIA_TYPE) a body that is not declared `application/json`, e.g. a form's `text/plain`. */
export function requireJsonContentType(req: RouteRequest): void {
  const type = req.headers.get('content-type');
  if (type === null || !JSON_MEDIA_TYPE.test(type.trim())) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `the request body must be JSON sent with "Content-Type: application/json", not ${type === null ? 'without a Content-Type' : `"${type}"`}`);
  }
}
