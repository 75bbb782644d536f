import { escapeQuotedString } from '@/lib/promql/escape';
import { isTraceIdText, traceIdOfTraceparent } from '@/lib/traces/trace-id';

/**
 * What the header search box accepts: a trace id (16 or 32 hex digits, or a W3C traceparent value
 * holding one) or a correlation id of a strict charset. Anything else is refused with a message
 * before any upstream call is made. Safe for client and server.
 */

/** Correlation ids as the shop and most gateways write them (request ids, UUIDs). */
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export type SearchInput = { kind: 'trace'; traceId: string } | { kind: 'correlation'; id: string } | { kind: 'invalid'; message: string };

/** Classifies what was typed into the search box. */
export function classifySearch(raw: string | null | undefined): SearchInput {
  const q = (raw ?? '').trim();
  if (q === '') return { kind: 'invalid', message: 'Type a correlation id (e.g. a request id) or a trace id.' };
  if (q.length > 128) return { kind: 'invalid', message: `That is ${q.length} characters long; correlation and trace ids have at most 128.` };
  if (isTraceIdText(q)) return { kind: 'trace', traceId: q.toLowerCase() };
  // `00-<trace id>-<parent span id>-01`, as copied from a request's traceparent header.
  const fromTraceparent = traceIdOfTraceparent(q);
  if (fromTraceparent) return { kind: 'trace', traceId: fromTraceparent };
  if (!CORRELATION_ID.test(q)) return { kind: 'invalid', message: 'Ids contain only letters, digits and . _ : - (no spaces, quotes or other symbols).' };
  return { kind: 'correlation', id: q };
}

/** A structured-metadata field name LogQL accepts in a label filter. */
export const LOG_FIELD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The LogQL query for a correlation id's lines across all services; throws on a field name LogQL would reject. */
export function buildCorrelationLogQuery(field: string, id: string): string {
  if (!LOG_FIELD_NAME.test(field)) throw new Error(`CORRELATION_ID_LOG_FIELD "${field}" is not a valid LogQL field name`);
  if (!CORRELATION_ID.test(id)) throw new Error('not a correlation id');
  // Escaped as defence in depth: the charset check already keeps quotes and backslashes out.
  return `{service_name=~".+"} | ${field}="${escapeQuotedString(id)}"`;
}
