// Locations of a substring inside a reported string fact, for checks that find things within strings.
import type { Facts, StringFact } from '../core/facts.js';
import type { Location } from '../core/finding.js';

/** The location of `value.slice(index, index + length)` of `fact` inside `facts.artifact`. */
export function locateWithin(facts: Facts, fact: StringFact, index: number, length: number): Location {
  const loc: Location = { artifact: facts.artifact, context: fact.context, original: fact.original };
  if (fact.line !== undefined) {
    // A composed string (facts.ts) is located at the expression that writes it.
    const at = fact.composed ? 0 : index;
    const before = fact.value.slice(0, at);
    const nl = before.lastIndexOf('\n');
    const lines = nl < 0 ? 0 : before.split('\n').length - 1;
    loc.line = fact.line + lines;
    // String literals start at their quote; the text starts one column later.
    const quote = fact.kind === 'literal' && facts.format === 'js' ? 1 : 0;
    loc.column = nl < 0 ? (fact.column ?? 1) + quote + at : at - nl;
    loc.endLine = loc.line;
    loc.endColumn = loc.column + length;
  }
  if (fact.offset !== undefined) {
    loc.offset = fact.offset + Buffer.byteLength(fact.value.slice(0, index), fact.kind === 'printable' ? 'latin1' : 'utf8');
    loc.length = Buffer.byteLength(fact.value.slice(index, index + length), fact.kind === 'printable' ? 'latin1' : 'utf8');
  }
  loc.snippet = snippetOf(fact.value, index, length);
  return loc;
}

/** Up to ~120 characters around the match, on one line. */
export function snippetOf(value: string, index: number, length: number): string {
  const start = Math.max(0, index - 40);
  const end = Math.min(value.length, index + length + 40);
  const text = (start > 0 ? '…' : '') + value.slice(start, end) + (end < value.length ? '…' : '');
  return text.replace(/\s+/g, ' ');
}
