import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lintFiles, type Diagnostic, type SourceFile } from './lint';
import { KNOWN_SLO, minimalDashboard } from './__fixtures__/minimal';
import type { DashboardInput } from './schema';

const other = { ...minimalDashboard(), slug: 'other', links: [] };
const CONTEXT: SourceFile[] = [
  { file: 'dashboards/other.json', text: JSON.stringify(other, null, 2) },
  { file: 'dashboards/slos/known.json', text: JSON.stringify(KNOWN_SLO, null, 2) },
];
const alertRules = new Set(['KnownAlert']);

/** A panel of the minimal dashboard, typed loosely so each case can break it. */
type Loose = Record<string, unknown> & { queries?: Record<string, unknown>[] };
const panel = (d: DashboardInput, i = 0) => d.rows[0]!.panels[i] as unknown as Loose;
const addPanel = (d: DashboardInput, p: Record<string, unknown>): void => void (d.rows[0]!.panels as unknown[]).push(p);
const ts = (extra: Record<string, unknown>) => ({ id: 'extra', title: 'Extra', type: 'timeseries', queries: [{ id: 'a', expr: 'sum(rate(http_server_requests_total[5m]))' }], ...extra });

function lint(d: DashboardInput | string, file = 'dashboards/case.json'): Diagnostic[] {
  return lintFiles([{ file, text: typeof d === 'string' ? d : JSON.stringify(d, null, 2) }], { context: CONTEXT, alertRules });
}

type Case = [name: string, severity: 'error' | 'warning', message: string, breakIt: (d: DashboardInput) => DashboardInput | string | void];

const CASES: Case[] = [
  ['invalid JSON', 'error', 'invalid JSON: unexpected "}", expected a string', (d) => JSON.stringify(d).replace(/}$/, ',}')],
  ['missing title', 'error', '"title" is required', (d) => void delete (d as Partial<DashboardInput>).title],
  ['bad slug', 'error', '"slug": must be lower-case words joined by dashes', (d) => void (d.slug = 'Case_1')],
  ['unknown panel type', 'error', '"type" must be one of the known types', (d) => void (panel(d).type = 'piechart')],
  ['unknown field', 'error', 'unknown field "colour"', (d) => void (panel(d).colour = 'red')],
  ['purpose of two sentences', 'error', '"purpose": must be one sentence', (d) => void (d.purpose = 'Shows checkout. Also shows payment.')],
  ['unknown time zone', 'error', '"timezone": must be an IANA time zone', (d) => void (d.time = { timezone: 'Mars/Olympus' })],
  ['more than 11,000 points configured', 'error', '"maxPoints": too big', (d) => void (d.time = { maxPoints: 20_000 })],
  ['duplicate slug', 'error', 'slug "other" is already used by dashboards/other.json', (d) => void (d.slug = 'other')],
  ['duplicate panel id', 'error', 'panel id "rate" is already used by the panel at /rows/0/panels/0', (d) => void (panel(d, 1).id = 'rate')],
  ['duplicate query id', 'error', 'query id "q" is used twice in panel "rate"', (d) => void panel(d).queries!.push({ id: 'q', expr: 'sum(rate(http_server_requests_total[5m]))' })],
  ['link to a missing dashboard', 'error', 'links to dashboard "nowhere", which does not exist', (d) => void (d.links = ['nowhere'])],
  ['link to itself', 'warning', 'links to itself', (d) => void (d.links = ['case'])],
  ['related dashboard missing', 'error', 'panel relates to dashboard "gone", which does not exist', (d) => void (panel(d).relatedDashboards = ['gone'])],
  ['unknown SLO', 'error', 'references SLO "nope", which is not defined in slos/', (d) => void (panel(d, 2).sloId = 'nope')],
  ['unknown alert rule threshold', 'error', 'alert rule "Nope" is not defined in the Prometheus rule files', (d) => void (panel(d).thresholds = [{ alertRule: 'Nope' }])],
  ['PromQL syntax error', 'error', 'query "q": PromQL does not parse: unexpected end of query', (d) => void (panel(d).queries![0]!.expr = 'sum(rate(http_server_requests_total[5m])')],
  ['LogQL syntax error', 'error', 'log query: LogQL does not parse: unexpected "| json"', (d) => void (panel(d, 1).expr = '{service_name="checkout" | json')],
  ['metric query in a logs panel', 'error', 'a logs panel needs a log query', (d) => void (panel(d, 1).expr = 'sum(count_over_time({service_name="checkout"}[1m]))')],
  ['undefined variable', 'error', 'uses variable $env, which is not defined', (d) => void (panel(d).queries![0]!.expr = 'sum(rate(http_server_requests_total{env="$env",route=~"$route"}[5m]))')],
  ['unused variable', 'warning', 'variable $route is defined but not used', (d) => void (panel(d).queries![0]!.expr = 'sum(rate(http_server_requests_total[5m]))')],
  ['multi-select with =', 'error', 'multi-select variable $route is used with = or != ; use =~ or !~', (d) => void (panel(d).queries![0]!.expr = 'sum(rate(http_server_requests_total{route="$route"}[5m]))')],
  ['multi-select outside quotes', 'error', 'multi-select variable $route is used outside a regex matcher', (d) => void (panel(d).queries![0]!.expr = 'sum by ($route) (rate(http_server_requests_total[5m]))')],
  ['step over 11,000 points at 30d', 'error', 'step 30s gives 86,400 points per series at 30d (limit 11,000); use "auto" or a step of at least 5m', (d) => void (d.time = { resolution: '30s' })],
  ['too many series', 'warning', 'panel "rate" draws about 3584 series (a readable chart holds 30)', (d) => void (panel(d).queries![0]!.expr = 'rate(http_server_requests_total{route=~"$route"}[5m])')],
  ['too many queries', 'warning', 'panel "extra" has 9 queries (at most 8 read well)', (d) => addPanel(d, ts({ queries: Array.from({ length: 9 }, (_, i) => ({ id: `q${i}`, expr: 'sum(rate(http_server_requests_total[5m]))' })) }))],
  ['mixed units on one axis', 'error', 'mixed units on the left axis (reqps, seconds)', (d) => void panel(d).queries!.push({ id: 'p99', unit: 'seconds', expr: 'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))' })],
  ['y-axis bounds inverted', 'error', 'yMax (1) must be greater than yMin (5)', (d) => addPanel(d, ts({ yMin: 5, yMax: 1 }))],
  ['table column with unknown query', 'error', 'column "Count" shows query "missing", which the panel does not have', (d) => addPanel(d, { id: 't', title: 'T', type: 'table', queries: [{ id: 'n', expr: 'count(build_info)' }], columns: [{ header: 'Count', queryId: 'missing' }] })],
  ['table sorted by a missing column', 'error', 'sortBy "Nope" is not a column header', (d) => addPanel(d, { id: 't', title: 'T', type: 'table', queries: [{ id: 'n', expr: 'count(build_info)' }], columns: [{ header: 'Count', queryId: 'n' }], sortBy: 'Nope' })],
  ['table column with label and query', 'error', '"columns[0]": a column shows either a label or a queryId, not both', (d) => addPanel(d, { id: 't', title: 'T', type: 'table', queries: [{ id: 'n', expr: 'count(build_info)' }], columns: [{ header: 'Count', queryId: 'n', label: 'service' }] })],
  ['custom default not an option', 'error', 'default "dev" is not one of the options', (d) => void d.variables!.push({ name: 'env', type: 'custom', options: ['prod'], default: 'dev' })],
  ['invalid allowedPattern', 'error', 'allowedPattern "(unclosed" is not a valid regular expression', (d) => void (d.variables![0]!.allowedPattern = '(unclosed')],
  ['unsafe custom option', 'error', 'option "a\\"b" has characters a variable value may not contain', (d) => void d.variables!.push({ name: 'env', type: 'custom', options: ['a"b'] })],
  ['query variable with an expression', 'error', 'selector must be a series selector such as metric{label="value"}, not an expression', (d) => void (d.variables![0] = { ...d.variables![0]!, selector: 'sum(http_server_requests_total)' } as never)],
  ['selector using a variable defined below it', 'error', 'selector uses $env, which is not defined above $svc; a selector may use only the variables above it', (d) => void d.variables!.push({ name: 'svc', type: 'query', selector: 'build_info{env="$env"}', label: 'service' }, { name: 'env', type: 'custom', options: ['prod'] })],
  ['selector using an undefined variable', 'error', 'selector uses variable $env, which is not defined', (d) => void d.variables!.push({ name: 'svc', type: 'query', selector: 'build_info{env="$env"}', label: 'service' })],
  ['selector using itself', 'error', 'selector uses $svc, which is not defined above $svc; a selector may use only the variables above it', (d) => void d.variables!.push({ name: 'svc', type: 'query', selector: 'build_info{service="$svc"}', label: 'service' })],
  ['multi-select parent with = in a selector', 'error', 'multi-select variable $route is used with = or != ; use =~ or !~', (d) => void d.variables!.push({ name: 'svc', type: 'query', selector: 'build_info{route="$route"}', label: 'service' })],
  ['ratio without a fallback', 'warning', 'query "q": the ratio is empty (No data) whenever no series matches the numerator, e.g. for a service without errors; write (numerator or denominator * 0) / denominator', (d) => void (panel(d).queries![0]!.expr = 'sum by (route) (rate(http_server_requests_total{route=~"$route",status=~"5.."}[5m])) / sum by (route) (rate(http_server_requests_total{route=~"$route"}[5m]))')],
  ['variable defined twice', 'error', 'variable $route is defined twice', (d) => void d.variables!.push({ ...d.variables![0]! })],
  ['All default without includeAll', 'error', 'default "$__all" needs includeAll: true', (d) => void (d.variables![0]!.includeAll = false)],
  ['stat thresholds out of order', 'error', 'stat colour thresholds must be in ascending order of value', (d) => addPanel(d, { id: 's', title: 'S', type: 'stat', query: { id: 'v', expr: 'sum(up)' }, thresholds: [{ value: 5, label: 'bad', color: 'red' }, { value: 1, label: 'ok', color: 'green' }] })],
];

describe('lint: broken dashboards', () => {
  it('has a case for at least 25 distinct problems', () => expect(new Set(CASES.map((c) => c[2])).size).toBeGreaterThanOrEqual(25));

  it('passes the unbroken base dashboard', () => expect(lint(minimalDashboard())).toEqual([]));

  it.each(CASES)('%s → %s: %s', (_name, severity, message, breakIt) => {
    const d = minimalDashboard();
    const broken = breakIt(d) ?? d;
    const found = lint(broken);
    expect(found.map((x) => `${x.severity}: ${x.message}`).join('\n')).toContain(`${severity}: ${message}`);
  });

  it('passes the built-ins as subquery steps and offsets', () => {
    const d = minimalDashboard();
    addPanel(d, ts({ queries: [
      { id: 'a', expr: 'max_over_time(sum(rate(http_server_requests_total{route=~"$route"}[5m]))[1h:$__interval])' },
      { id: 'b', expr: 'max_over_time(sum(rate(http_server_requests_total[$__rate_interval]))[$__range:$__interval])' },
      { id: 'c', expr: 'sum(rate(http_server_requests_total[5m] offset $__range))' },
      { id: 'd', expr: 'sum(http_server_requests_total offset ${__interval})' },
    ] }));
    expect(lint(d)).toEqual([]);
  });

  it('passes a chained variable, whose selector uses the variable above it, and counts that one as used', () => {
    const d = minimalDashboard();
    d.variables = [
      { name: 'env', type: 'custom', options: ['prod', 'staging'] },
      { name: 'route', type: 'query', selector: 'http_server_requests_total{env="${env}"}', label: 'route', multi: true, includeAll: true, default: '$__all' },
    ];
    expect(lint(d)).toEqual([]);
  });

  it('places a PromQL error at its line and column in the file', () => {
    const d = minimalDashboard();
    panel(d).queries![0]!.expr = 'sum(rate(http_server_requests_total{service="checkout"}[5m])) +';
    d.variables = [];
    const text = JSON.stringify(d, null, 2);
    const [diag] = lint(text);
    const line = text.split('\n').findIndex((l) => l.includes('"expr": "sum(rate')) + 1;
    const col = (text.split('\n')[line - 1] ?? '').indexOf('"sum(') + 1 + 1 + 'sum(rate(http_server_requests_total{service=\\"checkout\\"}[5m])) +'.length;
    expect(diag && formatDiagnostic(diag)).toBe(`dashboards/case.json:${line}:${col}: error: query "q": PromQL does not parse: unexpected end of query`);
  });

  it('points a schema error at the offending value', () => {
    const d = minimalDashboard();
    panel(d, 1).limit = -1;
    const text = JSON.stringify(d, null, 2);
    const diag = lint(text).find((x) => x.message.includes('limit'));
    const line = text.split('\n').findIndex((l) => l.includes('"limit": -1')) + 1;
    expect(diag).toMatchObject({ line, column: (text.split('\n')[line - 1] ?? '').indexOf('-1') + 1, pointer: '/rows/0/panels/1/limit' });
  });

  it('reports an SLO whose dashboard link does not resolve', () => {
    const found = lintFiles([{ file: 'dashboards/slos/x.json', text: JSON.stringify({ ...KNOWN_SLO, id: 'x', links: { dashboard: 'gone' } }) }], { context: CONTEXT });
    expect(found.map((f) => f.message)).toEqual(['links to dashboard "gone", which does not exist']);
  });
});

describe('lint: shipped dashboards', () => {
  const dir = path.resolve(import.meta.dirname, '../../dashboards');
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json').map((f) => `dashboards/${f}`),
    ...readdirSync(path.join(dir, 'slos')).filter((f) => f.endsWith('.json')).map((f) => `dashboards/slos/${f}`),
  ];
  const sources = files.map((file) => ({ file, text: readFileSync(path.resolve(dir, '..', file), 'utf8') }));

  it('ships the demo dashboards and SLOs', () => {
    expect(files).toEqual(expect.arrayContaining(['dashboards/shop-slos.json', 'dashboards/public-api.json', 'dashboards/sightline.json', 'dashboards/svc-payment.json', 'dashboards/slos/checkout-availability.json']));
  });

  it('all pass lint without errors or warnings', () => {
    expect(lintFiles(sources, { alertRules: readAlertNames() }).map(formatDiagnostic)).toEqual([]);
  });
});

/** Alert names from the checked-in Prometheus rule files, so alertRule thresholds are checked too. */
function readAlertNames(): Set<string> {
  const dir = path.resolve(import.meta.dirname, '../../scripts/backends/prometheus/rules');
  const names = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yml'))) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/alert:\s*'?([\w:]+)/g)) names.add(m[1] ?? '');
  }
  return names;
}
