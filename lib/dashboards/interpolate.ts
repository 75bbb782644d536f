import { AppError } from '@/lib/api/errors';
import { escapeQuotedString } from '@/lib/promql/escape';
import type { ResultNotice } from '@/lib/datasources/types';
import type { Variable } from './schema';
import { formatDuration } from './time';

/**
 * Variable interpolation for PromQL and LogQL. Values are validated against the variable's allowed
 * values and a strict charset, then escaped for the exact place they land (string literal, regex
 * matcher, raw string, bare token), so a value can never change the structure of a query.
 */

/** The value a URL or default uses to select every allowed value of an `includeAll` variable. */
export const ALL_VALUE = '$__all';
/** Built-in variables, filled from the panel's range and step. */
export const BUILTIN_VARIABLES = ['__range', '__interval', '__rate_interval'] as const;
/** Characters a variable value may contain: enough for service names, routes and versions, nothing that quotes or nests. */
export const SAFE_VALUE = /^[A-Za-z0-9_.:/@+-]{1,200}$/;
/** A value that may stand outside a string literal (a label name in `by (...)`, a duration). */
const BARE_VALUE = /^[A-Za-z0-9_]{1,100}$/;

/** Where a reference sits: inside a quoted string (and which quote), or bare. */
export type RefContext = { kind: 'bare' } | { kind: 'string'; quote: '"' | "'" | '`'; regex: boolean };

export interface VariableRef {
  name: string;
  /** Offsets of the whole reference (`$x`, `${x}` or `[[x]]`) in the expression. */
  start: number;
  end: number;
  context: RefContext;
}

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]|\$([A-Za-z_][A-Za-z0-9_]*)/y;

/**
 * Finds every `$name`, `${name}` and `[[name]]` in a PromQL or LogQL expression, with its context.
 * A `#` outside strings starts a comment to the end of the line (both languages): its quotes open no
 * string and its references are not filled in.
 */
export function findVariableRefs(expr: string): VariableRef[] {
  const refs: VariableRef[] = [];
  let quote: '"' | "'" | '`' | null = null;
  let regex = false;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (!quote && ch === '#') {
      const eol = expr.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
      continue;
    }
    if (quote && ch === '\\' && quote !== '`') {
      i++; // skip the escaped character
      continue;
    }
    if (quote && ch === quote) {
      quote = null;
      continue;
    }
    if (!quote && (ch === '"' || ch === "'" || ch === '`')) {
      quote = ch;
      // =~ and !~ (label matchers) and |~ (LogQL line filter) make the string a regex.
      regex = /[=!|]~\s*$/.test(expr.slice(Math.max(0, i - 8), i));
      continue;
    }
    if (ch !== '$' && ch !== '[') continue;
    REF.lastIndex = i;
    const m = REF.exec(expr);
    if (!m) continue;
    const name = m[1] ?? m[2] ?? m[3] ?? '';
    refs.push({ name, start: i, end: i + m[0].length, context: quote ? { kind: 'string', quote, regex } : { kind: 'bare' } });
    i += m[0].length - 1;
  }
  return refs;
}

/** Escapes RE2 metacharacters so a value matches only itself. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Renders the values of one reference for its context; throws when they cannot be placed safely. */
export function renderValues(name: string, values: readonly string[], context: RefContext): string {
  if (values.length === 0) throw new AppError('INVALID_INPUT', `variable $${name} has no value`);
  if (context.kind === 'bare') {
    if (values.length > 1) throw new AppError('INVALID_INPUT', `variable $${name} has several values but is used outside a regex matcher`);
    const v = values[0] ?? '';
    if (!BARE_VALUE.test(v)) throw new AppError('INVALID_INPUT', `value of $${name} cannot be used outside quotes: only letters, digits and _ are allowed there`);
    return v;
  }
  if (!context.regex && values.length > 1) {
    throw new AppError('INVALID_INPUT', `variable $${name} has several values but is used with = instead of =~`);
  }
  // Several values become one group, so that text around the reference applies to each of them:
  // `"$host:.*"` with h1, h2 is `(?:h1|h2):.*`, not `h1|h2:.*`.
  const joined = !context.regex ? (values[0] ?? '') : values.length === 1 ? escapeRegex(values[0] ?? '') : `(?:${values.map(escapeRegex).join('|')})`;
  if (context.quote === '`') {
    // Raw strings have no escapes: a backtick would end the string, so it can never be placed.
    if (joined.includes('`')) throw new AppError('INVALID_INPUT', `value of $${name} contains a backtick`);
    return joined;
  }
  return escapeQuotedString(joined, context.quote);
}

/** Values for the built-ins, in seconds. */
export interface BuiltinValues {
  rangeSeconds: number;
  intervalSeconds: number;
  rateIntervalSeconds: number;
}

/** Replaces variable references in a query with escaped values; unknown variables are an error. */
export function interpolateQuery(expr: string, values: Readonly<Record<string, readonly string[]>>, builtins: BuiltinValues): string {
  const builtinText: Record<string, string> = {
    __range: formatDuration(builtins.rangeSeconds),
    __interval: formatDuration(builtins.intervalSeconds),
    __rate_interval: formatDuration(builtins.rateIntervalSeconds),
  };
  let out = '';
  let last = 0;
  for (const ref of findVariableRefs(expr)) {
    const builtin = builtinText[ref.name];
    const own = values[ref.name];
    let text: string;
    if (builtin !== undefined) text = builtin;
    else if (own !== undefined) text = renderValues(ref.name, own, ref.context);
    else throw new AppError('INVALID_INPUT', `the query uses $${ref.name}, which the dashboard does not define`);
    out += expr.slice(last, ref.start) + text;
    last = ref.end;
  }
  return out + expr.slice(last);
}

const TEXT_REF = /\$\{([A-Za-z_]\w*)\}|\[\[([A-Za-z_]\w*)\]\]|\$([A-Za-z_]\w*)/g;

/** Names of the variables plain text uses (titles, alert label filters, a service name), in order. */
export function findTextVariableNames(text: string): string[] {
  return [...text.matchAll(TEXT_REF)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Replaces references in plain text (titles, alert label filters, a service name); multi-values join with ", ". */
export function interpolateText(text: string, values: Readonly<Record<string, readonly string[]>>): string {
  return text.replace(TEXT_REF, (whole, a?: string, b?: string, c?: string) => {
    const v = values[a ?? b ?? c ?? ''];
    return v ? v.join(', ') : whole;
  });
}

/** Raw selections from a URL (`var-<name>`), before validation. */
export type RequestedValues = Readonly<Record<string, string | readonly string[] | undefined>>;

declare const checked: unique symbol;
/** Requested values that passed checkRequestedValues, so that resolving them never checks them again. */
export type CheckedValues = RequestedValues & { readonly [checked]: true };

/** The variables of a dashboard chosen for one panel: values to fill in and what this window left out. */
export interface ResolvedVariables {
  /** Validated values of the variables resolved, by name. */
  values: Record<string, string[]>;
  /** PARTIAL notices on values left out because this window does not offer them. */
  notices: ResultNotice[];
  /** Variables left with no value in this window: the queries using them have nothing to show. */
  empty: string[];
}

/** The requested values (or the default) of a variable, before "All" is expanded; undefined when neither is set. */
function requestedOf(v: Variable, requested: RequestedValues): string[] | undefined {
  const raw = requested[v.name] ?? v.default;
  return raw === undefined ? undefined : typeof raw === 'string' ? [raw] : [...raw];
}

/** Checks what may be checked without the allowed values: "All" is offered, and every value has safe characters and matches allowedPattern. */
function checkValueSyntax(v: Variable, picked: readonly string[]): void {
  if (picked.includes(ALL_VALUE) && !v.includeAll) throw new AppError('INVALID_INPUT', `variable $${v.name} does not offer "All"`);
  const pattern = v.allowedPattern === undefined ? null : new RegExp(`^(?:${v.allowedPattern})$`);
  for (const value of picked) {
    if (value === ALL_VALUE) continue;
    if (!SAFE_VALUE.test(value)) throw new AppError('INVALID_INPUT', `value ${JSON.stringify(value)} of $${v.name} has characters that are not allowed`);
    if (pattern && !pattern.test(value)) throw new AppError('INVALID_INPUT', `value ${JSON.stringify(value)} of $${v.name} does not match ${v.allowedPattern}`);
  }
}

/**
 * Refuses (INVALID_INPUT) any requested value (or default) with unsafe characters, outside
 * allowedPattern, or "All" where it is not offered, whether or not a panel uses the variable.
 */
export function checkRequestedValues(variables: readonly Variable[], requested: RequestedValues): CheckedValues {
  for (const v of variables) {
    const picked = requestedOf(v, requested);
    if (picked) checkValueSyntax(v, picked);
  }
  return requested as CheckedValues; // safe: every variable's requested values (or default) were checked just above
}

const quoteList = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

/**
 * Resolves the variables in `used` from values checkRequestedValues passed (or each variable's
 * default) against their allowed values. `available` holds the label values the caller fetched for
 * each used query variable, over the panel's window: a value the window does not offer (a link from
 * another range) is left out with a notice rather than refused, and a variable left with no value (or
 * "All" of nothing) is listed in `empty`. A custom variable's options are fixed, so a value outside
 * them is refused. Values taken from the allowed ones ("All", or the first when none is set) were not
 * part of the request, so their characters are checked here.
 */
export function resolveVariableValues(
  variables: readonly Variable[],
  requested: CheckedValues,
  available: Readonly<Record<string, readonly string[]>>,
  used: ReadonlySet<string>,
): ResolvedVariables {
  const out: ResolvedVariables = { values: {}, notices: [], empty: [] };
  const notice = (message: string): void => void out.notices.push({ code: 'PARTIAL', message });
  for (const v of variables) {
    if (!used.has(v.name)) continue;
    let picked = requestedOf(v, requested);
    const allowed = v.type === 'custom' ? v.options : available[v.name];
    if (!allowed) throw new AppError('INTERNAL', `allowed values of $${v.name} were not fetched`);
    const all = picked?.includes(ALL_VALUE) ?? false;
    const fromAllowed = all || picked === undefined;
    if (all) picked = [...allowed];
    picked ??= allowed.slice(0, 1);
    if (picked.length === 0) {
      if (!all && requested[v.name] !== undefined) throw new AppError('INVALID_INPUT', `variable $${v.name} has no value`);
      notice(`$${v.name} has no values in this range`);
      out.empty.push(v.name);
      continue;
    }
    if (!v.multi && picked.length > 1 && !(all || (v.includeAll && picked.length === allowed.length))) {
      throw new AppError('INVALID_INPUT', `variable $${v.name} takes one value`);
    }
    if (fromAllowed) checkValueSyntax(v, picked);
    const missing = picked.filter((value) => !allowed.includes(value));
    if (missing.length > 0 && v.type === 'custom') throw new AppError('INVALID_INPUT', `value ${JSON.stringify(missing[0])} is not one of the values of $${v.name}`);
    picked = picked.filter((value) => allowed.includes(value));
    if (missing.length > 0) {
      const what = missing.length === 1 ? `Value ${quoteList(missing)} of $${v.name} does not occur` : `Values ${quoteList(missing)} of $${v.name} do not occur`;
      notice(picked.length > 0 ? `${what} in this range and ${missing.length === 1 ? 'is' : 'are'} left out` : `${what} in this range`);
    }
    if (picked.length === 0) out.empty.push(v.name);
    else out.values[v.name] = picked;
  }
  return out;
}
