// A quick outline for files recognised as a vendor's own build (builds.ts): one character loop, no token objects,
// yields what the reader keeps of such a file — string literals and template chunks (cooked, placed exactly where
// Babel and outline.ts place them), comments, the top-level `{…}` spans (a wrapper's factory body) and the nested
// ones spanning over half the text (a factory inside an outer wrapper), `require("x")` calls and inlined
// package.json objects. No names, no other nested bodies: nothing in such a file is parsed or blanked selectively. js-tokens makes an object per token and runs a regex alternation for each; this loop skips names,
// numbers and punctuation at the cost of a character test (measured in the README's benchmark section).
// Returns undefined for anything it cannot read confidently (unterminated literal, unbalanced braces): the
// reader then takes the full outline.
import { JS_LINE_TERMINATORS, LineIndex } from '../../core/line-index.js';
import { cook } from './cook.js';
import type { FnBody, InlinedPackage, Outline, TokenCall } from './outline.js';
import type { RawString } from './strings.js';

/** Nested `{…}` spans are kept down to this depth (a build's shim inside an outer wrapper, builds.ts). */
const NESTED_DEPTH = 3;
/** Words after which `/` starts a regular expression, not a division. */
const REGEX_AFTER = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const REQUIRE_CALL = /\b(require|__require|__webpack_require__)\(\s*(["'])([^"'\\\n]{1,214})\2\s*\)/g;
const PACKAGE_JSON = /[{,]\s*["']?name["']?\s*:\s*"((?:@[\w.~-]+\/)?[\w.~-]+)"\s*,\s*["']?version["']?\s*:\s*"(\d+\.\d+\.\d+(?:[-+][\w.-]+)?)"\s*[,}]/g;

const enum Prev {
  /** After an operator, `(`, `[`, `{`, `,`, `;`, start: `/` starts a regex. */
  Operator,
  /** After a name, number, literal, `)`, `]`, `}`: `/` divides (unless the name is a keyword above). */
  Value,
}

/** 1 for the ASCII characters of names and numbers (`$`, `_`, letters, digits). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95 ? 1 : 0;

function isWordChar(c: number): boolean {
  return c > 127 || WORD[c] === 1;
}

/**
 * `prefix`: the text is the start of a file: a top-level `{` still open at its end is kept as a body with
 * `close: -1` instead of making the text unreadable (builds.ts asks where a wrapper's factory body opens).
 */
export function quickOutline(code: string, prefix = false): Outline | undefined {
  // A `#!` line is no token (Babel and js-tokens skip it too).
  const from = code.startsWith('#!') ? Math.max(0, code.search(/[\n\r\u2028\u2029]/)) : 0;
  if (code.startsWith('#!') && from === 0) return { strings: [], bodies: [], calls: [], packages: [], unbalanced: 0, data: [], shells: [] };
  const q = new QuickOutliner(code, prefix);
  return q.scan(from) ? q.finish() : undefined;
}

/**
 * The quick outline's state, one object per text, with the character loop and the rest in methods. Not one function
 * with closures: V8 specialised the loop's optimised code to the first text's closures (a `wrong call target`
 * deoptimisation on the next) and recompiled all of it (~0.3–0.4 s of TurboFan each under load) when the code after
 * the loop first ran; methods are compiled one by one.
 */
class QuickOutliner {
  readonly strings: RawString[] = [];
  readonly bodies: FnBody[] = [];
  readonly n: number;
  // Line starts found once by a regex (native, several times faster than a character loop here); strings come in
  // order, so a cursor moves forward through them.
  readonly lines: LineIndex;
  readonly starts: readonly number[];
  cursor = 0;
  // Brace stack: 1 for a template's `${`, 0 for a plain `{` (numbers, not booleans: one element kind from the
  // start); top-level `{` offsets for the spans.
  readonly braces: number[] = [];
  topOpen = -1;
  // Where the `{` at depth 1 and 2 (below a top-level one) opened; such a span is kept when over half the text.
  readonly innerOpen = [-1, -1, -1];
  readonly inner: { open: number; close: number; depth: number }[] = [];

  constructor(
    readonly code: string,
    readonly prefix: boolean,
  ) {
    this.n = code.length;
    this.lines = new LineIndex(code, JS_LINE_TERMINATORS);
    this.starts = this.lines.starts;
  }

  lineAt(offset: number): number {
    const starts = this.starts;
    if (offset < starts[this.cursor]!) return this.lines.lineOf(offset) - 1;
    while (this.cursor + 1 < starts.length && starts[this.cursor + 1]! <= offset) this.cursor++;
    return this.cursor;
  }

  push(value: string, kind: RawString['kind'], start: number, end: number): void {
    const l = this.lineAt(start);
    const c = start - this.starts[l]!;
    const e = this.lineAt(end);
    this.strings.push({ value, kind, start, end, line: l + 1, column: c, endLine: e + 1, endColumn: end - this.starts[e]! });
  }

  /** A template chunk from `from` (just after "`" or "}") to its end; returns the index after it. */
  template(tokenStart: number, from: number): number {
    const { code, n } = this;
    let k = from;
    for (;;) {
      if (k >= n) return -1;
      const c = code.charCodeAt(k);
      if (c === 92) k += 2;
      else if (c === 96) {
        this.chunk(tokenStart, from, k);
        return k + 1;
      } else if (c === 36 && code.charCodeAt(k + 1) === 123) {
        this.chunk(tokenStart, from, k);
        this.braces.push(1);
        return k + 2;
      } else k++;
    }
  }

  chunk(tokenStart: number, from: number, to: number): void {
    const cooked = cook(this.code.slice(from, to), true);
    // Babel reports empty template chunks as nothing (outline.ts does the same).
    if (cooked !== undefined && cooked !== '') this.push(cooked, 'literal', tokenStart + 1, to);
  }

  /** The character loop from `i`; false for what it cannot read confidently. */
  scan(i: number): boolean {
    const { code, n, braces, innerOpen, inner, bodies, prefix } = this;
    let prev = Prev.Operator;
    let wordStart = -1;
    let wordEnd = -1;
    while (i < n) {
      const c = code.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      if (c === 34 || c === 39) {
        // String literal: to the matching quote, escapes skipped; a raw line break ends it (broken input).
        let k = i + 1;
        let escaped = false;
        for (;;) {
          if (k >= n) return false;
          const d = code.charCodeAt(k);
          if (d === c) break;
          if (d === 92) {
            escaped = true;
            k += 2;
          } else if (d === 10 || d === 13) return false;
          else k++;
        }
        const inner = code.slice(i + 1, k);
        const value = escaped ? cook(inner, false) : inner;
        if (value !== undefined) this.push(value, 'literal', i, k + 1);
        i = k + 1;
        prev = Prev.Value;
        continue;
      }
      if (c === 96) {
        const next = this.template(i, i + 1);
        if (next < 0) return false;
        i = next;
        prev = Prev.Value;
        continue;
      }
      if (c === 47) {
        const d = code.charCodeAt(i + 1);
        if (d === 47) {
          let e = i + 2;
          while (e < n) {
            const x = code.charCodeAt(e);
            if (x === 10 || x === 13 || x === 0x2028 || x === 0x2029) break;
            e++;
          }
          const v = code.slice(i + 2, e).trim();
          if (v) this.push(v, 'comment', i, e);
          i = e;
          continue;
        }
        if (d === 42) {
          const e = code.indexOf('*/', i + 2);
          if (e < 0) return false;
          const v = code.slice(i + 2, e).trim();
          if (v) this.push(v, 'comment', i, e + 2);
          i = e + 2;
          continue;
        }
        const regex = prev === Prev.Operator || (wordEnd >= 0 && REGEX_AFTER.has(code.slice(wordStart, wordEnd)));
        if (regex) {
          let k = i + 1;
          let cls = false;
          for (;;) {
            if (k >= n) return false;
            const x = code.charCodeAt(k);
            if (x === 92) k += 2;
            else if (x === 10 || x === 13) return false;
            else {
              if (x === 91) cls = true;
              else if (x === 93) cls = false;
              else if (x === 47 && !cls) break;
              k++;
            }
          }
          k++;
          while (k < n && isWordChar(code.charCodeAt(k))) k++;
          i = k;
          prev = Prev.Value;
          wordEnd = -1;
          continue;
        }
        i++;
        prev = Prev.Operator;
        wordEnd = -1;
        continue;
      }
      if (isWordChar(c)) {
        let k = i + 1;
        // `.5`/`1.5e+3` are read as several pieces; only the last piece's kind matters (a value).
        while (k < n && isWordChar(code.charCodeAt(k))) k++;
        wordStart = i;
        wordEnd = k;
        i = k;
        prev = Prev.Value;
        continue;
      }
      wordEnd = -1;
      if (c === 123) {
        if (!braces.length) this.topOpen = i;
        else if (braces.length < NESTED_DEPTH) innerOpen[braces.length] = i;
        braces.push(0);
        prev = Prev.Operator;
        i++;
        continue;
      }
      if (c === 125) {
        if (!braces.length) return false;
        if (braces.pop()) {
          // The end of a `${…}`: the template goes on.
          const next = this.template(i, i + 1);
          if (next < 0) return false;
          i = next;
          prev = Prev.Value;
          continue;
        }
        if (!braces.length) bodies.push({ open: this.topOpen, close: i, parent: -1, line: 0, column: 0 });
        else if (!prefix && braces.length < NESTED_DEPTH && 2 * (i - innerOpen[braces.length]!) > n) inner.push({ open: innerOpen[braces.length]!, close: i, depth: braces.length });
        // After `}` a division is rarer than a regex at a statement start; minified builds have neither often.
        prev = Prev.Value;
        i++;
        continue;
      }
      // `)` and `]` end values; every other punctuator is an operator.
      prev = c === 41 || c === 93 ? Prev.Value : Prev.Operator;
      i++;
    }
    return true;
  }

  /** The spans left open (a prefix), the nested spans, positions, `require` calls and inlined package.json objects. */
  finish(): Outline | undefined {
    const { code, braces, innerOpen, inner, bodies, lines, prefix, strings, topOpen } = this;
    if (braces.length) {
      if (!prefix || braces[0]) return undefined;
      bodies.push({ open: topOpen, close: -1, parent: -1, line: 0, column: 0 });
      for (let d = 1; d < Math.min(braces.length, NESTED_DEPTH) && !braces[d]; d++) inner.push({ open: innerOpen[d]!, close: -1, depth: d });
    }
    // At most one span per depth holds over half the text: each nests in the one a level up (bodies stay in `{` order).
    if (inner.length) {
      inner.sort((a, b) => a.depth - b.depth);
      let parent = bodies.findIndex((b) => b.open < inner[0]!.open && (b.close < 0 || b.close > inner[0]!.open));
      for (const x of inner) {
        if (parent < 0) break;
        bodies.splice(parent + 1, 0, { open: x.open, close: x.close, parent, line: 0, column: 0 });
        parent++;
      }
    }
    for (const b of bodies) {
      b.line = lines.lineOf(b.open);
      b.column = b.open - lines.startOf(b.line) + 1;
    }
    const calls: TokenCall[] = [];
    for (const m of code.matchAll(REQUIRE_CALL)) {
      const l = lines.lineOf(m.index!);
      calls.push({ callee: m[1]!, start: m.index!, arg: { kind: 'string', value: m[3]! }, line: l, column: m.index! - lines.startOf(l) });
    }
    const packages: InlinedPackage[] = [];
    for (const m of code.matchAll(PACKAGE_JSON)) {
      const l = lines.lineOf(m.index!);
      packages.push({ name: m[1]!, version: m[2]!, start: m.index!, line: l, column: m.index! - lines.startOf(l) });
    }
    return { strings, bodies, calls, packages, unbalanced: 0, data: [], shells: [] };
  }
}
