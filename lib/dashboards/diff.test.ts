import { describe, expect, it } from 'vitest';
import { diffDashboard, diffDashboardSets, formatDiffs } from './diff';
import { DashboardSchema, type Dashboard, type DashboardInput } from './schema';
import { minimalDashboard } from './__fixtures__/minimal';

const parse = (d: DashboardInput): Dashboard => DashboardSchema.parse(d);
const edit = (f: (d: DashboardInput) => void): Dashboard => {
  const d = minimalDashboard();
  f(d);
  return parse(d);
};
type Loose = Record<string, unknown> & { queries?: { id: string; expr: string }[] };
const panel = (d: DashboardInput, i: number) => d.rows[0]!.panels[i] as unknown as Loose;
const base = parse(minimalDashboard());

describe('diffDashboard', () => {
  it('says nothing about identical dashboards, whatever the key order', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const reordered = reverseKeys(minimalDashboard()) as DashboardInput;
    expect(Object.keys(reordered)[0]).toBe('rows');
    expect(diffDashboard(base, parse(reordered))).toEqual({ slug: 'case', status: 'unchanged', changes: [] });
  });

  it('lists added and removed panels with their row', () => {
    const after = edit((d) => {
      d.rows[0]!.panels.splice(1, 1);
      d.rows.push({ title: 'Notes', panels: [{ id: 'notes', title: 'Read me', type: 'markdown', content: 'hi' }] });
    });
    expect(diffDashboard(base, after).changes).toEqual([
      'rows: Health → Health | Notes',
      '+ panel "notes" (markdown) "Read me" in row "Notes"',
      '- panel "logs" (logs) "Logs" from row "Health"',
    ]);
  });

  it('reports a real move but not panels shifted by an insertion', () => {
    const inserted = edit((d) => void d.rows[0]!.panels.unshift({ id: 'new', title: 'New', type: 'markdown', content: 'x' }));
    expect(diffDashboard(base, inserted).changes).toEqual(['+ panel "new" (markdown) "New" in row "Health"']);
    const moved = edit((d) => {
      const slo = d.rows[0]!.panels.pop()!;
      d.rows.unshift({ title: 'Top', panels: [slo] });
    });
    expect(diffDashboard(base, moved).changes).toContain('↕ panel "slo" moved: row "Health" #3 → row "Top" #1');
    const toFront = edit((d) => void d.rows[0]!.panels.unshift(d.rows[0]!.panels.pop()!));
    expect(diffDashboard(base, toFront).changes).toEqual(['↕ panel "slo" moved: row "Health" #3 → row "Health" #1']);
  });

  it('shows a changed query old → new, and added or removed queries', () => {
    const after = edit((d) => {
      panel(d, 0).queries![0]!.expr = 'sum(rate(http_server_requests_total{route=~"$route"}[1m]))';
      panel(d, 0).queries!.push({ id: 'errors', expr: 'sum(rate(http_server_requests_total{status=~"5.."}[1m]))' });
      panel(d, 1).expr = '{service_name="checkout"}';
    });
    expect(diffDashboard(base, after).changes).toEqual([
      '~ panel "rate": query "q" changed:\n      - sum by (route) (rate(http_server_requests_total{service="checkout",route=~"$route"}[$__rate_interval]))\n      + sum(rate(http_server_requests_total{route=~"$route"}[1m]))',
      '~ panel "rate": query "errors" added: sum(rate(http_server_requests_total{status=~"5.."}[1m]))',
      '~ panel "rate": query legends, units or axes changed',
      '~ panel "logs": query "expr" changed:\n      - {service_name="checkout"} | json\n      + {service_name="checkout"}',
    ]);
  });

  it('shows thresholds, deployment lines and settings that changed', () => {
    const after = edit((d) => {
      panel(d, 0).thresholds = [{ value: 0.5, label: 'latency SLO', color: 'orange' }];
      panel(d, 0).deploymentServices = ['checkout', 'payment'];
      panel(d, 0).unit = 'ops';
      d.time = { defaultRange: 'now-24h' };
    });
    const changes = diffDashboard(base, after).changes;
    expect(changes).toContain('~ panel "rate": thresholds: alert rule KnownAlert → 0.5 "latency SLO" orange');
    expect(changes).toContain('~ panel "rate": deployment lines: checkout → checkout, payment');
    expect(changes).toContain('~ panel "rate": unit: reqps → ops');
    expect(changes.find((c) => c.startsWith('time:'))).toContain('"defaultRange":"now-24h"');
  });

  it('shows variables added, removed and changed', () => {
    const after = edit((d) => {
      d.variables![0]!.default = '/api/cart';
      d.variables!.push({ name: 'env', type: 'custom', options: ['prod'] });
    });
    expect(diffDashboard(base, after).changes).toEqual(['~ variable $route: default: $__all → /api/cart', '+ variable $env (custom)']);
    expect(diffDashboard(after, base).changes).toContain('- variable $env');
  });
});

describe('diffDashboardSets', () => {
  it('pairs dashboards by slug and summarises', () => {
    const other = parse({ ...minimalDashboard(), slug: 'other' });
    const diffs = diffDashboardSets([base, other], [base, parse({ ...minimalDashboard(), slug: 'fresh' })]);
    expect(diffs.map((d) => [d.slug, d.status])).toEqual([['case', 'unchanged'], ['fresh', 'added'], ['other', 'removed']]);
    expect(formatDiffs(diffs)).toBe(
      'fresh: added\n  new dashboard "Case" with 1 rows and 3 panels\n\nother: removed\n  deleted dashboard "Case" with 1 rows and 3 panels\n\n2 dashboards changed, 1 unchanged',
    );
  });
});
