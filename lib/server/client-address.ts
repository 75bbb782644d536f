import type { IncomingMessage } from 'node:http';

/** The forwarding headers a reverse proxy sets, which a client could otherwise send itself. */
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded'] as const;

/** TRUST_PROXY as Sightline's server reads it (lib/env.ts validates the same variable for the app). */
export function trustsProxy(value: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test(value?.trim() ?? '');
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
