// Tokenizer for the C-family source languages rtcscan reads as code (Java, Kotlin, Swift, Objective-C, Dart). It
// knows only what the structural pass needs: identifiers, numbers, punctuation, and strings with their cooked
// value — including Kotlin/Dart `$name` / `${expr}` and Swift `\(expr)` templates (holes are token lists of their
// own), raw strings (Dart `r'…'`, Swift `#"…"#`), multi-line strings (`"""`, `'''`) and Objective-C `@"…"`.
// Comments (nested block comments in Kotlin, Swift and Dart) are skipped. Every loop advances, so time is linear in
// the input; hole nesting and the token count are bounded, so memory is too.

export type Lang = 'java' | 'kotlin' | 'swift' | 'objc' | 'dart';

export interface Token {
  /** `id` identifier or keyword, `num` number, `str` string (cooked `v`, template `parts`), `op` punctuation. */
  k: 'id' | 'num' | 'str' | 'op';
  v: string;
  /** Offset of the token's first character in the text, and just after its last. */
  at: number;
  e: number;
  /** A line break precedes the token (statement ends in Kotlin, Swift). */
  nl?: true;
  /** String templates: literal runs and holes (the tokens of `${expr}` / `\(expr)` / `$name`). */
  parts?: Array<string | Token[]>;
}

export interface LexResult {
  tokens: Token[];
  /** True when the token limit cut the text short. */
  truncated: boolean;
  /** Comments outside strings, in text order: `[start, end)` offsets (a line comment ends before its line break). */
  comments: Array<[number, number]>;
}

const MAX_HOLE_DEPTH = 6;
/** Three-character and two-character operators the structural pass looks at as one token. */
const OPS3 = new Set(['===', '!==', '...', '..<', '?.(', '>>>', '<<=', '>>=']);
const OPS2 = new Set(['==', '!=', '<=', '>=', '&&', '||', '->', '=>', '::', '?.', '!!', '++', '--', '+=', '-=', '*=', '/=', '?:', '??', '..', '<<']);

const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

class Lexer {
  pos = 0;
  count = 0;
  truncated = false;
  readonly comments: Array<[number, number]> = [];

  constructor(
    readonly text: string,
    readonly lang: Lang,
    readonly maxTokens: number,
  ) {}

  private lastEnd = 0;
  /** The first line break at or after `nlFrom` (cached: offsets only grow, so the search is linear overall). */
  private nlFrom = -1;
  private nlAt = -1;

  private newlineBetween(from: number, to: number): boolean {
    if (this.nlFrom < 0 || from < this.nlFrom || (this.nlAt >= 0 && this.nlAt < from)) {
      this.nlFrom = from;
      this.nlAt = this.text.indexOf('\n', from);
    }
    return this.nlAt >= 0 && this.nlAt < to;
  }

  private push(out: Token[], t: Token): void {
    if (this.count >= this.maxTokens) {
      this.truncated = true;
      this.pos = this.text.length;
      return;
    }
    this.count++;
    t.e = this.pos;
    if (out.length && this.newlineBetween(this.lastEnd, t.at)) t.nl = true;
    this.lastEnd = this.pos;
    out.push(t);
  }

  /**
   * Tokens up to the end of the text, or — inside a template hole — up to the hole's closing `}` (Kotlin, Dart) or
   * `)` (Swift) at nesting depth 0, which is consumed.
   */
  lex(close: '}' | ')' | undefined, depth: number): Token[] {
    const out: Token[] = [];
    const t = this.text;
    let nest = 0;
    while (this.pos < t.length) {
      const start = this.pos;
      const c = t.charCodeAt(start);
      // whitespace
      if (c <= 32) {
        this.pos++;
        continue;
      }
      // comments
      if (c === 47 /* / */) {
        const n = t.charCodeAt(start + 1);
        if (n === 47) {
          const e = t.indexOf('\n', start);
          this.pos = e < 0 ? t.length : e;
          if (depth === 0) this.comments.push([start, this.pos]);
          continue;
        }
        if (n === 42) {
          this.skipBlockComment();
          if (depth === 0) this.comments.push([start, this.pos]);
          continue;
        }
      }
      if (close && nest === 0 && t[start] === close) {
        this.pos++;
        return out;
      }
      // strings
      const str = this.tryString(depth);
      if (str) {
        this.push(out, str);
        continue;
      }
      if (isIdStart(c)) {
        let e = start + 1;
        while (e < t.length && isIdPart(t.charCodeAt(e))) e++;
        this.pos = e;
        this.push(out, { k: 'id', v: t.slice(start, e), at: start, e });
        continue;
      }
      if (isDigit(c) || (c === 46 && isDigit(t.charCodeAt(start + 1)))) {
        let e = start + 1;
        while (e < t.length) {
          const d = t.charCodeAt(e);
          if (isIdPart(d) || d === 46) {
            // `1..5` (a range) is not a number with two dots
            if (d === 46 && t.charCodeAt(e + 1) === 46) break;
            e++;
          } else if ((d === 43 || d === 45) && /[eE]/.test(t[e - 1]!) && !/^0[xX]/.test(t.slice(start, e))) e++;
          else break;
        }
        this.pos = e;
        this.push(out, { k: 'num', v: t.slice(start, e), at: start, e });
        continue;
      }
      const three = t.slice(start, start + 3);
      const two = t.slice(start, start + 2);
      const op = OPS3.has(three) ? three : OPS2.has(two) ? two : t[start]!;
      this.pos = start + op.length;
      if (close) {
        if (op === '{' || op === '(') nest++;
        else if (op === '}' || op === ')') nest--;
      }
      this.push(out, { k: 'op', v: op, at: start, e: this.pos });
    }
    return out;
  }

  /** `/* … *\/`, nested in Kotlin, Swift and Dart; an unterminated comment runs to the end. */
  private skipBlockComment(): void {
    const t = this.text;
    const nests = this.lang === 'kotlin' || this.lang === 'swift' || this.lang === 'dart';
    let depth = 0;
    let i = this.pos;
    while (i < t.length) {
      if (t.charCodeAt(i) === 47 && t.charCodeAt(i + 1) === 42) {
        depth++;
        i += 2;
        if (!nests && depth > 1) depth = 1;
      } else if (t.charCodeAt(i) === 42 && t.charCodeAt(i + 1) === 47) {
        depth--;
        i += 2;
        if (depth <= 0) break;
      } else i++;
    }
    this.pos = Math.min(i, t.length);
  }

  /** A string literal starting at `pos`, or undefined. */
  private tryString(depth: number): Token | undefined {
    const t = this.text;
    const at = this.pos;
    let i = at;
    let raw = false;
    let hashes = 0;
    const lang = this.lang;
    if (lang === 'objc' && t[i] === '@' && t[i + 1] === '"') i++;
    else if (lang === 'dart' && t[i] === 'r' && (t[i + 1] === '"' || t[i + 1] === "'")) {
      raw = true;
      i++;
    } else if (lang === 'swift' && t[i] === '#') {
      let j = i;
      while (t[j] === '#') j++;
      if (t[j] !== '"') return undefined;
      hashes = j - i;
      raw = true;
      i = j;
    }
    const q = t[i];
    if (q !== '"' && !(q === "'" && (lang === 'dart' || lang === 'java' || lang === 'kotlin' || lang === 'objc'))) return undefined;
    // Java, Kotlin, ObjC: '…' is a character literal (one char or one escape).
    const charLiteral = q === "'" && lang !== 'dart';
    const triple = !charLiteral && t[i + 1] === q && t[i + 2] === q && (lang !== 'objc');
    const delim = triple ? q.repeat(3) : q;
    i += delim.length;
    // Java text blocks and Kotlin raw strings (`"""`) take no escapes; Kotlin's still take `$` templates.
    const escapes = !raw && !(triple && lang === 'kotlin');
    const templates = !raw && !charLiteral && (lang === 'kotlin' || lang === 'dart' || lang === 'swift');
    const closeSeq = delim + '#'.repeat(hashes);
    const parts: Array<string | Token[]> = [];
    let buf = '';
    while (i < t.length) {
      if (t.startsWith(closeSeq, i)) {
        i += closeSeq.length;
        this.pos = i;
        if (buf || !parts.length) parts.push(buf);
        const tok: Token = { k: 'str', v: parts.every((p) => typeof p === 'string') ? parts.join('') : '', at, e: i };
        if (parts.some((p) => typeof p !== 'string')) tok.parts = parts;
        return tok;
      }
      const ch = t[i]!;
      // A single-line string ends at the line's end: an unterminated literal is closed there.
      if (!triple && ch === '\n') break;
      if (escapes && ch === '\\' && i + 1 < t.length) {
        const n = t[i + 1]!;
        if (lang === 'swift' && n === '(' && templates) {
          i = this.hole(parts, buf, i + 2, ')', depth);
          buf = '';
          continue;
        }
        buf += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === '0' ? '\0' : n;
        i += 2;
        continue;
      }
      if (templates && lang !== 'swift' && ch === '$') {
        if (t[i + 1] === '{') {
          i = this.hole(parts, buf, i + 2, '}', depth);
          buf = '';
          continue;
        }
        if (isIdStart(t.charCodeAt(i + 1)) && t[i + 1] !== '$') {
          let e = i + 2;
          while (e < t.length && isIdPart(t.charCodeAt(e)) && t[e] !== '$') e++;
          if (buf) parts.push(buf);
          parts.push([{ k: 'id', v: t.slice(i + 1, e), at: i + 1, e }]);
          buf = '';
          i = e;
          continue;
        }
      }
      buf += ch;
      i++;
    }
    // Unterminated: what was read is the string; lexing goes on after it.
    this.pos = i;
    if (buf || !parts.length) parts.push(buf);
    const tok: Token = { k: 'str', v: parts.every((p) => typeof p === 'string') ? parts.join('') : '', at, e: i };
    if (parts.some((p) => typeof p !== 'string')) tok.parts = parts;
    return tok;
  }

  /** Lexes a template hole from `from` to its closing delimiter; returns the index after it. */
  private hole(parts: Array<string | Token[]>, buf: string, from: number, close: '}' | ')', depth: number): number {
    if (buf) parts.push(buf);
    if (depth >= MAX_HOLE_DEPTH) {
      // Too deep: the hole is skipped by bracket counting and stays an opaque value.
      let nest = 0;
      let i = from;
      const open = close === '}' ? '{' : '(';
      for (; i < this.text.length; i++) {
        const ch = this.text[i];
        if (ch === open) nest++;
        else if (ch === close && nest-- === 0) break;
      }
      parts.push([]);
      return Math.min(i + 1, this.text.length);
    }
    const saved = this.pos;
    this.pos = from;
    const tokens = this.lex(close, depth + 1);
    parts.push(tokens);
    const end = this.pos;
    this.pos = saved;
    return end;
  }
}

/** Tokens of `text` in language `lang`, at most `maxTokens` (holes included). */
export function lex(text: string, lang: Lang, maxTokens = 2_000_000): LexResult {
  const l = new Lexer(text, lang, maxTokens);
  const tokens = l.lex(undefined, 0);
  return { tokens, truncated: l.truncated, comments: l.comments };
}
