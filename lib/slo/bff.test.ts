import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { logger } from '@/lib/observability/log';
import { asUnixMs, type AlertRule, type Deployment, type TimeSeries } from '@/lib/datasources/types';
import { buildSloDetail, buildSloList, createSloBffDeps, type SloPrometheus } from './bff';
import { buildMonthReport, toReportCsv } from './bff-report';
import { parsePromDuration } from './duration';
import type { Slo } from './schema';
import { makePaymentSlo, PAYMENT_GOOD, PAYMENT_VALID } from './test-slo';

// A fake Prometheus adapter over a tiny world: payment answers 10 requests/s from DATA_START on,
// and half of them fail during the incident. Queries are answered by integrating that model over
// the window in the expression, the way Prometheus' increase()/rate() would.

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 21, 12);
const DATA_START = Date.UTC(2026, 9, 10);
const INCIDENT = { start: NOW - 5 * HOUR, end: NOW - 4 * HOUR };
const RATE = 10;
const VALID = PAYMENT_VALID;
const GOOD = PAYMENT_GOOD;
const slo = makePaymentSlo({ goodEvents: undefined, links: { dashboard: 'shop-slos' } });

const overlapS = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)) / 1000;
/** Valid and bad events in (t − w, t]; null before the data starts. */
function eventsIn(t: number, wMs: number): { valid: number; bad: number } | null {
  const covered = overlapS(t - wMs, t, DATA_START, NOW + HOUR);
  if (covered === 0) return null;
  return { valid: RATE * covered, bad: (RATE / 2) * overlapS(t - wMs, t, INCIDENT.start, INCIDENT.end) };
}

function evaluate(expr: string, t: number): number | null {
  const w = /\[(\w+)\]/.exec(expr)?.[1];
  const e = w ? eventsIn(t, parsePromDuration(w)) : null;
  if (!e) return null;
  if (expr.startsWith('(sum(rate(')) return e.bad / e.valid;
  if (expr.startsWith(`sum(rate(${VALID}`)) return e.valid / (parsePromDuration(w ?? '1s') / 1000);
  if (expr === `sum(increase(${VALID}[${w}]))`) return e.valid;
  if (expr === `sum(increase(${GOOD}[${w}]))`) return e.valid - e.bad;
  throw new Error(`unexpected query ${expr}`);
}

const series = (labels: Record<string, string>, samples: { t: number; value: number | null }[]): TimeSeries => ({
  id: JSON.stringify(labels),
  name: labels.alertname ?? 'value',
  labels,
  samples: samples.map((s) => ({ t: asUnixMs(s.t), value: s.value })),
});

function fakePrometheus(opts: { groups?: string[]; down?: boolean; stillFiring?: boolean } = {}): SloPrometheus & { calls: string[] } {
  const calls: string[] = [];
  const fail = () => {
    throw new AppError('UPSTREAM_UNAVAILABLE', 'Prometheus is unavailable (ECONNREFUSED)');
  };
  return {
    calls,
    async queryInstant(query, time) {
      calls.push(`instant ${query}`);
      if (opts.down) fail();
      const v = evaluate(query, time ?? NOW);
      return { data: v === null ? [] : [series({}, [{ t: time ?? NOW, value: Number.isNaN(v) ? null : v }])], notices: [] };
    },
    async queryRange(q) {
      calls.push(`range ${q.query}`);
      if (opts.down) fail();
      const ts: number[] = [];
      for (let t: number = q.start; t <= q.end; t += q.stepSeconds * 1000) ts.push(t);
      if (q.query.startsWith('ALERTS{')) {
        expect(q.query).toContain('alertname=~"PaymentAvailabilityBurnRate1h|PaymentAvailabilityBurnRate6h|PaymentAvailabilityBurnRate3d"');
        // The fast alert fires 10 minutes into the incident; the 6h one overlaps it a little later.
        const fast = ts.filter((t) => t >= INCIDENT.start + HOUR / 6 && (opts.stillFiring || t <= INCIDENT.end));
        const slow = ts.filter((t) => t >= INCIDENT.start + HOUR / 2 && t <= INCIDENT.end + HOUR / 4);
        return {
          data: [
            series({ alertname: 'PaymentAvailabilityBurnRate1h', alertstate: 'firing', slo: slo.id }, fast.map((t) => ({ t, value: 1 }))),
            series({ alertname: 'PaymentAvailabilityBurnRate6h', alertstate: 'firing', slo: slo.id }, slow.map((t) => ({ t, value: 1 }))),
          ],
          notices: [],
          window: q,
        };
      }
      // Prometheus leaves out steps without a value.
      const samples = ts.map((t) => ({ t, value: evaluate(q.query, t) })).filter((s) => s.value !== null);
      return { data: samples.length ? [series({}, samples)] : [], notices: [], window: q };
    },
    async rules() {
      calls.push('rules');
      if (opts.down) fail();
      return (opts.groups ?? []).map((group): AlertRule => ({ name: 'x', group, query: 'up', durationSeconds: 0, labels: {}, annotations: {}, health: 'ok', state: 'inactive' }));
    },
  };
}

const deployment = (startedAt: number, version: string): Deployment => ({
  id: `d-${version}`,
  service: 'payment',
  environment: 'production',
  version,
  commit: null,
  url: null,
  description: `payment ${version}`,
  status: 'succeeded',
  startedAt: asUnixMs(startedAt),
  finishedAt: null,
  createdBy: 'ci',
});

function makeDeps(opts: { groups?: string[]; down?: boolean; stillFiring?: boolean } = {}) {
  const prometheus = fakePrometheus(opts);
  const asked: { service: string; fromMs: number; toMs: number }[] = [];
  const deps = createSloBffDeps({
    prometheus,
    listDeployments: async (f) => {
      asked.push(f);
      return [deployment(INCIDENT.start, 'v2'), deployment(NOW - 48 * HOUR, 'v1')];
    },
  });
  return { deps, prometheus, asked };
}

describe('createSloBffDeps', () => {
  it('reads the first sample of an instant query and turns an empty answer into no data', async () => {
    const { deps } = makeDeps();
    expect(await deps.queryInstant(`sum(increase(${VALID}[1h]))`, NOW)).toBe(36_000);
    expect(await deps.queryInstant(`sum(increase(${VALID}[1h]))`, DATA_START - HOUR)).toBeNull();
  });

  it('keeps missing range steps as gaps on the step grid', async () => {
    const { deps } = makeDeps();
    const points = await deps.queryRange(`sum(increase(${VALID}[3600s]))`, DATA_START - 2 * HOUR, DATA_START + 2 * HOUR, 3600);
    expect(points.map((p) => p.t)).toEqual([-2, -1, 0, 1, 2].map((h) => DATA_START + h * HOUR));
    expect(points.map((p) => p.value)).toEqual([null, null, null, 36_000, 36_000]);
  });

  it('knows the recording rules are loaded from the SLO\'s rule groups, asking Prometheus once', async () => {
    const { deps, prometheus } = makeDeps({ groups: ['slo:payment-availability:alerts', 'other'] });
    expect(await deps.hasRecordingRules('payment-availability')).toBe(true);
    expect(await deps.hasRecordingRules('checkout-availability')).toBe(false);
    expect(prometheus.calls.filter((c) => c === 'rules')).toHaveLength(1);
  });

  it('passes the datasource\'s typed "unavailable" error through for the route to answer 503', async () => {
    const { deps } = makeDeps({ down: true });
    await expect(buildSloDetail(slo, deps, NOW)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
  });
});

describe('buildSloDetail', () => {
  it('lists the incident once, with the budget it spent, and the deployments with the hour after each', async () => {
    const { deps, asked } = makeDeps();
    const detail = await buildSloDetail(slo, deps, NOW);
    // The 1h and 6h alerts overlap: one incident from the first firing to the last.
    expect(detail.incidents).toHaveLength(1);
    const incident = detail.incidents[0]!;
    expect(incident.windows).toEqual(['1h', '6h']);
    expect(incident.ongoing).toBe(false);
    expect(Math.abs(incident.startMs - (INCIDENT.start + HOUR / 6))).toBeLessThanOrEqual(260_000);
    // Bad events while it fired over the budget of the 30-day window's valid events.
    const windowValid = RATE * overlapS(NOW - 30 * 24 * HOUR, NOW, DATA_START, NOW);
    const bad = (RATE / 2) * overlapS(incident.startMs, incident.endMs, INCIDENT.start, INCIDENT.end);
    expect(incident.budgetSpent).toBeCloseTo(bad / (0.005 * windowValid), 6);

    expect(asked).toEqual([{ service: 'payment', fromMs: NOW - 30 * 24 * HOUR, toMs: NOW }]);
    const [v2, v1] = detail.deployments;
    expect(v2?.version).toBe('v2');
    expect(v2?.budgetSpent).toBeCloseTo((RATE / 2) * 3600 / (0.005 * windowValid), 6);
    expect(v1?.budgetSpent).toBe(0);
    // The 3d ticket still holds, but no page does and the last hour burns nothing: the budget lasts.
    expect(detail.status.burnRates.map((b) => b.firing)).toEqual([false, false, true]);
    expect(detail.status.state).toBe('meeting');
  });

  it('reports an alert still firing now as an ongoing incident up to now', async () => {
    const { deps } = makeDeps({ stillFiring: true });
    const [incident] = (await buildSloDetail(slo, deps, NOW)).incidents;
    expect(incident).toMatchObject({ ongoing: true, endMs: NOW });
  });

  it('shows six calendar months, newest first, with months before the data as no data and the month it began as partial', async () => {
    const { deps } = makeDeps();
    const { compliance } = await buildSloDetail(slo, deps, NOW);
    expect(compliance.map((m) => [m.month, m.verdict, m.partial])).toEqual([
      ['2026-11', 'met', true],
      // Data from 10 October on: 22 of 31 days is not a month's verdict.
      ['2026-10', 'partial_data', false],
      ['2026-09', 'no_data', false],
      ['2026-08', 'no_data', false],
      ['2026-07', 'no_data', false],
      ['2026-06', 'no_data', false],
    ]);
    // November so far: 20.5 days of traffic, half of one hour's requests failed.
    const novValid = RATE * 20.5 * 24 * 3600;
    expect(compliance[0]?.sli).toBeCloseTo(1 - (RATE / 2) * 3600 / novValid, 9);
    expect(compliance[0]?.budgetSpent).toBeCloseTo((RATE / 2) * 3600 / novValid / 0.005, 9);
    expect(compliance[1]?.sli).toBe(1);
    expect(compliance[0]?.coverage).toBe(1);
    expect(compliance[1]?.coverage).toBeCloseTo(22 / 31, 9);
    expect(compliance[2]?.sli).toBeNull();
  });
});

describe('buildSloList', () => {
  // An alert override whose short window equals its long one: the schema rejects it now, but an SLO
  // that fails for any reason must not take the others down.
  const broken = { ...slo, id: 'broken', name: 'Broken', alerting: [{ severity: 'page', longWindow: '1h', shortWindow: '60m', burnRate: 14.4 }] } as Slo;

  it('shows an SLO whose status fails with its own error, and the others with theirs', async () => {
    const { deps } = makeDeps();
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const { items } = await buildSloList([broken, slo], deps, NOW, 'req-1');
    expect(logged).toHaveBeenCalledWith('SLO status failed', expect.objectContaining({ requestId: 'req-1', sloId: 'broken' }));
    logged.mockRestore();
    expect(items[0]).toMatchObject({ sloId: 'broken', name: 'Broken', error: { code: 'INTERNAL', message: expect.stringContaining('req-1') } });
    expect(items[1]).toMatchObject({ status: { sloId: 'payment-availability' } });
  });

  it('fails as a whole when Prometheus is down for every SLO, for the route to answer 503', async () => {
    const { deps } = makeDeps({ down: true });
    await expect(buildSloList([slo, { ...slo, id: 'other' }], deps, NOW, 'req-2')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
  });
});

describe('month report', () => {
  it('gives one row per day so far, the incident day\'s budget share, and a whole-month row', async () => {
    const { deps } = makeDeps();
    const days = await buildMonthReport(slo, deps, '2026-11', NOW);
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 21 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`));
    expect(days.at(-1)?.partial).toBe(true);
    const today = days.at(-1)!;
    expect(today.valid).toBe(RATE * 12 * 3600);
    expect(today.good).toBe(RATE * 12 * 3600 - (RATE / 2) * 3600);
    const csv = toReportCsv(slo, '2026-11', days).trim().split('\n');
    expect(csv[0]).toBe('date,good_events,valid_events,sli_percent,budget_spent_percent,note');
    expect(csv[1]).toBe('2026-11-01,864000,864000,100.0000,0.00,');
    expect(csv.at(-1)).toMatch(/^2026-11,\d+,\d+,99\.\d{4},\d+\.\d{2},objective 99.5%$/);
  });

  it('marks days without traffic "no data" and rejects months that have not started', async () => {
    const { deps } = makeDeps();
    const days = await buildMonthReport(slo, deps, '2026-10', NOW);
    expect(days).toHaveLength(31);
    expect(days[0]).toMatchObject({ date: '2026-10-01', valid: null, sli: null });
    expect(toReportCsv(slo, '2026-10', days).split('\n')[1]).toBe('2026-10-01,,,,,no data');
    await expect(buildMonthReport(slo, deps, '2026-12', NOW)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
