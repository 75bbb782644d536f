import 'server-only';
import type { ReactNode } from 'react';
import type { Role } from '@/lib/env';
import { requirePageRole } from '@/lib/auth/session';
import { Forbidden } from './forbidden';

/**
 * Renders its children only for users holding `role`; others get the friendly Forbidden page.
 * Data for the page must be fetched inside the children, so nothing is loaded for a user who may not see it.
 */
export async function PageGate({ role, what, children }: { role: Role; what: string; children: ReactNode }) {
  const { user, allowed } = await requirePageRole(role);
  if (!allowed) return <Forbidden needed={role} have={user.role} what={what} />;
  return <>{children}</>;
}
