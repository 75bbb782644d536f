import { z } from 'zod';
import { route } from '@/lib/api/route-handler';
import { setUserRole, UpdateUserSchema } from '@/lib/users/admin';

export const PATCH = route(
  { access: { role: 'admin' }, name: 'admin.users.update', params: z.object({ id: z.string().min(1).max(64) }), body: UpdateUserSchema },
  async ({ params, body, principal }) => ({ user: await setUserRole(params.id, body.role, principal!) }),
);
