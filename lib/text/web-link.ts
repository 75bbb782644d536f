/**
 * An http(s) URL from text Sightline does not control (alert annotations such as `runbook_url`),
 * or null. Anything else (javascript:, data:, a relative path that would resolve inside Sightline)
 * is not rendered as a link.
 */
export function webLink(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
