import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NameSet } from './name-set.js';
import { JsScanner, KEYWORD_WORDS, TokenKind, keywordAt } from './tokens.js';
import { installedBuilds } from '../../../bench/vendor-builds.mjs';

/** Adds every name token of `code` to a NameSet and to a Set<string>; the answers, name by name, must agree. */
function compare(code: string): number {
  const set = new NameSet(code);
  const model = new Set<string>();
  const scanner = new JsScanner(code);
  let names = 0;
  while (scanner.next()) {
    if (scanner.kind !== TokenKind.IdentifierName) continue;
    const text = code.slice(scanner.start, scanner.end);
    const expected = !text.includes('\\') && !model.has(text);
    if (expected) model.add(text);
    const got = set.add(scanner.start, scanner.end);
    if (got !== expected) throw new Error(`${JSON.stringify(text)} at ${scanner.start}: ${got}, a Set says ${expected}`);
    // The keyword number is the word's, compared in place.
    if (keywordAt(code, scanner.start, scanner.end) !== KEYWORD_WORDS.indexOf(text) + 1) throw new Error(`keyword number of ${text}`);
    names++;
  }
  return names;
}

describe('NameSet keeps each name once, as a Set of the names’ strings does', () => {
  it('on the name tokens of real vendor builds', () => {
    const builds = installedBuilds().filter((b) => /livekit-client\.umd|daily-esm|twilio-video\.min/.test(b.path));
    expect(builds.length).toBe(3);
    for (const b of builds) expect(compare(readFileSync(b.path, 'utf8'))).toBeGreaterThan(10_000);
  });

  it('on random names: escapes, non-ASCII letters, names that are prefixes of others, many of them', () => {
    const piece = fc.constantFrom('a', 'ab', 'abc', 'abcd', 'ba', 'cab', '\\u0061bc', 'ä', 'äb', '$', '_x', 'x1', 'return', 'retur', 'of', 'if', 'get', 'async', 'instanceof');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { minLength: 1, maxLength: 4 }), { maxLength: 3000 }), (words) => {
        compare(words.map((w) => w.join('')).join(' . '));
      }),
      { numRuns: 200 },
    );
  });
});
