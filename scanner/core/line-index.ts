/**
 * Offsets → 1-based lines and columns by binary search over line starts, computed once per text. Languages differ in
 * what ends a line: JS also counts `\r` alone, U+2028 and U+2029; the source readers count `\n` (which `\r\n` ends with).
 */
export class LineIndex {
  readonly starts: number[] = [0];

  constructor(text: string, terminators: RegExp = /\n/g) {
    if (!terminators.global) throw new Error('LineIndex needs a global terminator pattern');
    terminators.lastIndex = 0;
    for (let m = terminators.exec(text); m; m = terminators.exec(text)) this.starts.push(m.index + m[0].length);
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
