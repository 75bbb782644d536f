import 'server-only';
import type { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import type { UpstreamResponse } from './http';
import type { DatasourceName, Labels } from './types';
import { DATASOURCE_TITLES, httpStatusError } from './resilience/upstream-errors';

/** Parses an upstream body as JSON and validates it; a surprise shape is an UPSTREAM_ERROR naming the field. */
export function decodeJson<S extends z.ZodType>(name: DatasourceName, res: UpstreamResponse, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(res.text) as unknown;
  } catch (cause) {
    throw new AppError('UPSTREAM_ERROR', `${DATASOURCE_TITLES[name]} answered with invalid JSON (HTTP ${res.status})`, { cause, details: { datasource: name } });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new AppError('UPSTREAM_ERROR', `${DATASOURCE_TITLES[name]} answered in an unexpected shape at ${where}: ${issue?.message ?? 'invalid'}`, {
      cause: parsed.error,
      details: { datasource: name },
    });
  }
  return parsed.data;
}

/**
 * A client's memo of decoded answers. The same answer object comes back from the panel cache and to
 * every coalesced caller: `decode` runs once per answer (readers never mutate decoded data), and a
 * decode that throws is not kept. Keyed weakly, so an entry lives exactly as long as its answer;
 * one path (so one schema) per answer, because the cache key includes the path.
 */
export function createDecodeOnce<T>(): (res: UpstreamResponse, decode: (res: UpstreamResponse) => T) => T {
  const decoded = new WeakMap<UpstreamResponse, T>();
  return (res, decode) => {
    if (decoded.has(res)) return decoded.get(res) as T; // Safe: has() said it is there, and T may include undefined.
    const value = decode(res);
    decoded.set(res, value);
    return value;
  };
}

/** Throws the mapped AppError for a non-2xx answer; `extract` pulls the upstream's own message from the body. */
export function ensureOk(name: DatasourceName, res: UpstreamResponse, extract: (text: string) => string | null): void {
  if (res.status >= 200 && res.status < 300) return;
  let said: string | null = null;
  try {
    said = extract(res.text);
  } catch {
    said = res.text; // not the JSON we expected: the raw text is still the most useful message
  }
  throw httpStatusError(name, res.status, said);
}

/** A stable key for a label set: sorted `k="v"` pairs, the way Prometheus prints a series. */
export function toLabelKey(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}
