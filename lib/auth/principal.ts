import 'server-only';
import type { Role } from '@/lib/env';

/** Who is calling: a signed-in user or an API token. Implemented fully by the auth module. */
export interface Principal {
  kind: 'user' | 'token';
  id: string;
  name: string;
  role: Role;
  /** Token scopes; users have none. */
  scopes: Scope[];
}

export const SCOPES = ['api', 'deploy', 'metrics'] as const;
export type Scope = (typeof SCOPES)[number];

/** 'public' for health and readiness only; otherwise a minimum role and/or a token scope. */
export type Access = 'public' | { role?: Role; scope?: Scope };

const RANK: Record<Role, number> = { viewer: 0, operator: 1, developer: 2, admin: 3 };

/** True when `role` is at least `min`. */
export const hasRole = (role: Role, min: Role) => RANK[role] >= RANK[min];

/** Decides whether a principal may use a route; the reason names what is missing. */
export function isAllowed(p: Principal, access: Exclude<Access, 'public'>): { ok: true } | { ok: false; reason: string } {
  if (access.scope && p.kind === 'token' && p.scopes.includes(access.scope)) return { ok: true };
  if (access.role) {
    const roleOk = hasRole(p.role, access.role);
    const channelOk = p.kind === 'user' || p.scopes.includes('api');
    if (roleOk && channelOk) return { ok: true };
    if (!roleOk) return { ok: false, reason: `this needs the ${access.role} role; you have ${p.role}` };
    return { ok: false, reason: 'this token lacks the "api" scope' };
  }
  return { ok: false, reason: access.scope ? `this needs a token with the "${access.scope}" scope` : 'not allowed' };
}

