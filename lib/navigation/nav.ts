import type { Role } from '@/lib/env';

/** The sections of the app and the least role that may open each. Pages enforce the same rule. */
export const NAV_ITEMS = [
  { href: '/dashboards', label: 'Dashboards', role: 'viewer' },
  { href: '/slos', label: 'SLOs', role: 'viewer' },
  { href: '/alerts', label: 'Alerts', role: 'operator' },
  { href: '/traces', label: 'Traces', role: 'operator' },
  { href: '/logs', label: 'Logs', role: 'operator' },
  { href: '/deployments', label: 'Deployments', role: 'operator' },
  { href: '/explore', label: 'Explore', role: 'developer' },
  { href: '/settings', label: 'Settings', role: 'admin' },
] as const satisfies readonly { href: string; label: string; role: Role }[];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, developer: 2, admin: 3 };

/** The navigation a role may use, in display order. */
export function navFor(role: Role) {
  return NAV_ITEMS.filter((item) => RANK[role] >= RANK[item.role]);
}
