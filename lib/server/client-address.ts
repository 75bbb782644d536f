import type { IncomingMessage } from 'node:http';

/** The forwarding headers a reverse proxy sets, which a client could otherwise send itself. */
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded'] as const;

/** The values lib/env.ts's bool() reads as on, compared lowercased and untrimmed. */
const ON_VALUES = ['1', 'true', 'yes', 'on'];

/** TRUST_PROXY as Sightline's server reads it: as lib/env.ts validates the same variable for the app, so the two never disagree. */
export function trustsProxy(value: string | undefined): boolean {
  return value !== undefined && ON_VALUES.includes(value.toLowerCase());
}

/**
 * Makes the request's forwarding headers say what Sightline can vouch for. Behind a trusted reverse
 * proxy (TRUST_PROXY) they are the proxy's and stay. Otherwise whatever the client sent is dropped
 * and X-Forwarded-For is the socket's address: the sign-in throttle counts failures per client
 * address from it, and Next would build redirects from a client's X-Forwarded-Host.
 */
export function settleForwardedHeaders(req: IncomingMessage, trustProxy: boolean): void {
  if (trustProxy) return;
  for (const name of FORWARDED) delete req.headers[name];
  const address = req.socket.remoteAddress;
  if (address) req.headers['x-forwarded-for'] = address;
}
