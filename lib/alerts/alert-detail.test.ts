import { describe, expect, it } from 'vitest';
import type { AlertRule, UnixMs } from '@/lib/datasources/types';
import { findRule, selectExemplars, toAlertWindow } from './alert-detail';
import type { AlertExemplar } from './types';

const HOUR = 3_600_000;

describe('toAlertWindow', () => {
  it('starts an hour before the alert became active and ends now, with about 300 points', () => {
    const now = 1_700_000_000_000;
    const w = toAlertWindow((now - 5 * 60_000) as UnixMs, now);
    expect(w.start).toBe(now - 5 * 60_000 - HOUR);
    expect(w.end).toBe(now);
    expect((w.end - w.start) / 1000 / w.stepSeconds).toBeLessThanOrEqual(300);
  });

  it('ends an hour after a resolved alert stopped, never past now', () => {
    const now = 1_700_000_000_000;
    const w = toAlertWindow((now - 5 * HOUR) as UnixMs, now, (now - 4 * HOUR) as UnixMs);
    expect([w.start, w.end]).toEqual([now - 6 * HOUR, now - 3 * HOUR]);
    expect(toAlertWindow((now - 50 * 60_000) as UnixMs, now, (now - 20 * 60_000) as UnixMs).end).toBe(now);
  });

  it('shows at least the last hour for an alert without a start time', () => {
    const now = 1_700_000_000_000;
    expect(toAlertWindow(null, now).start).toBe(now - HOUR);
  });
});

describe('findRule', () => {
  const rule = (name: string, labels: Record<string, string>): AlertRule => ({ name, group: 'g', query: 'x > 1', durationSeconds: 0, labels, annotations: {}, health: 'ok', state: 'firing' });
  it('picks the rule of the same name whose labels the alert carries', () => {
    const rules = [rule('Burn', { severity: 'ticket', slo: 'a' }), rule('Burn', { severity: 'page', slo: 'a' })];
    expect(findRule(rules, { name: 'Burn', labels: { alertname: 'Burn', severity: 'page', slo: 'a' } })).toBe(rules[1]);
    expect(findRule(rules, { name: 'Burn', labels: { severity: 'page', slo: 'b' } })).toBeNull();
  });
});

describe('selectExemplars', () => {
  const ex = (t: number, bad: boolean): AlertExemplar => ({ seriesLabels: {}, labels: {}, traceId: `t${t}`, value: 1, t: t as UnixMs, bad });
  it('keeps bad exemplars before newer good ones when over the cap, oldest first', () => {
    const kept = selectExemplars([ex(1, true), ex(2, false), ex(3, false), ex(4, true), ex(5, false)], 3);
    expect(kept.map((e) => [e.t, e.bad])).toEqual([[1, true], [4, true], [5, false]]);
  });
});
