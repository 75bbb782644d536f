import { z } from 'zod';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/route-handler';
import { revokeToken } from '@/lib/auth/tokens';

export const DELETE = route(
  { access: { role: 'admin' }, name: 'admin.tokens.revoke', params: z.object({ id: z.string().min(1).max(64) }) },
  async ({ params, principal }) => {
    if (!(await revokeToken(params.id, { name: principal!.name }))) throw notFound('active token', params.id);
    return { revoked: params.id };
  },
);
