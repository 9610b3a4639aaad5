// Literal strings inside regular expressions: escaping, and one alternation that tests a string for any of many
// literals with a single native search (Irregexp reads every string representation without a per-character loop).

/** `s` with every regular-expression syntax character escaped (valid with and without the `u` flag). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A regular expression matching any of `literals`, or undefined when there are none. */
export function anyOf(literals: Iterable<string>, flags = ''): RegExp | undefined {
  const unique = [...new Set(literals)];
  return unique.length ? new RegExp(unique.map(escapeRegExp).join('|'), flags) : undefined;
}
