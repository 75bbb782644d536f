import type { KeyValue } from '@/lib/datasources/types';
import type { SpanTree } from './tree';

/**
 * Lower-cased text of each span (operation, service, span id, attributes and resource as
 * `key=value`), built once per tree and reused by every keystroke of the find box.
 */
export type SearchIndex = string[];

// Separates fields so a term never matches across two of them.
const SEP = '\u0000';

function appendPairs(parts: string[], kvs: KeyValue[]): void {
  for (const kv of kvs) parts.push(`${kv.key}=${String(kv.value)}`);
}

/** Builds the find-in-trace index, in pre-order (row order). */
export function buildSearchIndex(tree: SpanTree): SearchIndex {
  const out: string[] = new Array<string>(tree.preorder.length);
  for (let k = 0; k < tree.preorder.length; k++) {
    const s = tree.spans[tree.preorder[k]!]!;
    const parts = [s.operation, s.service, s.spanId];
    appendPairs(parts, s.attributes);
    appendPairs(parts, s.resource);
    out[k] = parts.join(SEP).toLowerCase();
  }
  return out;
}

/** Splits a query into lower-cased terms; every term must match (a term may be `key=value`). */
export function parseFindQuery(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
}

/**
 * Finds the spans matching every term of `query`, case-insensitively, over operation, service,
 * span id and attribute/resource keys and values. Returns span indices in row (pre-order) order;
 * an empty query matches nothing.
 */
export function findInTrace(tree: SpanTree, index: SearchIndex, query: string): number[] {
  const terms = parseFindQuery(query);
  if (terms.length === 0) return [];
  const out: number[] = [];
  for (let k = 0; k < index.length; k++) {
    const text = index[k]!;
    let all = true;
    for (const t of terms) {
      if (!text.includes(t)) {
        all = false;
        break;
      }
    }
    if (all) out.push(tree.preorder[k]!);
  }
  return out;
}
