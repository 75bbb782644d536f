import type { Labels } from '@/lib/datasources/types';

/** Reads repeated `label=name=value` query params into a label set; malformed entries are skipped. */
export function parseLabelParams(raw: string | string[] | undefined): Labels | undefined {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out: Labels = {};
  for (const item of list) {
    const i = item.indexOf('=');
    if (i > 0) out[item.slice(0, i)] = item.slice(i + 1);
  }
  return Object.keys(out).length ? out : undefined;
}
