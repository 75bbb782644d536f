import { toCommit } from '../shop/lib/config';

/**
 * The shop's past, as a deterministic model: traffic with a daily and weekly rhythm and slow growth,
 * per-route status mixes and latency distributions, past deployments and past incidents. Times are
 * unix milliseconds; everything is laid out relative to `anchorMs` (the start of today, UTC), so the
 * same day always produces the same history.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface StatusMix { status: string; share: number; medianS: number; sigma: number }
export interface RouteModel { service: 'api-gateway' | 'payment'; route: string; method: string; /** share of gateway requests */ share: number; statuses: StatusMix[] }

/** The public API routes and payment, with their normal status mixes and latencies (seconds). */
export const ROUTES: RouteModel[] = [
  { service: 'api-gateway', route: '/api/products', method: 'GET', share: 0.34, statuses: [{ status: '200', share: 0.9995, medianS: 0.045, sigma: 0.45 }, { status: '500', share: 0.0005, medianS: 0.02, sigma: 0.5 }] },
  { service: 'api-gateway', route: '/api/products/:id', method: 'GET', share: 0.3, statuses: [{ status: '200', share: 0.9595, medianS: 0.035, sigma: 0.5 }, { status: '404', share: 0.04, medianS: 0.006, sigma: 0.4 }, { status: '500', share: 0.0005, medianS: 0.02, sigma: 0.5 }] },
  { service: 'api-gateway', route: '/api/cart', method: 'POST', share: 0.12, statuses: [{ status: '201', share: 0.99, medianS: 0.03, sigma: 0.5 }, { status: '400', share: 0.01, medianS: 0.008, sigma: 0.4 }] },
  { service: 'api-gateway', route: '/api/cart/:id', method: 'GET', share: 0.08, statuses: [{ status: '200', share: 0.95, medianS: 0.02, sigma: 0.6 }, { status: '404', share: 0.05, medianS: 0.03, sigma: 0.5 }] },
  { service: 'api-gateway', route: '/api/checkout', method: 'POST', share: 0.07, statuses: [{ status: '201', share: 0.964, medianS: 0.26, sigma: 0.35 }, { status: '402', share: 0.02, medianS: 0.25, sigma: 0.35 }, { status: '409', share: 0.015, medianS: 0.1, sigma: 0.4 }, { status: '502', share: 0.001, medianS: 0.3, sigma: 0.4 }] },
  { service: 'api-gateway', route: '/api/orders/:id', method: 'GET', share: 0.09, statuses: [{ status: '200', share: 0.8, medianS: 0.018, sigma: 0.5 }, { status: '404', share: 0.2, medianS: 0.015, sigma: 0.5 }] },
  // Payment requests come from checkouts (share relative to gateway traffic: 0.07 x ~0.98).
  { service: 'payment', route: '/payments', method: 'POST', share: 0.0686, statuses: [{ status: '201', share: 0.979, medianS: 0.11, sigma: 0.45 }, { status: '402', share: 0.02, medianS: 0.11, sigma: 0.45 }, { status: '502', share: 0.001, medianS: 0.15, sigma: 0.5 }] },
];

export interface Incident { kind: 'payment-v2' | 'inventory-slow'; startMs: number; endMs: number; title: string }
export interface PastDeployment {
  id: string;
  service: string;
  environment: string;
  version: string;
  commit: string;
  description: string;
  status: 'succeeded' | 'rolled_back';
  startedAt: string;
  finishedAt: string;
}

/** Past incidents: a bad payment release 9 days ago (90 min) and a slow inventory database 23 days ago (40 min). */
export function listIncidents(anchorMs: number): Incident[] {
  const at = (daysAgo: number, hour: number, minute: number) => anchorMs - daysAgo * DAY_MS + hour * HOUR_MS + minute * 60_000;
  return [
    { kind: 'payment-v2', startMs: at(9, 14, 10), endMs: at(9, 15, 40), title: 'payment v2: provider timeouts, ~35% of payments failed' },
    { kind: 'inventory-slow', startMs: at(23, 19, 5), endMs: at(23, 19, 45), title: 'inventory database slow: product pages over 0.5 s' },
  ];
}

interface VersionChange { service: string; atMs: number; from: string; to: string; status: PastDeployment['status']; description: string }

function listVersionChanges(anchorMs: number): VersionChange[] {
  const at = (daysAgo: number, hour: number, minute: number) => anchorMs - daysAgo * DAY_MS + hour * HOUR_MS + minute * 60_000;
  const [paymentIncident] = listIncidents(anchorMs);
  return [
    { service: 'cart', atMs: at(27, 10, 15), from: 'v0.9', to: 'v1', status: 'succeeded', description: 'cart: hot-cache eviction by size' },
    { service: 'api-gateway', atMs: at(20, 10, 30), from: 'v0.9', to: 'v1', status: 'succeeded', description: 'api-gateway: token cache refresh in the background' },
    { service: 'checkout', atMs: at(14, 11, 0), from: 'v0.9', to: 'v1', status: 'succeeded', description: 'checkout: publish orders to the fulfilment queue' },
    { service: 'payment', atMs: paymentIncident?.startMs ?? at(9, 14, 10), from: 'v1', to: 'v2', status: 'succeeded', description: 'payment: new provider client' },
    { service: 'payment', atMs: paymentIncident?.endMs ?? at(9, 15, 40), from: 'v2', to: 'v1', status: 'rolled_back', description: 'payment: roll back to v1 (provider timeouts)' },
    { service: 'inventory', atMs: at(5, 9, 45), from: 'v0.9', to: 'v1', status: 'succeeded', description: 'inventory: stock cache with jittered TTL' },
    { service: 'web-frontend', atMs: at(2, 16, 20), from: 'v0.9', to: 'v1', status: 'succeeded', description: 'web-frontend: server-rendered product pages' },
  ];
}

/** The version each service ran at time t. */
export function versionAt(anchorMs: number, service: string, tMs: number): string {
  const changes = listVersionChanges(anchorMs).filter((c) => c.service === service);
  let version = changes[0]?.from ?? 'v1';
  for (const c of changes) if (c.atMs <= tMs) version = c.to;
  return version;
}

/** Past deployments, for Sightline's deployment API (idempotent ids). */
export function listPastDeployments(anchorMs: number): PastDeployment[] {
  return listVersionChanges(anchorMs).map((c) => ({
    id: `demo-${c.service}-${c.to}-${new Date(c.atMs).toISOString().slice(0, 16).replace(/[-:T]/g, '')}`,
    service: c.service,
    environment: 'production',
    version: c.to,
    commit: toCommit(c.service, c.to),
    description: c.description,
    status: c.status,
    startedAt: new Date(c.atMs).toISOString(),
    finishedAt: new Date(c.atMs + 4 * 60_000).toISOString(),
  }));
}

/** Gateway requests per second at time t: daily rhythm peaking at 15:00 UTC, quieter weekends, +12% over 30 days. */
export function gatewayRps(anchorMs: number, tMs: number): number {
  const hour = (tMs % DAY_MS) / HOUR_MS;
  const daily = 0.55 + 0.45 * Math.cos((2 * Math.PI * (hour - 15)) / 24);
  const weekday = new Date(tMs).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 0.75 : 1;
  const growth = 1 + 0.12 * (1 - (anchorMs - tMs) / (30 * DAY_MS));
  return 7 * daily * weekly * growth;
}

/** The status mix of a route at time t, changed by any incident running then. */
export function statusesAt(route: RouteModel, incidents: Incident[], tMs: number): StatusMix[] {
  const incident = incidents.find((i) => i.startMs <= tMs && tMs < i.endMs);
  if (!incident) return route.statuses;
  if (incident.kind === 'payment-v2' && route.service === 'payment') {
    return [{ status: '201', share: 0.63, medianS: 1.8, sigma: 0.1 }, { status: '402', share: 0.02, medianS: 1.8, sigma: 0.1 }, { status: '503', share: 0.35, medianS: 2.0, sigma: 0.02 }];
  }
  if (incident.kind === 'payment-v2' && route.route === '/api/checkout') {
    return [{ status: '201', share: 0.61, medianS: 2.0, sigma: 0.12 }, { status: '402', share: 0.02, medianS: 2.0, sigma: 0.12 }, { status: '409', share: 0.015, medianS: 0.1, sigma: 0.4 }, { status: '502', share: 0.355, medianS: 2.1, sigma: 0.05 }];
  }
  if (incident.kind === 'inventory-slow' && route.route.startsWith('/api/products')) {
    return route.statuses.map((s) => ({ ...s, medianS: s.status === '200' ? 0.7 : s.medianS, sigma: 0.4 }));
  }
  return route.statuses;
}
