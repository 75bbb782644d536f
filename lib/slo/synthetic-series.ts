import { toEventSelectors } from './promql';
import type { Sli } from './schema';

/**
 * Label sets that a given SLI counts as good and as bad events, for synthetic test series.
 * Derived from the selectors themselves, so every generated rule file is tested against series
 * its own expressions really match.
 */

interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

interface Selector {
  metric: string;
  matchers: Matcher[];
}

const MATCHER_RE = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;

/** Parses `metric{a="b",c=~"d"}` (the forms the SLO schema admits). */
export function parseSelector(selector: string): Selector {
  const brace = selector.indexOf('{');
  const metric = (brace < 0 ? selector : selector.slice(0, brace)).trim();
  const body = brace < 0 ? '' : selector.slice(brace + 1, selector.lastIndexOf('}'));
  const matchers = [...body.matchAll(MATCHER_RE)].map((m) => ({
    name: m[1] ?? '',
    op: (m[2] ?? '=') as Matcher['op'], // the regex only captures the four operators
    value: JSON.parse(`"${m[3] ?? ''}"`) as string, // PromQL and JSON share these escapes
  }));
  return { metric, matchers };
}

function matchesOne(m: Matcher, value: string): boolean {
  // Prometheus anchors regex matchers; a missing label reads as "".
  const regex = (): boolean => new RegExp(`^(?:${m.value})$`).test(value);
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  if (m.op === '=~') return regex();
  return !regex();
}

/** True when a label set is selected by the selector. */
export function matchesSelector(sel: Selector, metric: string, labels: Record<string, string>): boolean {
  return sel.metric === metric && sel.matchers.every((m) => matchesOne(m, labels[m.name] ?? ''));
}

/** One string the (simple, RE2-style) pattern matches: first alternative, optional parts left out. */
export function sampleRegex(pattern: string): string {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return sampleRegex(pattern.slice(0, i));
  }
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    let atom = '';
    const c = pattern[i] ?? '';
    if (c === '(') {
      let d = 0;
      let j = i;
      for (; j < pattern.length; j++) {
        if (pattern[j] === '\\') j++;
        else if (pattern[j] === '(') d++;
        else if (pattern[j] === ')' && --d === 0) break;
      }
      atom = sampleRegex(pattern.slice(i + 1, j).replace(/^\?:/, ''));
      i = j + 1;
    } else if (c === '[') {
      const j = pattern.indexOf(']', i + 2);
      const body = pattern.slice(i + 1, j);
      atom = body.startsWith('^') ? '~' : (body[0] ?? '');
      i = j + 1;
    } else if (c === '\\') {
      const e = pattern[i + 1] ?? '';
      atom = e === 'd' ? '0' : e === 'w' ? 'a' : e === 's' ? ' ' : e;
      i += 2;
    } else if (c === '^' || c === '$') {
      i++;
      continue;
    } else {
      atom = c === '.' ? '0' : c;
      i++;
    }
    const q = pattern[i];
    if (q === '*' || q === '?') {
      atom = '';
      i++;
    } else if (q === '+') i++;
    else if (q === '{') {
      const close = pattern.indexOf('}', i);
      atom = atom.repeat(Number(pattern.slice(i + 1, close).split(',')[0]));
      i = close + 1;
    }
    out += atom;
  }
  return out;
}

function candidateValues(matchers: Matcher[]): string[] {
  const own = matchers.flatMap((m) => (m.op === '=' || m.op === '!=' ? [m.value] : [sampleRegex(m.value)]));
  return [...own, '200', '500', 'ok', 'x', ''];
}

function pickValue(matchers: Matcher[], alsoViolate?: Matcher): string | null {
  const pool = candidateValues(alsoViolate ? [...matchers, alsoViolate] : matchers);
  return pool.find((v) => matchers.every((m) => matchesOne(m, v)) && (!alsoViolate || !matchesOne(alsoViolate, v))) ?? null;
}

function satisfyAll(sels: Selector[]): Record<string, string> | null {
  const names = [...new Set(sels.flatMap((s) => s.matchers.map((m) => m.name)))];
  const labels: Record<string, string> = {};
  for (const name of names) {
    const value = pickValue(sels.flatMap((s) => s.matchers.filter((m) => m.name === name)));
    if (value === null) return null;
    if (value !== '') labels[name] = value;
  }
  return labels;
}

/** A counter the test feeds: its PromQL series notation and whether it counts good or all events. */
export interface SyntheticCounter {
  series: string;
  counts: 'good' | 'bad' | 'valid';
}

function toSeries(metric: string, labels: Record<string, string>): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return `${metric}{${body}}`;
}

/**
 * The counters to feed so that good and bad events are both expressible:
 * one good + one bad series when good and valid share a metric, else good + valid series.
 */
export function buildSyntheticCounters(sli: Sli): SyntheticCounter[] {
  const good = parseSelector(toEventSelectors(sli).good);
  const valid = parseSelector(toEventSelectors(sli).valid);
  if (good.metric !== valid.metric) {
    const goodLabels = satisfyAll([good]);
    const validLabels = satisfyAll([valid]);
    if (!goodLabels || !validLabels) throw new Error(`cannot find labels matching ${toEventSelectors(sli).good} / ${toEventSelectors(sli).valid}`);
    return [
      { series: toSeries(good.metric, goodLabels), counts: 'good' },
      { series: toSeries(valid.metric, validLabels), counts: 'valid' },
    ];
  }
  const goodLabels = satisfyAll([good, valid]);
  if (!goodLabels) throw new Error(`cannot find labels matching ${toEventSelectors(sli).good}`);
  for (const extra of good.matchers) {
    const value = pickValue(valid.matchers.filter((m) => m.name === extra.name), extra);
    if (value === null) continue;
    const badLabels = { ...goodLabels, [extra.name]: value };
    if (matchesSelector(valid, valid.metric, badLabels) && !matchesSelector(good, good.metric, badLabels)) {
      return [
        { series: toSeries(good.metric, goodLabels), counts: 'good' },
        { series: toSeries(valid.metric, badLabels), counts: 'bad' },
      ];
    }
  }
  throw new Error(`no label set is valid but not good for ${toEventSelectors(sli).good}: the SLI can never report an error`);
}
