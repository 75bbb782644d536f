import 'server-only';
import type { Principal } from './principal';

/** Resolves the caller from a session cookie or a bearer token; null when neither is valid. */
export async function authenticateRequest(_req: Request): Promise<Principal | null> {
  return null; // replaced by the session/token implementation in this module
}
