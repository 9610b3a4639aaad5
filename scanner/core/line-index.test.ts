import { describe, expect, it } from 'vitest';
import { JS_LINE_TERMINATORS, LineIndex, lineStarts } from './line-index.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns across every JS line terminator', () => {
    const text = 'a\nb\r\nc\rd\u2028e\u2029f';
    const lines = new LineIndex(text, JS_LINE_TERMINATORS);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((ch) => lines.lineOf(text.indexOf(ch)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines.at(text.indexOf('c'))).toEqual({ line: 3, column: 1 });
    expect(lines.startOf(4)).toBe(text.indexOf('d'));
  });

  it('counts only \\n by default (the source readers), so \\r\\n ends one line and a lone \\r none', () => {
    const text = 'ab\r\ncd\ref';
    const lines = new LineIndex(text);
    expect(lines.at(text.indexOf('c'))).toEqual({ line: 2, column: 1 });
    expect(lines.at(text.indexOf('e'))).toEqual({ line: 2, column: 4 });
  });

  it('is not confused by a shared pattern used before (lastIndex reset)', () => {
    JS_LINE_TERMINATORS.lastIndex = 5;
    expect(new LineIndex('x\ny', JS_LINE_TERMINATORS).lineOf(2)).toBe(2);
  });

  it('finds the line starts every match of the pattern gives, by indexOf or by the pattern', () => {
    const byPattern = (text: string, re: RegExp) => [0, ...[...text.matchAll(new RegExp(re.source, 'g'))].map((m) => m.index + m[0].length)];
    // Deterministic texts from every break and a few other characters (one-byte and two-byte strings).
    const parts = ['a', ' ', '\n', '\r', '\r\n', '\u2028', '\u2029', 'é', '\n\n'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const texts = ['', '\n', 'x', 'a\nb\nc', 'no break', '\n\n\n', 'a\n', '\r', 'a\r\nb'];
    for (let n = 0; n < 400; n++) texts.push(Array.from({ length: next() % 40 }, () => parts[next() % parts.length]).join(''));
    // Only \n breaks (the indexOf path for both patterns), then any breaks.
    for (const text of [...texts.map((t) => t.replace(/[\r\u2028\u2029]/g, '')), ...texts]) {
      expect(lineStarts(text, JS_LINE_TERMINATORS), JSON.stringify(text)).toEqual(byPattern(text, JS_LINE_TERMINATORS));
      expect(lineStarts(text), JSON.stringify(text)).toEqual(byPattern(text, /\n/g));
      expect(new LineIndex(text, JS_LINE_TERMINATORS).starts).toEqual(byPattern(text, JS_LINE_TERMINATORS));
    }
    // Another pattern goes by its matches.
    expect(lineStarts('a;b;;c', /;/g)).toEqual([0, 2, 4, 5]);
    expect(() => lineStarts('a', /\n/)).toThrow(/global/);
  });
});
