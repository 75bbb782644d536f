import { route } from '@/lib/api/route-handler';

export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Never touches a datasource. */
export const GET = route({ access: 'public', name: 'health' }, async () => ({ status: 'ok' }));
