import type { Dashboard, Panel, Variable } from './schema';
import { positionOf, positionInString, type Position } from './json-position';
import { ALL_VALUE, BUILTIN_VARIABLES, SAFE_VALUE, findTextVariableNames, findVariableRefs, type VariableRef } from './interpolate';
import { estimateSeries, findRatioWithoutFallback, findSyntaxProblem, isLogQuery, withPlaceholders } from './query-analysis';
import { querySites, textSites, type QuerySite } from './panel-sites';
import { LONGEST_RANGE, MAX_POINTS_PER_SERIES, computeStep, formatDuration, parseDuration } from './time';

/**
 * Checks of one valid dashboard: queries that parse, variables, point and series budgets, units,
 * and references to other dashboards, SLOs and alert rules.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  pointer: string;
  severity: Severity;
  message: string;
  /** Set when the finding points inside a string (a query's syntax error). */
  position?: Position;
}

export interface References {
  slugs: ReadonlySet<string>;
  sloIds: ReadonlySet<string>;
  /** Alert rule names, when the rule files are known; unknown names are then reported. */
  alertRules?: ReadonlySet<string>;
}

/** A chart with more lines than this is unreadable; split the panel or aggregate. */
export const MAX_SERIES_PER_PANEL = 30;
/** More queries than this on one panel is a sign it should be split. */
export const MAX_QUERIES_PER_PANEL = 8;

// lint-online.ts reads the query sites from here.
export { querySites } from './panel-sites';

/** Runs every per-dashboard check; `text` and `positions` locate findings inside query strings. */
export function lintDashboard(d: Dashboard, text: string, positions: ReadonlyMap<string, Position>, refs: References): Finding[] {
  const out: Finding[] = [];
  const add = (pointer: string, severity: Severity, message: string, position?: Position) => out.push({ pointer, severity, message, ...(position ? { position } : {}) });
  const vars = new Map(d.variables.map((v) => [v.name, v]));
  const used = new Set<string>();

  d.links.forEach((slug, i) => checkSlug(slug, `/links/${i}`, 'links to'));
  function checkSlug(slug: string, pointer: string, verb: string) {
    if (slug === d.slug) add(pointer, 'warning', `${verb} itself`);
    else if (!refs.slugs.has(slug)) add(pointer, 'error', `${verb} dashboard "${slug}", which does not exist`);
  }

  checkVariables(d, add, used);
  const step = d.time.resolution === 'auto' ? null : parseDuration(d.time.resolution);
  const longest = parseDuration(LONGEST_RANGE) ?? 0;
  if (step && longest / step > MAX_POINTS_PER_SERIES) {
    const points = Math.floor(longest / step).toLocaleString('en-US');
    add('/time/resolution', 'error', `step ${d.time.resolution} gives ${points} points per series at ${LONGEST_RANGE} (limit ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')}); use "auto" or a step of at least ${formatDuration(computeStep(longest, d.time.resolution, d.time.maxPoints).stepSeconds)}`);
  }

  const panelIds = new Map<string, string>();
  d.rows.forEach((row, r) => {
    for (const name of findTextVariableNames(row.title)) used.add(name);
    row.panels.forEach((panel, p) => {
      const at = `/rows/${r}/panels/${p}`;
      const first = panelIds.get(panel.id);
      if (first) add(`${at}/id`, 'error', `panel id "${panel.id}" is already used by the panel at ${first}`);
      else panelIds.set(panel.id, at);
      if (panel.type === 'slo' && !refs.sloIds.has(panel.sloId)) add(`${at}/sloId`, 'error', `references SLO "${panel.sloId}", which is not defined in slos/`);
      panel.relatedDashboards.forEach((slug, i) => checkSlug(slug, `${at}/relatedDashboards/${i}`, 'panel relates to'));
      panel.thresholds.forEach((t, i) => {
        if ('alertRule' in t && refs.alertRules && !refs.alertRules.has(t.alertRule)) add(`${at}/thresholds/${i}/alertRule`, 'error', `alert rule "${t.alertRule}" is not defined in the Prometheus rule files`);
      });
      for (const site of textSites(panel, at)) for (const name of findTextVariableNames(site.text)) noteRef(name, site.pointer);
      let seriesTotal = 0;
      let seriesKnown = true;
      for (const site of querySites(panel, at)) {
        checkQuery(site);
        const n = site.language === 'promql' ? estimateSeries(site.expr) : 1;
        if (n === null) seriesKnown = false;
        else seriesTotal += n;
      }
      if (panel.type === 'timeseries' && seriesKnown && seriesTotal > MAX_SERIES_PER_PANEL) {
        add(`${at}/queries`, 'warning', `panel "${panel.id}" draws about ${seriesTotal} series (a readable chart holds ${MAX_SERIES_PER_PANEL}); aggregate with sum by (...) or split the panel`);
      }
      checkPanel(panel, at, add);
    });
  });

  function noteRef(name: string, pointer: string) {
    used.add(name);
    if (!vars.has(name) && !(BUILTIN_VARIABLES as readonly string[]).includes(name)) add(pointer, 'error', `uses variable $${name}, which is not defined`);
  }

  function checkQuery(site: QuerySite) {
    const start = positions.get(site.pointer)?.offset;
    const where = (offset: number) => (start === undefined ? undefined : positionInString(text, start, offset));
    const problem = findSyntaxProblem(site.expr, site.language);
    if (problem) add(site.pointer, 'error', `${site.label}: ${problem.message}`, where(problem.offset));
    else if (site.language === 'logql' && !isLogQuery(site.expr)) add(site.pointer, 'error', 'a logs panel needs a log query (a stream selector with filters), not a metric query');
    else if (site.language === 'promql') {
      const ratio = findRatioWithoutFallback(site.expr);
      if (ratio !== null) add(site.pointer, 'warning', `${site.label}: the ratio is empty (No data) whenever no series matches the numerator, e.g. for a service without errors; write (numerator or denominator * 0) / denominator`, where(ratio));
    }
    for (const ref of findVariableRefs(site.expr)) {
      noteRef(ref.name, site.pointer);
      const v = vars.get(ref.name);
      if (v) checkMultiUse(v, ref, (message) => add(site.pointer, 'error', message, where(ref.start)));
    }
  }

  d.variables.forEach((v, i) => {
    if (!used.has(v.name)) add(`/variables/${i}/name`, 'warning', `variable $${v.name} is defined but not used`);
  });
  return out;
}

type Add = (pointer: string, severity: Severity, message: string) => void;

/** A variable that may hold several values can stand only in a regex matcher (=~ or !~). */
function checkMultiUse(v: Variable, ref: VariableRef, report: (message: string) => void) {
  if (!(v.multi || v.includeAll)) return;
  if (ref.context.kind === 'bare') report(`multi-select variable $${ref.name} is used outside a regex matcher`);
  else if (!ref.context.regex) report(`multi-select variable $${ref.name} is used with = or != ; use =~ or !~`);
}

function checkVariables(d: Dashboard, add: Add, used: Set<string>) {
  const seen = new Set<string>();
  d.variables.forEach((v, i) => {
    const at = `/variables/${i}`;
    if (seen.has(v.name)) add(`${at}/name`, 'error', `variable $${v.name} is defined twice`);
    seen.add(v.name);
    if (v.allowedPattern !== undefined) {
      try {
        new RegExp(v.allowedPattern);
      } catch {
        add(`${at}/allowedPattern`, 'error', `allowedPattern ${JSON.stringify(v.allowedPattern)} is not a valid regular expression`);
      }
    }
    const defaults = v.default === undefined ? [] : typeof v.default === 'string' ? [v.default] : v.default;
    if (defaults.includes(ALL_VALUE) && !v.includeAll) add(`${at}/default`, 'error', `default "${ALL_VALUE}" needs includeAll: true`);
    if (defaults.length > 1 && !v.multi) add(`${at}/default`, 'error', `variable $${v.name} takes one value but has ${defaults.length} defaults`);
    if (v.type === 'custom') {
      v.options.forEach((o, j) => {
        if (!SAFE_VALUE.test(o)) add(`${at}/options/${j}`, 'error', `option ${JSON.stringify(o)} has characters a variable value may not contain`);
      });
      for (const value of defaults) if (value !== ALL_VALUE && !v.options.includes(value)) add(`${at}/default`, 'error', `default "${value}" is not one of the options`);
    } else {
      const problem = findSyntaxProblem(v.selector, 'promql');
      if (problem) add(`${at}/selector`, 'error', `selector: ${problem.message}`);
      else if (!/^\s*[a-zA-Z_:][\w:]*\s*(\{[^}]*\})?\s*$|^\s*\{[^}]*\}\s*$/.test(withPlaceholders(v.selector))) add(`${at}/selector`, 'error', 'selector must be a series selector such as metric{label="value"}, not an expression');
      // A selector may use the variables above it (lib/panels/variables.ts fills them in).
      for (const ref of findVariableRefs(v.selector)) {
        used.add(ref.name);
        if ((BUILTIN_VARIABLES as readonly string[]).includes(ref.name)) continue;
        const parent = d.variables.findIndex((p) => p.name === ref.name);
        const parentVar = d.variables[parent];
        if (!parentVar) add(`${at}/selector`, 'error', `selector uses variable $${ref.name}, which is not defined`);
        else if (parent >= i) add(`${at}/selector`, 'error', `selector uses $${ref.name}, which is not defined above $${v.name}; a selector may use only the variables above it`);
        else checkMultiUse(parentVar, ref, (message) => add(`${at}/selector`, 'error', message));
      }
    }
  });
}

function checkPanel(panel: Panel, at: string, add: Add) {
  if (panel.type === 'timeseries' || panel.type === 'table') {
    const ids = new Set<string>();
    panel.queries.forEach((q, i) => {
      if (ids.has(q.id)) add(`${at}/queries/${i}/id`, 'error', `query id "${q.id}" is used twice in panel "${panel.id}"`);
      ids.add(q.id);
    });
    if (panel.queries.length > MAX_QUERIES_PER_PANEL) add(`${at}/queries`, 'warning', `panel "${panel.id}" has ${panel.queries.length} queries (at most ${MAX_QUERIES_PER_PANEL} read well); split it`);
  }
  if (panel.type === 'timeseries') {
    if (panel.yMin !== undefined && panel.yMax !== undefined && panel.yMin >= panel.yMax) add(`${at}/yMax`, 'error', `yMax (${panel.yMax}) must be greater than yMin (${panel.yMin})`);
    for (const axis of ['left', 'right'] as const) {
      const units = new Set(panel.queries.filter((q) => q.axis === axis).map((q) => q.unit ?? panel.unit));
      if (units.size > 1) add(`${at}/queries`, 'error', `mixed units on the ${axis} axis (${[...units].join(', ')}); put one unit on the right axis or split the panel`);
    }
  }
  if (panel.type === 'table') {
    const queryIds = new Set(panel.queries.map((q) => q.id));
    panel.columns.forEach((c, i) => {
      if (c.queryId !== undefined && !queryIds.has(c.queryId)) add(`${at}/columns/${i}/queryId`, 'error', `column "${c.header}" shows query "${c.queryId}", which the panel does not have`);
    });
    if (panel.sortBy !== undefined && !panel.columns.some((c) => c.header === panel.sortBy)) add(`${at}/sortBy`, 'error', `sortBy "${panel.sortBy}" is not a column header`);
  }
  if (panel.type === 'stat') {
    const values = panel.thresholds.flatMap((t) => ('value' in t ? [t.value] : []));
    if (values.some((v, i) => i > 0 && v <= (values[i - 1] ?? -Infinity))) add(`${at}/thresholds`, 'error', 'stat colour thresholds must be in ascending order of value');
  }
}

/** Position of a finding: inside its string when known, else where its pointer's value starts. */
export function findingPosition(f: Finding, positions: ReadonlyMap<string, Position>): Position | undefined {
  return f.position ?? positionOf(positions, f.pointer);
}
