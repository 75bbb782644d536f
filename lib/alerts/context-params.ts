/**
 * The context that travels with every drill-down link: time range, service and environment.
 * Kept in the URL only, so Back restores the previous view exactly. Safe for client and server.
 */

export const CONTEXT_KEYS = ['from', 'to', 'service', 'environment'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];
export type DrilldownContext = Partial<Record<ContextKey, string>>;

/** Picks the context keys from a URL's search params (other keys are dropped). */
export function readContext(get: (key: string) => string | null | undefined): DrilldownContext {
  const out: DrilldownContext = {};
  for (const k of CONTEXT_KEYS) {
    const v = get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Builds `path?from&to&service&environment[&extra]`, skipping empty values; a list repeats its key. */
export function withContext(path: string, ctx: DrilldownContext, extra: Record<string, string | readonly string[] | undefined> = {}): string {
  const sp = new URLSearchParams();
  for (const k of CONTEXT_KEYS) if (ctx[k]) sp.set(k, ctx[k]!);
  for (const [k, v] of Object.entries(extra)) for (const one of typeof v === 'string' ? [v] : (v ?? [])) if (one) sp.append(k, one);
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}
