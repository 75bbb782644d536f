import { route } from '@/lib/api/route-handler';
import { createUser, CreateUserSchema, listUsers } from '@/lib/users/admin';

export const GET = route({ access: { role: 'admin' }, name: 'admin.users.list' }, async () => ({ users: await listUsers() }));

export const POST = route({ access: { role: 'admin' }, name: 'admin.users.create', body: CreateUserSchema }, async ({ body, principal }) =>
  Response.json({ user: await createUser(body, principal!.name) }, { status: 201 }),
);
