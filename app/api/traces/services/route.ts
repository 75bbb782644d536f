import { route } from '@/lib/api/route-handler';
import { jaeger } from '@/lib/datasources/jaeger';

/** Services that reported spans to Jaeger (operators and up). */
export const GET = route({ access: { role: 'operator' }, name: 'traces.services' }, async ({ signal, requestId }) => ({
  services: await jaeger().services({ signal, requestId, cache: true }),
}));
