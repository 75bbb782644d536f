/**
 * String literals of PromQL and LogQL, which both follow Go's rules for a quoted string. Pure, for
 * client and server.
 */

/**
 * Escapes a value for a double- (default) or single-quoted PromQL/LogQL string literal: backslash,
 * the quote, newline, carriage return and tab, so the value stays one literal and means itself.
 */
export function escapeQuotedString(value: string, quote: '"' | "'" = '"'): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}
