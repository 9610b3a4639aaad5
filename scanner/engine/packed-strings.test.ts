import { describe, expect, it } from 'vitest';
import { serialize, deserialize } from 'node:v8';
import type { StringFact } from '../core/facts.js';
import { packFacts, packStrings, unpackFacts, unpackStrings } from './packed-strings.js';
import { emptyFacts } from '../core/facts.js';

/** What the main thread gets: the packed form through a structured clone, unpacked. */
const roundTrip = (strings: StringFact[]) => unpackStrings(deserialize(serialize(packStrings(strings))));
/** Same values, same keys in the same order (what JSON output and spreads see). */
const same = (a: StringFact[], b: StringFact[]) => {
  expect(b).toEqual(a);
  expect(b.map((s) => Object.keys(s))).toEqual(a.map((s) => Object.keys(s)));
};

describe('packed string facts', () => {
  it('gives back the facts of a vendor build: positions packed, the rest as they were', () => {
    const strings: StringFact[] = [
      { value: 'https://a.example', kind: 'literal', line: 1, column: 2, endLine: 1, endColumn: 20 },
      { value: 'licence', kind: 'comment', line: 2, column: 1, endLine: 3, endColumn: 4 },
      { value: 'x', kind: 'literal', line: 4, column: 1, endLine: 4, endColumn: 3, original: { source: 'src/a.ts', line: 9, column: 1 } },
      { value: 'y', kind: 'literal', line: 5, column: 1, endLine: 5, endColumn: 3, binding: 'APP_ID' },
      { value: 'z', kind: 'literal', column: 1, line: 6, endLine: 6, endColumn: 3 },
      { value: 'w', kind: 'literal', line: 7.5, column: 1, endLine: 7, endColumn: 3 },
      { value: 'v', kind: 'literal', line: -0, column: 1, endLine: 7, endColumn: 3 },
      { value: 'u', kind: 'literal', line: 2 ** 31, column: 1, endLine: 7, endColumn: 3 },
      { value: '', kind: 'identifier', line: 8, column: 1, endLine: 8, endColumn: 1 },
    ];
    const p = packStrings(strings);
    // A nested object, a fraction, -0 and a number past int32 travel as objects; a string key and another key order
    // are shapes of their own.
    expect(p.others.map(([i]) => i)).toEqual([2, 5, 6, 7]);
    expect(p.shapes.map((sh) => sh.keys.join())).toEqual(['line,column,endLine,endColumn', 'line,column,endLine,endColumn,binding', 'column,line,endLine,endColumn']);
    same(strings, roundTrip(strings));
    expect(Object.is(roundTrip(strings)[6]!.line, -0)).toBe(true);
  });

  it('packs binary offsets, and whatever layout the first fact has', () => {
    const printable: StringFact[] = Array.from({ length: 50 }, (_, i) => ({ value: `run ${i}`, kind: 'printable', offset: i * 100, length: 5 + i }));
    same(printable, roundTrip(printable));
    const odd = [{ value: 'a', kind: 'config', line: 3, offset: 7 }, { value: 'b', kind: 'config', line: 4 }] as StringFact[];
    same(odd, roundTrip(odd));
    expect(packStrings(odd).others).toEqual([]);
    same([], roundTrip([]));
  });

  it('packs string keys once each: the vendor code and bindings an app bundle\'s literals name', () => {
    const strings: StringFact[] = Array.from({ length: 400 }, (_, i) =>
      i % 3 === 0
        ? ({ value: `v${i}`, kind: 'literal', line: 1, column: i, endLine: 1, endColumn: i + 4, vendorCode: `vendor${i % 5}`, binding: `NAME_${i}` } as StringFact)
        : ({ value: `v${i}`, kind: 'literal', line: 1, column: i, endLine: 1, endColumn: i + 4, vendorCode: `vendor${i % 5}` } as StringFact),
    );
    const p = packStrings(strings);
    expect(p.others).toEqual([]);
    expect(p.shapes.map((sh) => sh.strings)).toEqual([[false, false, false, false, true, true], [false, false, false, false, true]]);
    // 5 vendor names and 134 bindings, each stored once.
    expect(p.texts).toHaveLength(5 + 134);
    same(strings, roundTrip(strings));
    // Smaller than the objects cloned key by key.
    expect(serialize(p).length).toBeLessThan(serialize(strings).length / 2);
  });

  it('keeps facts of more than 255 shapes (as objects)', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ value: String(i), kind: 'literal', [`k${i}`]: i }) as unknown as StringFact);
    const p = packStrings(many);
    expect(p.shapes).toHaveLength(255);
    expect(p.others).toHaveLength(45);
    same(many, roundTrip(many));
  });

  it('keeps more than 255 kinds (as objects) and the rest of the facts', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ value: String(i), kind: `k${i}`, line: i, column: 1 }) as unknown as StringFact);
    same(many, roundTrip(many));
    const facts = emptyFacts('a.js', 'js', true);
    facts.strings.push({ value: 'q', kind: 'literal', line: 1, column: 1, endLine: 1, endColumn: 2 });
    facts.meta.vendorBuild = 'agora';
    const back = unpackFacts(deserialize(serialize(packFacts(facts))));
    expect(back).toEqual(facts);
    expect(Object.keys(back)).toEqual(Object.keys(facts));
  });
});
