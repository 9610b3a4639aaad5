/**
 * Offsets → 1-based lines and columns by binary search over line starts, computed once per text. Languages differ in
 * what ends a line: JS also counts `\r` alone, U+2028 and U+2029; the source readers count `\n` (which `\r\n` ends with).
 */
export class LineIndex {
  readonly starts: number[];

  constructor(text: string, terminators: RegExp = NEWLINE) {
    this.starts = lineStarts(text, terminators);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  startOf(line: number): number {
    return this.starts[line - 1]!;
  }

  at(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}

/** What ends a line in JavaScript (ECMA-262 LineTerminatorSequence). */
export const JS_LINE_TERMINATORS = /\r\n?|[\n\u2028\u2029]/g;

const NEWLINE = /\n/g;

/**
 * Where each line of `text` starts (0 first): after each match of `terminators`, a global pattern. The default (`\n`)
 * and JS_LINE_TERMINATORS on a text whose only breaks are `\n` (most scripts: `includes` finds no other) are found by
 * `indexOf`, which skips to each `\n` without making a match array per line (the quick outline's line index of
 * the benchmark IPA's vendor builds was ~60 ms of the script lane's worker by the regular expression).
 */
export function lineStarts(text: string, terminators: RegExp = NEWLINE): number[] {
  if (!terminators.global) throw new Error('LineIndex needs a global terminator pattern');
  const starts = [0];
  const onlyNewlines = terminators === NEWLINE || (terminators === JS_LINE_TERMINATORS && !text.includes('\r') && !text.includes('\u2028') && !text.includes('\u2029'));
  if (onlyNewlines) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  terminators.lastIndex = 0;
  for (let m = terminators.exec(text); m; m = terminators.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}
