import 'server-only';
import { AppError } from '@/lib/api/errors';
import { prometheus } from '@/lib/datasources/prometheus';
import { getSlo } from '@/lib/dashboards/load';
import { listDeployments } from '@/lib/deployments/store';
import type { CallOptions } from '@/lib/datasources/http';
import { createSloBffDeps, type SloBffDeps } from './bff';
import type { Slo } from './schema';

/** SLO dependencies for one request (SLO routes, SLO panels): the process-wide Prometheus adapter and the deployment store. */
export function createRequestSloDeps(call: CallOptions): SloBffDeps {
  return createSloBffDeps({
    prometheus: prometheus(),
    call,
    listDeployments: ({ service, fromMs, toMs }) => listDeployments({ services: [service], from: new Date(fromMs), to: new Date(toMs) }),
  });
}

/** The SLO with this id, or the 404 the page turns into "No SLO with id …". */
export function requireSlo(id: string): Slo {
  const slo = getSlo(id);
  if (!slo) throw new AppError('NOT_FOUND', `No SLO with id "${id}"`);
  return slo;
}
