import { z } from 'zod';
import { isTimeZone, REFRESH_INTERVALS } from './time-settings';

/**
 * The dashboard file format. `dashboards/schema.json` is generated from these schemas
 * (`npm run schema:dashboards`), so editors validate and autocomplete the same rules the loader applies.
 */

/** Lower-case words joined by dashes; used for dashboard slugs and panel ids (they appear in URLs). */
export const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes, e.g. "public-api"');

/** A Prometheus-style duration: "30s", "5m", "1h", "7d", "1h30m". */
export const DurationSchema = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'must be a duration such as "30s", "5m", "1h" or "7d"');

/** "now", "now-6h" or "now-1h30m": a time relative to the moment the dashboard is viewed. */
export const RelativeTimeSchema = z.string().regex(/^now(-(\d+(s|m|h|d|w))+)?$/, 'must be "now" or "now-<duration>", e.g. "now-6h"');

/** Units a chart axis or a stat can show; "ratio" is 0..1, "percent" is 0..100. */
export const UnitSchema = z.enum(['none', 'count', 'ratio', 'percent', 'seconds', 'milliseconds', 'bytes', 'reqps', 'ops', 'boolean']);

/** Named palette colours (the UI maps them to accessible tokens) or a hex colour. */
export const ColorSchema = z.union([
  z.enum(['green', 'yellow', 'orange', 'red', 'blue', 'purple', 'grey']),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a palette name or "#rrggbb"'),
]);

/** A horizontal line (or a stat colour step) at a fixed value. */
export const StaticThresholdSchema = z.strictObject({
  value: z.number(),
  label: z.string().min(1),
  color: ColorSchema,
});

/** A horizontal line at the threshold of a Prometheus alerting rule, read from the rule at render time. */
export const AlertRuleThresholdSchema = z.strictObject({
  alertRule: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus alert name'),
  label: z.string().min(1).optional(),
  color: ColorSchema.default('red'),
});

export const ThresholdSchema = z.union([StaticThresholdSchema, AlertRuleThresholdSchema]);

/** One PromQL query of a panel; `id` names it in legends, links and lint messages. */
export const QuerySchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must be an identifier, e.g. "p99"'),
  expr: z.string().min(1),
  legend: z.string().optional().describe('Legend template; {{label}} is replaced with the series label value.'),
  unit: UnitSchema.optional().describe("Overrides the panel's unit for this query."),
  axis: z.enum(['left', 'right']).default('left'),
});

const PanelBase = {
  id: SlugSchema.describe('Unique within the dashboard; part of the panel data URL.'),
  title: z.string().min(1),
  description: z.string().optional().describe('What the panel shows and how to read it.'),
  runbook: z.url().optional(),
  relatedDashboards: z.array(SlugSchema).default([]),
  escalation: z.string().optional().describe('Who to contact when this panel looks wrong; defaults to the dashboard escalation.'),
  thresholds: z.array(ThresholdSchema).default([]),
  deploymentServices: z.array(z.string().min(1)).default([]).describe('Services whose deployments draw as vertical lines.'),
  width: z.number().int().min(1).max(12).default(6).describe('Grid span out of 12 columns.'),
};

export const TimeseriesPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('timeseries'),
  queries: z.array(QuerySchema).min(1),
  style: z.enum(['line', 'area', 'stacked']).default('line'),
  unit: UnitSchema.default('none'),
  legend: z.enum(['bottom', 'right', 'hidden']).default('bottom'),
  yMin: z.number().optional(),
  yMax: z.number().optional(),
  exemplars: z.boolean().default(false).describe('Show exemplar traces on histogram queries.'),
});

export const StatPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('stat'),
  query: QuerySchema,
  unit: UnitSchema.default('none'),
  sparkline: z.boolean().default(true),
  reduce: z.enum(['last', 'mean', 'max', 'min']).default('last'),
  decimals: z.number().int().min(0).max(6).optional(),
});

export const SloPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('slo'),
  sloId: z.string().min(1).describe('The id of an SLO defined in dashboards/slos/.'),
});

export const AlertsPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('alerts'),
  labels: z.record(z.string(), z.string()).default({}).describe('Only alerts whose labels equal these (values may use variables).'),
  states: z.array(z.enum(['firing', 'pending', 'inactive'])).min(1).default(['firing', 'pending']),
});

export const LogsPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('logs'),
  expr: z.string().min(1).describe('LogQL log query; lines with a trace_id link to their trace.'),
  limit: z.number().int().min(1).max(5000).default(200),
  direction: z.enum(['backward', 'forward']).default('backward'),
  traceIdField: z.string().default('trace_id'),
});

export const TableColumnSchema = z
  .strictObject({
    header: z.string().min(1),
    label: z.string().optional().describe('Show this series label.'),
    queryId: z.string().optional().describe("Show this query's value, joined on the label columns."),
    unit: UnitSchema.optional(),
  })
  .refine((c) => (c.label === undefined) !== (c.queryId === undefined), { message: 'a column shows either a label or a queryId, not both' });

export const TablePanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('table'),
  queries: z.array(QuerySchema).min(1).describe('Instant queries evaluated at the end of the range.'),
  columns: z.array(TableColumnSchema).min(1),
  sortBy: z.string().optional().describe('Header of the column to sort by (descending).'),
});

export const DependenciesPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('dependencies'),
  service: z.string().min(1).describe('Service whose upstream and downstream dependencies are shown (may use variables).'),
});

export const MarkdownPanelSchema = z.strictObject({
  ...PanelBase,
  type: z.literal('markdown'),
  content: z.string().min(1),
});

export const PanelSchema = z.discriminatedUnion('type', [
  TimeseriesPanelSchema,
  StatPanelSchema,
  SloPanelSchema,
  AlertsPanelSchema,
  LogsPanelSchema,
  TablePanelSchema,
  DependenciesPanelSchema,
  MarkdownPanelSchema,
]);

export const RowSchema = z.strictObject({
  title: z.string().min(1),
  collapsed: z.boolean().default(false),
  panels: z.array(PanelSchema).min(1),
});

const VariableBase = {
  name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be an identifier, e.g. "service"'),
  title: z.string().optional().describe('Shown next to the picker; defaults to the name.'),
  multi: z.boolean().default(false),
  includeAll: z.boolean().default(false),
  allowedPattern: z.string().optional().describe('Regex every value must match in full, on top of the built-in safe charset.'),
  default: z.union([z.string(), z.array(z.string())]).optional().describe('"$__all" selects every value.'),
};

export const QueryVariableSchema = z.strictObject({
  ...VariableBase,
  type: z.literal('query'),
  selector: z.string().min(1).describe('PromQL series selector whose label values are offered, e.g. http_server_requests_total{job="shop"}. It may use the variables defined above it: http_server_requests_total{service="$service"} offers the routes of the chosen service.'),
  label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/),
});

export const CustomVariableSchema = z.strictObject({
  ...VariableBase,
  type: z.literal('custom'),
  options: z.array(z.string().min(1)).min(1),
});

export const VariableSchema = z.discriminatedUnion('type', [QueryVariableSchema, CustomVariableSchema]);

export { REFRESH_INTERVALS };

export const TimeSettingsSchema = z.strictObject({
  defaultRange: RelativeTimeSchema.default('now-6h').describe('Start of the default range; the range ends now.'),
  resolution: z.union([z.literal('auto'), DurationSchema]).default('auto').describe('"auto" derives the step from maxPoints; a duration fixes it.'),
  maxPoints: z.number().int().min(10).max(11_000).default(300).describe('Points per series when resolution is "auto".'),
  timezone: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as "UTC" or "Europe/Berlin"'),
  refresh: z.enum(REFRESH_INTERVALS).default('off'),
});

export const DashboardSchema = z.strictObject({
  $schema: z.string().describe('Path to schema.json, for editors.'),
  slug: SlugSchema,
  title: z.string().min(1),
  kind: z.enum(['slo', 'api', 'service']),
  audience: z.enum(['stakeholders', 'operators', 'developers']),
  purpose: z
    .string()
    .min(10)
    .max(240)
    .refine((s) => !/[.!?]\s+\S/.test(s), 'must be one sentence')
    .describe('One sentence: what question this dashboard answers.'),
  owners: z.array(z.string().min(1)).min(1),
  escalation: z.string().min(1).describe('Team channel, rota or address to contact.'),
  tags: z.array(z.string().min(1)).default([]),
  links: z.array(SlugSchema).default([]).describe('Slugs of related dashboards.'),
  time: TimeSettingsSchema.default(() => TimeSettingsSchema.parse({})),
  variables: z.array(VariableSchema).default([]),
  rows: z.array(RowSchema).min(1).describe('Most important first.'),
});

export type Dashboard = z.infer<typeof DashboardSchema>;
export type DashboardInput = z.input<typeof DashboardSchema>;
export type Row = z.infer<typeof RowSchema>;
export type Panel = z.infer<typeof PanelSchema>;
export type PanelType = Panel['type'];
export type Query = z.infer<typeof QuerySchema>;
export type Threshold = z.infer<typeof ThresholdSchema>;
export type StaticThreshold = z.infer<typeof StaticThresholdSchema>;
export type Variable = z.infer<typeof VariableSchema>;
export type TimeSettings = z.infer<typeof TimeSettingsSchema>;
export type Unit = z.infer<typeof UnitSchema>;
