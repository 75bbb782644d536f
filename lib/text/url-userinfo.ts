/**
 * `text` with the userinfo (`user:password@`) taken out of every URL in it. A datasource URL may
 * carry credentials (PROMETHEUS_URL=http://user:pass@host); whatever Sightline writes where others
 * read it (span attributes, log lines, error messages, /api/ready) goes through this first.
 */
export function stripUrlUserinfo(text: string): string {
  // Greedy up to the authority's last '@' (a password may hold a raw '@'); the authority ends at / ? # or a space.
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, '$1');
}
