import type { Panel } from './schema';
import type { QueryLanguage } from './query-analysis';

/**
 * Where a panel's fields may use variables, with their JSON pointers: lint checks these sites and
 * the BFF resolves the variables they use, so both read the same fields.
 */

export interface QuerySite {
  pointer: string;
  expr: string;
  language: QueryLanguage;
  label: string;
}

/** A plain-text field that may use variables. */
export interface TextSite {
  pointer: string;
  text: string;
  /** Whether the panel's data depends on it: not for the title, nor for deployment services of a panel type that draws none. */
  feedsData: boolean;
}

/** Every PromQL/LogQL expression of a panel, with its pointer. */
export function querySites(panel: Panel, at: string): QuerySite[] {
  switch (panel.type) {
    case 'timeseries':
    case 'table':
      return panel.queries.map((q, i) => ({ pointer: `${at}/queries/${i}/expr`, expr: q.expr, language: 'promql', label: `query "${q.id}"` }));
    case 'stat':
      return [{ pointer: `${at}/query/expr`, expr: panel.query.expr, language: 'promql', label: `query "${panel.query.id}"` }];
    case 'logs':
      return [{ pointer: `${at}/expr`, expr: panel.expr, language: 'logql', label: 'log query' }];
    default:
      return [];
  }
}

/** Every plain-text field of a panel that may use variables, with its pointer. */
export function textSites(panel: Panel, at: string): TextSite[] {
  const drawsDeployments = panel.type === 'timeseries' || panel.type === 'stat';
  const out: TextSite[] = [{ pointer: `${at}/title`, text: panel.title, feedsData: false }];
  panel.deploymentServices.forEach((s, i) => out.push({ pointer: `${at}/deploymentServices/${i}`, text: s, feedsData: drawsDeployments }));
  if (panel.type === 'alerts') for (const [k, v] of Object.entries(panel.labels)) out.push({ pointer: `${at}/labels/${k}`, text: v, feedsData: true });
  if (panel.type === 'dependencies') out.push({ pointer: `${at}/service`, text: panel.service, feedsData: true });
  return out;
}
