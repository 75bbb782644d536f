import { randomUUID } from 'node:crypto';
import { toCommit } from './shop/lib/config';
import { sleep } from './shop/lib/random';

/**
 * The demo's incident, as a timeline: steady state, a deployment of payment v2 (slow, partly
 * failing), burn-rate alerts, a rollback to v1, recovery. Each deployment is posted to Sightline
 * (best effort) and shows as a build_info change. A compressed timeline serves the tests.
 */

export interface DeploymentEvent {
  id: string;
  service: string;
  environment: string;
  version: string;
  commit: string;
  url?: string;
  description?: string;
  status: 'started' | 'succeeded' | 'failed' | 'rolled_back';
  startedAt: string;
  finishedAt?: string;
}

export interface Timeline {
  steadyMs: number;
  /** How long v2 runs unless endIncidentWhen says earlier. */
  incidentMs: number;
  recoveryMs: number;
}

/** The demo's timeline: burn-rate alerts for 1h/5m windows fire ~15 min into the incident. */
export const FULL_TIMELINE: Timeline = { steadyMs: 10 * 60_000, incidentMs: 25 * 60_000, recoveryMs: 40 * 60_000 };
/** For tests, with rule windows scaled down to match (see __fixtures__/payment-burn-rate-compressed.yml). */
export const COMPRESSED_TIMELINE: Timeline = { steadyMs: 10_000, incidentMs: 120_000, recoveryMs: 45_000 };

export type ScenarioPhase = 'steady' | 'incident' | 'recovery';

export interface ScenarioOptions {
  timeline: Timeline;
  setPaymentVersion: (version: 'v1' | 'v2') => Promise<void>;
  postDeployment?: (event: DeploymentEvent) => Promise<void>;
  /** Polled every 2 s during the incident; true ends it early (the on-call engineer rolls back). */
  endIncidentWhen?: () => Promise<boolean>;
  onPhase?: (phase: ScenarioPhase, atMs: number) => void;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

function toDeployment(version: 'v1' | 'v2', status: DeploymentEvent['status'], description: string): DeploymentEvent {
  const now = new Date().toISOString();
  return { id: `demo-payment-${version}-${randomUUID().slice(0, 8)}`, service: 'payment', environment: 'production', version, commit: toCommit('payment', version), description, status, startedAt: now, finishedAt: now };
}

async function waitOrAbort(ms: number, signal: AbortSignal | undefined, until?: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !signal?.aborted) {
    await sleep(Math.min(until ? 2_000 : 500, end - Date.now()));
    if (until && (await until().catch(() => false))) return;
  }
}

/** Runs one pass of the timeline; leaves payment on v1 (also when aborted). */
export async function runScenario(opts: ScenarioOptions): Promise<void> {
  const log = opts.log ?? (() => undefined);
  const post = async (event: DeploymentEvent) => {
    try {
      await opts.postDeployment?.(event);
    } catch (err) {
      log(`scenario: could not post deployment ${event.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  try {
    opts.onPhase?.('steady', Date.now());
    log('scenario: steady state (payment v1)');
    await waitOrAbort(opts.timeline.steadyMs, opts.signal);
    if (opts.signal?.aborted) return;

    await opts.setPaymentVersion('v2');
    opts.onPhase?.('incident', Date.now());
    log('scenario: deployed payment v2 (new provider client): payments slow and failing');
    await post(toDeployment('v2', 'succeeded', 'payment: new provider client'));
    await waitOrAbort(opts.timeline.incidentMs, opts.signal, opts.endIncidentWhen);
    if (opts.signal?.aborted) return;

    await opts.setPaymentVersion('v1');
    opts.onPhase?.('recovery', Date.now());
    log('scenario: rolled payment back to v1');
    await post(toDeployment('v1', 'rolled_back', 'payment: roll back to v1 (provider timeouts)'));
    await waitOrAbort(opts.timeline.recoveryMs, opts.signal);
  } finally {
    // Never leave the shop broken behind an aborted run.
    if (opts.signal?.aborted) await opts.setPaymentVersion('v1').catch(() => undefined);
  }
}
