/**
 * Where to go after signing in: only a path of this site. Browsers read `/\evil.example`,
 * `/<tab>/evil.example` and `//evil.example` as another host, so a value is accepted only when it
 * parses as a path of a placeholder origin and carries no backslash, whitespace or control
 * character, raw or percent-encoded in its path (a later decode must not turn it into one either).
 */

/** Where a missing or refused callback goes. */
export const DEFAULT_CALLBACK_PATH = '/dashboards';

const PLACEHOLDER_ORIGIN = 'http://sightline.invalid';
// Backslash, any Unicode whitespace, and C0/C1 control characters.
const UNSAFE_CHAR = /[\\\s\p{Cc}]/u;

function decodeOnce(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The same-origin path (pathname, search and hash) `value` names, else DEFAULT_CALLBACK_PATH. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || UNSAFE_CHAR.test(value)) return DEFAULT_CALLBACK_PATH;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_CALLBACK_PATH;
  // The query and fragment may hold encoded newlines (a multi-line LogQL query); the path may not.
  const path = decodeOnce(url.pathname);
  if (path === null || path.startsWith('//') || UNSAFE_CHAR.test(path)) return DEFAULT_CALLBACK_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's `redirect` callback: `url` is a path, or an absolute URL when next-auth hands back
 * what this returned before (the callback-url cookie). Anything that is not a path of `baseUrl`
 * goes to DEFAULT_CALLBACK_PATH.
 */
export function redirectWithinSite({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const origin = baseUrl.replace(/\/+$/, '');
  const path = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  return `${origin}${safeCallbackPath(path)}`;
}
