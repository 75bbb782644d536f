import type { Dashboard, Panel, Threshold } from './schema';

/**
 * A reviewer's diff of two versions of a dashboard: panels added, removed and moved; queries,
 * thresholds, deployment annotations, variables and settings changed. Not a JSON diff: ids pair
 * panels, queries and variables, so reordering keys or shifting panels does not show as noise.
 */

export interface DashboardDiff {
  slug: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  changes: string[];
}

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Formats thresholds as a reviewer reads them: `0.5 "latency SLO" orange` or `alert rule X`. */
export function formatThresholds(list: readonly Threshold[]): string {
  if (list.length === 0) return '(none)';
  return list.map((t) => ('alertRule' in t ? `alert rule ${t.alertRule}` : `${t.value} "${t.label}" ${t.color}`)).join(', ');
}

interface Placed {
  panel: Panel;
  row: string;
  /** 1-based position within its row. */
  position: number;
}

function place(d: Dashboard): Map<string, Placed> {
  const out = new Map<string, Placed>();
  for (const row of d.rows) row.panels.forEach((panel, i) => out.set(panel.id, { panel, row: row.title, position: i + 1 }));
  return out;
}

/** Longest common subsequence of two id lists: the panels that kept their relative order. */
function keptOrder(a: readonly string[], b: readonly string[]): Set<string> {
  const len = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      len[i]![j] = a[i] === b[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** Queries of a panel by id (stat has one, logs its LogQL expression as "expr"). */
function queriesOf(p: Panel): Map<string, string> {
  if (p.type === 'timeseries' || p.type === 'table') return new Map(p.queries.map((q) => [q.id, q.expr]));
  if (p.type === 'stat') return new Map([[p.query.id, p.query.expr]]);
  if (p.type === 'logs') return new Map([['expr', p.expr]]);
  return new Map();
}

const SPECIAL = new Set(['id', 'queries', 'query', 'expr', 'thresholds', 'deploymentServices']);

function diffPanel(a: Panel, b: Panel): string[] {
  const out: string[] = [];
  const qa = queriesOf(a);
  const qb = queriesOf(b);
  for (const [id, expr] of qb) {
    const old = qa.get(id);
    if (old === undefined) out.push(`query "${id}" added: ${expr}`);
    else if (old !== expr) out.push(`query "${id}" changed:\n      - ${old}\n      + ${expr}`);
  }
  for (const [id, expr] of qa) if (!qb.has(id)) out.push(`query "${id}" removed: ${expr}`);
  const legends = (p: Panel) => (p.type === 'timeseries' || p.type === 'table' ? p.queries.map((q) => [q.id, q.legend, q.unit, q.axis]) : p.type === 'stat' ? [p.query.legend] : []);
  if (!same(legends(a), legends(b))) out.push('query legends, units or axes changed');
  if (!same(a.thresholds, b.thresholds)) out.push(`thresholds: ${formatThresholds(a.thresholds)} → ${formatThresholds(b.thresholds)}`);
  if (!same(a.deploymentServices, b.deploymentServices)) out.push(`deployment lines: ${a.deploymentServices.join(', ') || '(none)'} → ${b.deploymentServices.join(', ') || '(none)'}`);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!SPECIAL.has(key) && !same(ra[key], rb[key])) out.push(`${key}: ${show(ra[key])} → ${show(rb[key])}`);
  }
  return out;
}

/** Compares two versions of one dashboard (null where it does not exist). */
export function diffDashboard(before: Dashboard | null, after: Dashboard | null): DashboardDiff {
  if (!before && !after) throw new Error('diffDashboard needs at least one version');
  if (!before || !after) {
    const d = (after ?? before) as Dashboard;
    const panels = d.rows.reduce((n, r) => n + r.panels.length, 0);
    return { slug: d.slug, status: after ? 'added' : 'removed', changes: [`${after ? 'new' : 'deleted'} dashboard "${d.title}" with ${d.rows.length} rows and ${panels} panels`] };
  }
  const changes: string[] = [];
  for (const key of ['title', 'kind', 'audience', 'purpose', 'owners', 'escalation', 'tags', 'links', 'time'] as const) {
    if (!same(before[key], after[key])) changes.push(`${key}: ${show(before[key])} → ${show(after[key])}`);
  }
  const rowsA = before.rows.map((r) => r.title);
  const rowsB = after.rows.map((r) => r.title);
  if (!same(rowsA, rowsB)) changes.push(`rows: ${rowsA.join(' | ')} → ${rowsB.join(' | ')}`);

  const varsA = new Map(before.variables.map((v) => [v.name, v]));
  const varsB = new Map(after.variables.map((v) => [v.name, v]));
  for (const [name, v] of varsB) {
    const old = varsA.get(name);
    if (!old) changes.push(`+ variable $${name} (${v.type})`);
    else if (!same(old, v)) {
      const fields = Object.keys({ ...old, ...v }).filter((k) => !same((old as Record<string, unknown>)[k], (v as Record<string, unknown>)[k]));
      changes.push(`~ variable $${name}: ${fields.map((k) => `${k}: ${show((old as Record<string, unknown>)[k])} → ${show((v as Record<string, unknown>)[k])}`).join('; ')}`);
    }
  }
  for (const name of varsA.keys()) if (!varsB.has(name)) changes.push(`- variable $${name}`);

  const pa = place(before);
  const pb = place(after);
  const orderA = [...pa.keys()].filter((id) => pb.has(id));
  const orderB = [...pb.keys()].filter((id) => pa.has(id));
  const kept = keptOrder(orderA, orderB);
  for (const [id, b] of pb) {
    const a = pa.get(id);
    if (!a) {
      changes.push(`+ panel "${id}" (${b.panel.type}) "${b.panel.title}" in row "${b.row}"`);
      continue;
    }
    if (a.row !== b.row || !kept.has(id)) changes.push(`↕ panel "${id}" moved: row "${a.row}" #${a.position} → row "${b.row}" #${b.position}`);
    if (a.panel.type !== b.panel.type) changes.push(`~ panel "${id}": type ${a.panel.type} → ${b.panel.type}`);
    else for (const c of diffPanel(a.panel, b.panel)) changes.push(`~ panel "${id}": ${c}`);
  }
  for (const [id, a] of pa) if (!pb.has(id)) changes.push(`- panel "${id}" (${a.panel.type}) "${a.panel.title}" from row "${a.row}"`);
  return { slug: after.slug, status: changes.length ? 'changed' : 'unchanged', changes };
}

/** Pairs two sets of dashboards by slug and diffs each pair, in slug order. */
export function diffDashboardSets(before: readonly Dashboard[], after: readonly Dashboard[]): DashboardDiff[] {
  const a = new Map(before.map((d) => [d.slug, d]));
  const b = new Map(after.map((d) => [d.slug, d]));
  return [...new Set([...a.keys(), ...b.keys()])].sort().map((slug) => diffDashboard(a.get(slug) ?? null, b.get(slug) ?? null));
}

/** Renders diffs for a terminal or a pull-request comment; unchanged dashboards are counted, not listed. */
export function formatDiffs(diffs: readonly DashboardDiff[]): string {
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.status === 'unchanged') continue;
    lines.push(`${d.slug}: ${d.status}`, ...d.changes.map((c) => `  ${c}`), '');
  }
  const unchanged = diffs.filter((d) => d.status === 'unchanged').length;
  lines.push(`${diffs.length - unchanged} dashboards changed, ${unchanged} unchanged`);
  return lines.join('\n');
}
