import { route } from '@/lib/api/route-handler';
import { createToken, CreateTokenSchema, listTokens } from '@/lib/auth/tokens';

export const GET = route({ access: { role: 'admin' }, name: 'admin.tokens.list' }, async () => ({ tokens: await listTokens() }));

export const POST = route({ access: { role: 'admin' }, name: 'admin.tokens.create', body: CreateTokenSchema }, async ({ body, principal }) => {
  // principal is non-null here: the route is not public.
  const actor = principal!;
  const { token, secret } = await createToken(body, { id: actor.kind === 'user' ? actor.id : null, name: actor.name });
  return Response.json({ token, secret }, { status: 201, headers: { 'cache-control': 'no-store' } });
});
