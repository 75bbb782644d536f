/**
 * Metric names in a PromQL query, and the nearest known name to one Prometheus does not have: the
 * explore page's answer to "why no series?" when a name is mistyped. A small tokenizer, not a
 * parser: it skips strings, label matchers, grouping lists, durations, functions and keywords, and
 * leaves the query's validity to Prometheus.
 */

const IDENT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'inf', 'nan', 'start', 'end', 'atan2']);
/** Keywords followed by a parenthesised list of label names, not an expression. */
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** The metric names a PromQL query selects, once each, in order. */
export function metricNamesIn(query: string): string[] {
  const names: string[] = [];
  let i = 0;
  const skipTo = (close: string) => {
    // Past the matching `close`, skipping quoted strings (a label value may hold `}` or `)`).
    while (i < query.length && query[i] !== close) {
      if (query[i] === '"' || query[i] === "'" || query[i] === '`') skipString();
      else i++;
    }
    i++;
  };
  const skipString = () => {
    const quote = query[i];
    i++;
    while (i < query.length && query[i] !== quote) i += query[i] === '\\' && quote !== '`' ? 2 : 1;
    i++;
  };
  while (i < query.length) {
    const c = query[i]!;
    if (c === '"' || c === "'" || c === '`') {
      skipString();
      continue;
    }
    if (c === '{') {
      i++;
      skipTo('}');
      continue;
    }
    if (c === '[') {
      i++;
      skipTo(']');
      continue;
    }
    if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      // A number or a duration (5m, 1h30m, 1e3): digits, letters and dots together.
      while (i < query.length && /[0-9a-zA-Z.+]/.test(query[i]!) && !(query[i] === '+' && !/[eE]/.test(query[i - 1] ?? ''))) i++;
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(query);
    if (!ident) {
      i++;
      continue;
    }
    const word = ident[0];
    i += word.length;
    let j = i;
    while (j < query.length && /\s/.test(query[j]!)) j++;
    const lower = word.toLowerCase();
    if (LABEL_LISTS.has(lower)) {
      if (query[j] === '(') {
        i = j + 1;
        skipTo(')');
      }
      continue;
    }
    // A function or aggregation is followed by "(" (a metric never is), or an aggregation by its
    // grouping ("sum by (le) (...)"); keywords are not names.
    IDENT.lastIndex = j;
    const next = IDENT.exec(query)?.[0].toLowerCase();
    if (query[j] === '(' || next === 'by' || next === 'without' || KEYWORDS.has(lower)) continue;
    if (!names.includes(word)) names.push(word);
  }
  return names;
}

const tokens = (name: string) => new Set(name.toLowerCase().split(/[_:]+/).filter(Boolean));

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let x = 1; x <= a.length; x++) {
    const row = [x];
    for (let y = 1; y <= b.length; y++) row.push(Math.min(prev[y]! + 1, row[y - 1]! + 1, prev[y - 1]! + (a[x - 1] === b[y - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known name nearest to `name`, or null when none is near: most words (split at `_` and `:`)
 * in common, at least half of all, or a couple of typos; ties go to the fewer edits.
 */
export function nearestMetricName(name: string, known: readonly string[]): string | null {
  const mine = tokens(name);
  let best: { name: string; overlap: number; edits: number } | null = null;
  for (const candidate of known) {
    const theirs = tokens(candidate);
    const shared = [...mine].filter((t) => theirs.has(t)).length;
    const overlap = shared / new Set([...mine, ...theirs]).size;
    const edits = editDistance(name, candidate);
    if (overlap < 0.5 && edits > 2) continue;
    if (!best || overlap > best.overlap || (overlap === best.overlap && edits < best.edits)) best = { name: candidate, overlap, edits };
  }
  return best?.name ?? null;
}

/** Each name the query selects that Prometheus does not know (of `known`), with the nearest known one. */
export function unknownMetrics(query: string, known: readonly string[]): { name: string; nearest: string | null }[] {
  const have = new Set(known);
  return metricNamesIn(query)
    .filter((n) => !have.has(n))
    .map((name) => ({ name, nearest: nearestMetricName(name, known) }));
}
