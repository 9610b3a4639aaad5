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

/**
 * A test for any of `literals` ignoring case, with exactly the matches of `anyOf(literals, 'iu')` (Unicode simple
 * case folding), without paying for it on every string: V8 builds an `iu` alternation of many literals with Unicode
 * case-folding tables when it first runs (~10–30 ms of a cold start for the ~90 vendor domains), an `i` one in ~1 ms.
 * For ASCII literals the two differ only where a literal's `k` or `s` meets KELVIN SIGN (U+212A) or LONG S (U+017F),
 * which only `iu` folds onto them: a string holding one of those gets the `iu` test, built then.
 */
export function anyOfIgnoringCase(literals: Iterable<string>): ((s: string) => boolean) | undefined {
  const unique = [...new Set(literals)];
  if (unique.length === 0) return undefined;
  // Not ASCII: `i` and `iu` may differ in more places.
  if (unique.some((l) => /[^\0-\x7f]/.test(l))) {
    const folded = anyOf(unique, 'iu')!;
    return (s) => folded.test(s);
  }
  const ascii = anyOf(unique, 'i')!;
  let unicode: RegExp | undefined;
  return (s) => ascii.test(s) || (/[\u017f\u212a]/.test(s) && (unicode ??= anyOf(unique, 'iu')!).test(s));
}
