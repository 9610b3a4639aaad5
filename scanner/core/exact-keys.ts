// Whole-string lookups (`map.get(value)`) over hundreds of thousands of strings: V8 hashes a string, every character
// of it, the first time it is looked up, and the strings the checks look up are mostly seen once (a data set's
// 60,000 lines, each ~65 characters). A key's head — its length and first character — is a number: a Set of the
// keys' heads rejects nearly every string before it is hashed. Lookups answer exactly as the map does.

/** A string's head: its length and first UTF-16 code unit, as one number. */
export function headOf(value: string): number {
  return value.length === 0 ? 0 : value.length * 0x10000 + value.charCodeAt(0);
}

/** The heads of `keys`: a string whose head is not in it is none of them. */
export function headsOf(keys: Iterable<string>): Set<number> {
  const heads = new Set<number>();
  for (const k of keys) heads.add(headOf(k));
  return heads;
}
