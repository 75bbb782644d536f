import 'server-only';
import { z } from 'zod';
import { parseTimeRef } from '@/lib/dashboards/time';
import { GO_DURATION, type TraceSearch } from '@/lib/datasources/jaeger';
import type { ResultNotice, UnixMs } from '@/lib/datasources/types';
import { parseTagList } from './tag-list';

/**
 * The trace search page's URL (`?service&operation&tags&minDuration&maxDuration&errors&limit&from&to`)
 * is also the query string of GET /api/traces/search: one schema validates both, naming the field.
 */

/** Most traces one search returns (Jaeger's own UI stops at 1,500 too). */
export const MAX_SEARCH_TRACES = 1_500;
/** With "errors only", Jaeger is asked for this many times the limit and the errored ones are kept. */
export const ERRORS_ONLY_OVERFETCH = 5;
const MAX_RANGE_MS = 31 * 24 * 3600 * 1000;

const time = (dflt: string) =>
  z
    .string()
    .default(dflt)
    .transform((s, ctx): UnixMs => {
      try {
        return parseTimeRef(s, Date.now());
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : 'is not a time' });
        return z.NEVER;
      }
    });

const duration = z
  .string()
  .trim()
  .optional()
  .transform((s) => s || undefined)
  .refine((s) => s === undefined || GO_DURATION.test(s), 'must be a duration such as 100ms, 1.5s or 2m');

export const TraceSearchRequestSchema = z
  .object({
    service: z.string().trim().min(1, 'choose a service').max(256),
    operation: z.string().max(512).optional().transform((s) => s || undefined),
    tags: z
      .string()
      .max(4_000)
      .optional()
      .transform((s, ctx) => {
        const r = parseTagList(s ?? '');
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: r.error });
          return z.NEVER;
        }
        return r.tags;
      }),
    minDuration: duration,
    maxDuration: duration,
    errors: z.enum(['1', 'true', '0', 'false', '']).optional().transform((v) => v === '1' || v === 'true'),
    limit: z.coerce.number().int('must be a whole number').min(1).max(MAX_SEARCH_TRACES, `is more than ${MAX_SEARCH_TRACES}`).default(20),
    from: time('now-1h'),
    to: time('now'),
  })
  .refine((q) => q.to > q.from, { message: 'must be after from', path: ['to'] })
  .refine((q) => q.to - q.from <= MAX_RANGE_MS, { message: 'the range may span at most 31 days', path: ['from'] });

export type TraceSearchRequest = z.infer<typeof TraceSearchRequestSchema>;

/** The Jaeger search for a request; "errors only" over-fetches so that filtering still fills the page. */
export function toTraceSearch(q: TraceSearchRequest): TraceSearch {
  return {
    service: q.service,
    operation: q.operation,
    tags: q.tags,
    minDuration: q.minDuration,
    maxDuration: q.maxDuration,
    start: q.from,
    end: q.to,
    limit: toAskedLimit(q),
  };
}

/** How many traces Jaeger is asked for: the limit, or with "errors only" that many times ERRORS_ONLY_OVERFETCH. */
function toAskedLimit(q: TraceSearchRequest): number {
  return q.errors ? Math.min(MAX_SEARCH_TRACES, q.limit * ERRORS_ONLY_OVERFETCH) : q.limit;
}

/**
 * What the page is told about a search's answer: the list stopped at the limit, or, with "errors
 * only", all the newest traces Jaeger was asked for (toTraceSearch's limit) came back and were looked
 * at, so older errored traces may be missing. ("Errors only" keeps traces with an error in any span;
 * Jaeger's tag filter error=true would only find errors in the searched service's own spans.)
 */
export function searchNotices(q: TraceSearchRequest, found: number, shown: number): ResultNotice[] {
  const asked = toAskedLimit(q);
  if (shown >= q.limit) return [{ code: 'ENTRIES_CAPPED', message: `Showing the newest ${q.limit} traces; raise the limit or narrow the search to see more` }];
  if (q.errors && found >= asked) {
    return [{ code: 'PARTIAL', message: `Errors only looked at the newest ${asked} traces of ${q.service} and found ${shown} with errors; older ones may be missing: narrow the time range to see them` }];
  }
  return [];
}
