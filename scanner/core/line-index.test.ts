import { describe, expect, it } from 'vitest';
import { JS_LINE_TERMINATORS, LineIndex } from './line-index.js';

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
});
