import { route } from '@/lib/api/route-handler';
import { parseTimeRef } from '@/lib/dashboards/time';
import { DeploymentInputSchema, DeploymentQuerySchema } from '@/lib/deployments/schema';
import { listDeployments, recordDeployment } from '@/lib/deployments/store';

/** CD pipelines: token with the "deploy" scope (or an admin session). 201 when new, 200 when the id was known. */
export const POST = route(
  { access: { scope: 'deploy', role: 'admin' }, name: 'deployments.create', body: DeploymentInputSchema, maxBodyBytes: 16 * 1024 },
  async ({ body, principal }) => {
    const { deployment, created } = await recordDeployment(body, principal!.name);
    return Response.json({ deployment, created }, { status: created ? 201 : 200 });
  },
);

export const GET = route({ access: { role: 'viewer' }, name: 'deployments.list', query: DeploymentQuerySchema }, async ({ query }) => {
  const services = query.service === undefined ? undefined : Array.isArray(query.service) ? query.service : [query.service];
  const now = Date.now();
  const from = query.from ? new Date(parseTimeRef(query.from, now)) : undefined;
  const to = query.to ? new Date(parseTimeRef(query.to, now)) : undefined;
  return { deployments: await listDeployments({ services, environment: query.environment, from, to, limit: query.limit }) };
});
