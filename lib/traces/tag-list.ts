/**
 * The trace search's tag filter as people type it: `http.status_code=500 error=true`, separated
 * by spaces, commas or new lines; a value with spaces goes in double quotes (`http.route="/a b"`).
 * Pure and shared by the search form (to flag a typo at once) and the BFF (which validates again).
 */

export type TagListResult = { ok: true; tags: Record<string, string> } | { ok: false; error: string };

const TOKEN = /\s*([^\s=,"]+)=(?:"([^"]*)"|([^\s,"]*))\s*(?:,|\s|$)/y;

/** Parses `key=value` pairs; an unreadable piece is named in the error. */
export function parseTagList(text: string): TagListResult {
  const tags: Record<string, string> = {};
  const input = text.trim();
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m) {
      const piece = input.slice(at).trim().split(/[\s,]/)[0] ?? '';
      return { ok: false, error: `"${piece}" is not key=value (quote values with spaces: key="a b")` };
    }
    const value = m[2] ?? m[3] ?? '';
    if (value === '') return { ok: false, error: `"${m[1]}" has no value` };
    tags[m[1]!] = value;
  }
  return { ok: true, tags };
}

/** Formats tags back into the text form, quoting values that need it. */
export function formatTagList(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => (/[\s,=]/.test(v) ? `${k}="${v}"` : `${k}=${v}`))
    .join(' ');
}
