/** A count and its noun, singular for exactly one: "1 line", "0 lines", "3 spans". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
