import type { Labels } from '@/lib/datasources/types';

/** A Prometheus label name (its data model's rule); anything else is not a label of an alert. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Most labels read from one link, and the longest `name=value` item kept: a URL is not a place for more. */
const MAX_LABELS = 64;
const MAX_LENGTH = 1_000;

/**
 * Reads repeated `label=name=value` query params into a label set (as toAlertLookupParams writes
 * them); malformed entries (no `=`, an invalid name, `alertname`, which has its own param, too
 * long) are skipped, and only the first MAX_LABELS are read. Undefined when none is left.
 */
export function parseLabelParams(raw: string | readonly string[] | null | undefined): Labels | undefined {
  const list = raw === undefined || raw === null ? [] : typeof raw === 'string' ? [raw] : raw;
  const out: Labels = {};
  for (const item of list.slice(0, MAX_LABELS)) {
    const i = item.indexOf('=');
    const name = item.slice(0, i);
    if (i > 0 && item.length <= MAX_LENGTH && LABEL_NAME.test(name) && name !== 'alertname') out[name] = item.slice(i + 1);
  }
  return Object.keys(out).length ? out : undefined;
}
