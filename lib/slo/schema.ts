import { z } from 'zod';
import { findAlertPolicyProblems } from './policy';

/**
 * SLO definitions (dashboards/slos/<id>.json). One definition feeds the SLO pages, service
 * dashboards, alert drill-downs and the generated Prometheus rules, so the SLI is kept in a form
 * from which `sum(rate(<selector>[w]))` can always be built: single vector selectors, no functions.
 */

const METRIC = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const MATCHER = '[a-zA-Z_][a-zA-Z0-9_]*\\s*(?:=~|!~|!=|=)\\s*"(?:[^"\\\\\\n]|\\\\.)*"';
const MATCHERS = `\\s*${MATCHER}\\s*(?:,\\s*${MATCHER}\\s*)*,?\\s*`;

/** Label matchers without braces, e.g. `service="payment",route="/payments"`. */
export const LabelMatchersSchema = z
  .string()
  .regex(new RegExp(`^(?:${MATCHERS})?$`), 'expected label matchers like name="value",other=~"a|b" (no braces)');

/** One PromQL vector selector of a counter, without rate, e.g. `http_server_requests_total{service="payment"}`. */
export const CounterSelectorSchema = z
  .string()
  .regex(
    new RegExp(`^\\s*${METRIC}\\s*(?:\\{(?:${MATCHERS})?\\})?\\s*$`),
    'expected one vector selector like metric_total{label="value"} (no functions, no range)',
  );

/** Prometheus duration used for alert windows: one number and one unit, e.g. `5m`, `1h`, `3d`. */
export const PromDurationSchema = z.string().regex(/^[1-9][0-9]*(ms|s|m|h|d|w)$/, 'expected a duration like 5m, 1h or 3d');

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase slug like payment-availability');

export const RatioSliSchema = z.strictObject({
  type: z.literal('ratio'),
  /** Counter of good events, e.g. non-5xx responses. */
  good: CounterSelectorSchema,
  /** Counter of all valid events, e.g. all responses. */
  valid: CounterSelectorSchema,
});

export const LatencySliSchema = z.strictObject({
  type: z.literal('latency'),
  /** Histogram base name; `<metric>_bucket` and `<metric>_count` must exist. */
  metric: z.string().regex(new RegExp(`^${METRIC}$`), 'expected a histogram base name without _bucket'),
  /** Label matchers (no braces) selecting the valid events. */
  selector: LabelMatchersSchema,
  /**
   * An event is good when it took at most this long. Must be one of the histogram's bucket
   * boundaries: otherwise no bucket matches and the SLI has no data (`slo:rules --prometheus` checks).
   */
  thresholdSeconds: z.number().positive(),
});

export const SliSchema = z.discriminatedUnion('type', [RatioSliSchema, LatencySliSchema]);

const alertWindowBase = {
  severity: z.enum(['page', 'ticket']),
  longWindow: PromDurationSchema,
  shortWindow: PromDurationSchema,
};

/** One multiwindow burn-rate alert: fires when both windows burn faster than the factor. */
export const BurnRateAlertSchema = z.union([
  z.strictObject({ ...alertWindowBase, burnRate: z.number().positive() }),
  z.strictObject({
    ...alertWindowBase,
    /** Fraction of the period's budget spent in the long window when the alert fires (0.02 = 2%). */
    budgetFraction: z.number().gt(0).lte(1),
  }),
]);

export const SloWindowSchema = z.strictObject({
  type: z.literal('rolling'),
  days: z.union([z.literal(7), z.literal(28), z.literal(30)]),
});

const SloFieldsSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  service: z.string().min(1),
  name: z.string().min(1),
  /** The user journey in plain words, e.g. "A shopper places an order". */
  journey: z.string().min(1),
  description: z.string().optional(),
  /** Plural phrase for a good event used in sentences, e.g. "checkouts succeeded". */
  goodEvents: z.string().min(1).optional(),
  sli: SliSchema,
  /** Percent of valid events that must be good, e.g. 99.9. */
  objective: z.number().gt(0).lt(100),
  window: SloWindowSchema,
  owner: z.string().min(1),
  /** Overrides the default multiwindow multi-burn-rate policy (lib/slo/policy.ts). */
  alerting: z.array(BurnRateAlertSchema).min(1).optional(),
  links: z
    .strictObject({
      /** Slug of a dashboard in dashboards/. */
      dashboard: slug.optional(),
      runbook: z.url().optional(),
    })
    .default({}),
});

/**
 * One SLO definition. Alerts that could never fire, or whose rules could not be generated, fail
 * here with their place in the file: the lint, the rules generator and the loader all parse with
 * this schema. The check is piped after the fields rather than refined onto them: zod writes every
 * field of a refined object as a shared $ref in its JSON Schema (dashboards/schema.json would change).
 */
export const SloSchema = SloFieldsSchema.pipe(
  z.custom<z.infer<typeof SloFieldsSchema>>().superRefine((slo, ctx) => {
    for (const p of findAlertPolicyProblems(slo)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  }),
);

export type Slo = z.infer<typeof SloSchema>;
export type SloInput = z.input<typeof SloSchema>;
export type Sli = z.infer<typeof SliSchema>;
export type BurnRateAlert = z.infer<typeof BurnRateAlertSchema>;

/** JSON Schema of one SLO file, for editors and for dashboards/schema.json. */
export function toSloJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SloSchema, { io: 'input', target: 'draft-2020-12' });
}
