// A JavaScript tokenizer that reads tokens exactly as js-tokens 9 does (without JSX) but makes no object per
// token: one scanner object is advanced with next() and exposes the current token's type, offsets, `closed` flag
// and line/column. js-tokens runs a sticky regular expression alternation per token, allocates a token object and
// a match array each time and is consumed as a generator: it was half of the outline's time and most of its
// garbage on large bundles (README, benchmark section). Regex-or-division is decided by js-tokens' own rules (the
// last significant token, brace and parenthesis context), so the token stream is the same, which
// test/js/tokens.test.ts checks against js-tokens on real files and on mutated ones. Rare shapes (non-ASCII names,
// numbers other than plain integers) use js-tokens' own regular expressions at that position.

export type TokenType =
  | 'Punctuator'
  | 'IdentifierName'
  | 'PrivateIdentifier'
  | 'StringLiteral'
  | 'NoSubstitutionTemplate'
  | 'TemplateHead'
  | 'TemplateMiddle'
  | 'TemplateTail'
  | 'NumericLiteral'
  | 'RegularExpressionLiteral'
  | 'SingleLineComment'
  | 'MultiLineComment'
  | 'HashbangComment'
  | 'Invalid';

/**
 * The token types as small integers (`JsScanner.kind`), for hot loops that branch on the type per token (the
 * outline): a number compares in one instruction, a type string may not.
 */
export const enum TokenKind {
  None = 0,
  Punctuator,
  IdentifierName,
  PrivateIdentifier,
  StringLiteral,
  NoSubstitutionTemplate,
  TemplateHead,
  TemplateMiddle,
  TemplateTail,
  NumericLiteral,
  RegularExpressionLiteral,
  SingleLineComment,
  MultiLineComment,
  HashbangComment,
  Invalid,
}


/**
 * A punctuator's text as one number (its ASCII codes, 7 bits each, first character lowest): `punctCode('=>')`
 * equals `JsScanner.punct` after that token. Punctuators are at most 4 characters (`>>>=`).
 */
export function punctCode(text: string): number {
  let p = 0;
  for (let k = text.length - 1; k >= 0; k--) p = (p << 7) | text.charCodeAt(k);
  return p;
}

// js-tokens 9's expressions, used where the character loops below leave a case to them (same semantics).
const IDENTIFIER = /(\x23?)(?=[$_\p{ID_Start}\\])(?:[$_\u200C\u200D\p{ID_Continue}]+|\\u[\da-fA-F]{4}|\\u\{[\da-fA-F]+\})+/uy;
const NUMERIC =
  /(?:0[xX][\da-fA-F](?:_?[\da-fA-F])*|0[oO][0-7](?:_?[0-7])*|0[bB][01](?:_?[01])*)n?|0n|[1-9](?:_?\d)*n|(?:(?:0(?!\d)|0\d*[89]\d*|[1-9](?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|0[0-7]+/y;
const ID_CONTINUE = /[$_\u200C\u200D\p{ID_Continue}]/u;
const WHITE_SPACE = /[\t\v\f\ufeff\p{Zs}]/u;
// js-tokens' keyword sets, as flags of a word (KEYWORD_FLAGS): KeywordsWithExpressionAfter, KeywordsWithNoLineTerminatorAfter, the
// keywords whose `(` opens a non-expression parenthesis, and `else` (TokensNotPrecedingObjectLiteral).
const KW_EXPRESSION_AFTER = 1; // await case default delete do else instanceof new return throw typeof void yield
const KW_NO_LINE_TERMINATOR_AFTER = 2; // return throw yield
const KW_NON_EXPRESSION_PAREN = 4; // for if while with
const KW_ELSE = 8;

/**
 * The words the outline and js-tokens' rules ask about, by number (`JsScanner.kw`, keywordId): a name's word is
 * found by comparing its characters in the text, so no name of the bundle is sliced into a string of its own or
 * hashed (most names of a minified bundle are one or two letters, which no keyword is).
 */
export const KEYWORD_WORDS =
  'break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof new return super switch this throw try typeof var void while with yield let static await async of get set'.split(
    ' ',
  );
/** A keyword's number (1-based index in KEYWORD_WORDS), as `JsScanner.kw` gives it; 0 for any other word. */
export function keywordId(word: string): number {
  return KEYWORD_WORDS.indexOf(word) + 1;
}
const KEYWORD_FLAGS = new Uint8Array(KEYWORD_WORDS.length + 1);
for (const w of 'await case default delete do else instanceof new return throw typeof void yield'.split(' ')) KEYWORD_FLAGS[keywordId(w)]! |= KW_EXPRESSION_AFTER;
for (const w of ['return', 'throw', 'yield']) KEYWORD_FLAGS[keywordId(w)]! |= KW_NO_LINE_TERMINATOR_AFTER;
for (const w of ['for', 'if', 'while', 'with']) KEYWORD_FLAGS[keywordId(w)]! |= KW_NON_EXPRESSION_PAREN;
KEYWORD_FLAGS[keywordId('else')]! |= KW_ELSE;
/** Keyword numbers by length (2–10) and first letter (a–y): the candidates a word is compared with. */
const KEYWORDS_AT: number[][] = [];
for (const [k, w] of KEYWORD_WORDS.entries()) (KEYWORDS_AT[w.length * 32 + w.charCodeAt(0) - 97] ??= []).push(k + 1);

/** The keyword number of the text `[i, end)`, or 0: its characters compared in place. */
export function keywordAt(code: string, i: number, end: number): number {
  const len = end - i;
  if (len < 2 || len > 10) return 0;
  const c = code.charCodeAt(i);
  if (c < 97 || c > 121) return 0;
  const candidates = KEYWORDS_AT[len * 32 + c - 97];
  if (candidates === undefined) return 0;
  for (let m = 0; m < candidates.length; m++) {
    const id = candidates[m]!;
    const w = KEYWORD_WORDS[id - 1]!;
    let k = 1;
    while (k < len && code.charCodeAt(i + k) === w.charCodeAt(k)) k++;
    if (k === len) return id;
  }
  return 0;
}

/** Characters a last significant token may end with for a following `/` to start a regex (js-tokens' set). */
const EXPRESSION_BEFORE = new Uint8Array(128);
for (const c of '{}([,;<>=*%&|^!~?:') EXPRESSION_BEFORE[c.charCodeAt(0)] = 1;

/** Characters that are a punctuator of one character whatever follows them (punctuatorLength gives 1). */
const SINGLE_PUNCTUATOR = new Uint8Array(128);
for (const c of '()[]{},;:~') SINGLE_PUNCTUATOR[c.charCodeAt(0)] = 1;
/** The other characters that start a punctuator (`/` apart: the caller decides it), of one character or more. */
const PUNCTUATOR_START = new Uint8Array(128);
for (const c of '.=!?&|+-<>*%^') PUNCTUATOR_START[c.charCodeAt(0)] = 1;
/** Every character that is the second of a punctuator starting with one of those (or a `.`'s digit, tested apart). */
const PUNCTUATOR_FOLLOW = new Uint8Array(128);
for (const c of '=>.?&|+-<*') PUNCTUATOR_FOLLOW[c.charCodeAt(0)] = 1;
/** A one-character punctuator after which a `/` starts a regex (EXPRESSION_BEFORE, and `/`, `+`, `-`). */
const PUNCTUATOR_EXPRESSION = EXPRESSION_BEFORE.slice();
for (const c of '/+-') PUNCTUATOR_EXPRESSION[c.charCodeAt(0)] = 1;
/** A one-character punctuator after which `{` is not an object literal (js-tokens' TokensNotPrecedingObjectLiteral). */
const PUNCTUATOR_NOT_OBJECT = new Uint8Array(128);
for (const c of ';])}{') PUNCTUATOR_NOT_OBJECT[c.charCodeAt(0)] = 1;

// The last significant token is kept as what js-tokens' tests ask of it, computed once when it is set.
const enum Last {
  /** Any other token. */
  Other = 0,
  /** `.` or `?.`: a following `for`/`if`/`while`/`with` is a property name. */
  Dot = 1,
  /** `for`, `if`, `while`, `with`: the next `(` opens a non-expression parenthesis. */
  NonExpressionParenKeyword = 2,
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** ASCII characters of names: ID_START for `$`, `_` and letters, ID_PART for digits, 0 for the others. */
const ID_START = 1;
const ID_PART = 2;
const ASCII_ID = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_ID[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95 ? ID_START : c >= 48 && c <= 57 ? ID_PART : 0;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95;
}

function isAsciiIdPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface Mode {
  /** 0: plain code, 1: inside a `for`/`if`/`while`/`with` parenthesis, 2: inside a template's `${…}`. */
  tag: 0 | 1 | 2;
  nesting: number;
}

export class JsScanner {
  type: TokenType = 'Invalid';
  /** The type as a number (TokenKind). */
  kind: TokenKind = TokenKind.Invalid;
  /** A punctuator's text as punctCode gives it; 0 for any other token. */
  punct = 0;
  start = 0;
  end = 0;
  /** Strings, templates, regexes and block comments: the closing delimiter is present. */
  closed = true;
  /** 1-based line and 0-based column of the token's start. */
  line = 1;
  column = 0;
  /** Line and line-start offset after the token (lines end at `\r\n`, `\n`, `\r`, U+2028, U+2029). */
  endLine = 1;
  lineStart = 0;

  /** An IdentifierName's keyword number (keywordAt), 0 for other words and other tokens. */
  kw = 0;

  private pos = 0;
  private readonly n: number;
  private readonly stack: Mode[] = [{ tag: 0, nesting: 0 }];
  private readonly braces: boolean[] = [];
  private parenNesting = 0;
  private postfixIncDec = false;
  // The last significant token, as js-tokens' tests see it.
  private lastExpression = true; // TokensPrecedingExpression or KeywordsWithExpressionAfter
  private lastNotObject = true; // TokensNotPrecedingObjectLiteral
  private lastNoLineTerminator = false; // return, throw, yield
  private lastKind: Last = Last.Other;

  constructor(private readonly code: string) {
    this.n = code.length;
    if (code.charCodeAt(0) === 35 && code.charCodeAt(1) === 33) this.pos = -1; // a `#!` line comes first
  }

  /** Advances to the next significant token or comment (whitespace and line breaks are skipped); false at the end. */
  next(): boolean {
    const code = this.code;
    const n = this.n;
    if (this.pos < 0) {
      let e = 2;
      while (e < n && !isLineTerminator(code.charCodeAt(e))) e++;
      this.pos = e;
      return this.emit('HashbangComment', TokenKind.HashbangComment, 0, e, true);
    }
    for (;;) {
      const i = this.pos;
      if (i >= n) return false;
      const c = code.charCodeAt(i);
      // Whitespace and line breaks (checked first: they are most tokens; no other token starts with them).
      if (c === 32 || c === 9 || c === 11 || c === 12) {
        this.pos = i + 1;
        continue;
      }
      if (c === 10 || c === 13) {
        this.pos = c === 13 && code.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        this.newLine(this.pos);
        continue;
      }
      if (c === 47 /* / */) {
        const d = code.charCodeAt(i + 1);
        if (this.lastExpression && d !== 42 && d !== 47) return this.regex(i);
        if (d === 47) return this.lineComment(i);
        if (d === 42) return this.blockComment(i);
        return this.punctuator(i, d === 61 ? 2 : 1);
      }
      if (c < 128) {
        // Names first (most tokens of a bundle; no punctuator starts with a name character).
        if (ASCII_ID[c] === ID_START) {
          let k = i + 1;
          let d = 0;
          while (k < n) {
            d = code.charCodeAt(k);
            if (d >= 128 || ASCII_ID[d] === 0) break;
            k++;
          }
          if (k >= n) d = 0;
          if (d !== 92 && d < 128) return this.identifier(i, k, false);
          return this.identifierByRegex(i);
        }
        if (SINGLE_PUNCTUATOR[c] === 1) return this.punctuator(i, 1);
        if (PUNCTUATOR_START[c] === 1) {
          // `.`, `=`, `!`, … not followed by a character that could extend them: one character (a `.` before a digit
          // starts a number).
          const d = code.charCodeAt(i + 1);
          if (!(d < 128 && PUNCTUATOR_FOLLOW[d] === 1) && !(c === 46 && isDigit(d))) return this.punctuator(i, 1);
        }
        const len = punctuatorLength(code, i, c);
        if (len) return this.punctuator(i, len);
        if (c === 34 || c === 39) return this.string(i, c);
        if (isDigit(c) || (c === 46 && isDigit(code.charCodeAt(i + 1)))) return this.number(i);
        if (c === 96) return this.templateFrom(i, true);
        if (c === 35 || c === 92) {
          IDENTIFIER.lastIndex = i;
          if (IDENTIFIER.test(code)) return this.identifierByRegex(i);
        }
        return this.invalid(i, 1);
      }
      // Non-ASCII: a name, whitespace, a line break or an invalid character.
      IDENTIFIER.lastIndex = i;
      if (IDENTIFIER.test(code)) return this.identifierByRegex(i);
      if (c === 0x2028 || c === 0x2029) {
        this.pos = i + 1;
        this.newLine(this.pos);
        continue;
      }
      const cp = code.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (WHITE_SPACE.test(code.slice(i, i + width))) {
        this.pos = i + width;
        continue;
      }
      return this.invalid(i, width);
    }
  }

  /** The current token's text. */
  value(): string {
    return this.code.slice(this.start, this.end);
  }

  private newLine(at: number): void {
    this.endLine++;
    this.lineStart = at;
    this.postfixIncDec = false;
    if (this.lastNoLineTerminator) this.setSpecial(true, true); // ?NoLineTerminatorHere
  }

  /** Counts the line breaks inside `[from, to)` as the outline did (`\r\n` once). */
  private linesWithin(from: number, to: number): void {
    const code = this.code;
    for (let k = from; k < to; k++) {
      const c = code.charCodeAt(k);
      if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && !(k + 1 < to && code.charCodeAt(k + 1) === 10))) {
        this.endLine++;
        this.lineStart = k + 1;
      }
    }
  }

  private emit(type: TokenType, kind: TokenKind, start: number, end: number, closed: boolean): true {
    this.type = type;
    this.kind = kind;
    this.punct = 0;
    this.kw = 0;
    this.start = start;
    this.end = end;
    this.closed = closed;
    this.line = this.endLine;
    this.column = start - this.lineStart;
    return true;
  }

  /** Sets the last significant token to one of js-tokens' `?…` markers or `(`-like punctuation. */
  private setSpecial(expression: boolean, notObject: boolean): void {
    this.lastExpression = expression;
    this.lastNotObject = notObject;
    this.lastNoLineTerminator = false;
    this.lastKind = Last.Other;
  }

  /** Sets the last significant token to the text `[start, end)` (a literal, number, regex or invalid character). */
  private setText(start: number, end: number): void {
    const last = this.code.charCodeAt(end - 1);
    // An unclosed regex of just `/` is js-tokens' exact "/" (TokensPrecedingExpression).
    this.lastExpression = (last < 128 && EXPRESSION_BEFORE[last] === 1) || (end - start === 1 && last === 47);
    this.lastNotObject = false;
    this.lastNoLineTerminator = false;
    this.lastKind = Last.Other;
  }

  private punctuator(i: number, len: number): true {
    const code = this.code;
    const c = code.charCodeAt(i);
    this.pos = i + len;
    // Defaults for a punctuator: the text is the last significant token.
    let expression: boolean;
    let notObject: boolean;
    let kind: Last;
    let p = c;
    if (len === 1) {
      expression = PUNCTUATOR_EXPRESSION[c] === 1;
      notObject = PUNCTUATOR_NOT_OBJECT[c] === 1;
      kind = c === 46 ? Last.Dot : Last.Other;
    } else {
      const d = code.charCodeAt(i + 1);
      expression = EXPRESSION_BEFORE[code.charCodeAt(i + len - 1)] === 1 || (len === 3 && c === 46);
      notObject = len === 2 && c === 61 && d === 62;
      kind = len === 2 && c === 63 && d === 46 ? Last.Dot : Last.Other;
      for (let k = 1; k < len; k++) p |= code.charCodeAt(i + k) << (7 * k);
    }
    switch (len === 1 ? c : 0) {
      case 40: // (
        if (this.lastKind === Last.NonExpressionParenKeyword) this.stack.push({ tag: 1, nesting: this.parenNesting });
        this.parenNesting++;
        this.postfixIncDec = false;
        break;
      case 41: { // )
        this.parenNesting--;
        this.postfixIncDec = true;
        const mode = this.stack[this.stack.length - 1]!;
        if (mode.tag === 1 && this.parenNesting === mode.nesting) {
          this.stack.pop();
          expression = true; // ?NonExpressionParenEnd
          notObject = true;
          this.postfixIncDec = false;
        }
        break;
      }
      case 123: // {
        this.braces.push(!this.lastNotObject && this.lastExpression);
        this.postfixIncDec = false;
        break;
      case 125: { // }
        const mode = this.stack[this.stack.length - 1]!;
        if (mode.tag === 2 && this.braces.length === mode.nesting) return this.templateFrom(i, false);
        this.postfixIncDec = this.braces.pop() === true;
        if (this.postfixIncDec) {
          expression = false; // ?ExpressionBraceEnd
          notObject = false;
        }
        break;
      }
      case 93: // ]
        this.postfixIncDec = true;
        break;
      default:
        if (len === 2 && (c === 43 || c === 45) && code.charCodeAt(i + 1) === c) {
          // ++ / --: ?PostfixIncDec or ?UnaryIncDec (postfixIncDec itself unchanged)
          expression = !this.postfixIncDec;
          notObject = false;
        } else this.postfixIncDec = false;
    }
    this.lastExpression = expression;
    this.lastNotObject = notObject;
    this.lastNoLineTerminator = false;
    this.lastKind = kind;
    this.emit('Punctuator', TokenKind.Punctuator, i, i + len, true);
    this.punct = p;
    return true;
  }

  private identifier(i: number, end: number, regexMatched: boolean): true {
    const code = this.code;
    this.pos = end;
    const isPrivate = code.charCodeAt(i) === 35;
    // Most names of a minified bundle are one or two letters, which few keywords are: keywordAt is called only when
    // a keyword of that length starts with that letter.
    const length = end - i;
    let kw = 0;
    if (length >= 2 && length <= 10) {
      const c = code.charCodeAt(i);
      if (c >= 97 && c <= 121 && KEYWORDS_AT[length * 32 + c - 97] !== undefined) kw = keywordAt(code, i, end);
    }
    const flags = KEYWORD_FLAGS[kw]!;
    const keyword = (flags & KW_EXPRESSION_AFTER) !== 0;
    if ((flags & KW_NON_EXPRESSION_PAREN) !== 0 && this.lastKind !== Last.Dot) {
      this.lastExpression = false;
      this.lastNotObject = false;
      this.lastNoLineTerminator = false;
      this.lastKind = Last.NonExpressionParenKeyword;
    } else {
      this.lastExpression = keyword || (!regexMatched ? false : this.endsWithExpressionChar(end));
      this.lastNotObject = (flags & KW_ELSE) !== 0;
      this.lastNoLineTerminator = (flags & KW_NO_LINE_TERMINATOR_AFTER) !== 0;
      this.lastKind = Last.Other;
    }
    this.postfixIncDec = !keyword;
    if (isPrivate) return this.emit('PrivateIdentifier', TokenKind.PrivateIdentifier, i, end, true);
    this.emit('IdentifierName', TokenKind.IdentifierName, i, end, true);
    this.kw = kw;
    return true;
  }

  private endsWithExpressionChar(end: number): boolean {
    const last = this.code.charCodeAt(end - 1);
    return last < 128 && EXPRESSION_BEFORE[last] === 1;
  }

  private identifierByRegex(i: number): true {
    IDENTIFIER.lastIndex = i;
    IDENTIFIER.test(this.code);
    return this.identifier(i, IDENTIFIER.lastIndex, true);
  }

  private string(i: number, quote: number): true {
    const code = this.code;
    const n = this.n;
    let k = i + 1;
    let closed = false;
    let breaks = false;
    while (k < n) {
      const d = code.charCodeAt(k);
      if (d === quote) {
        closed = true;
        k++;
        break;
      }
      if (d === 92) {
        if (k + 1 >= n) break;
        const e = code.charCodeAt(k + 1);
        if (isLineTerminator(e)) breaks = true;
        k += e === 13 && code.charCodeAt(k + 2) === 10 ? 3 : 2;
        continue;
      }
      if (d === 10 || d === 13) break;
      if (d === 0x2028 || d === 0x2029) breaks = true;
      k++;
    }
    this.pos = k;
    this.emit('StringLiteral', TokenKind.StringLiteral, i, k, closed);
    if (breaks) this.linesWithin(i, k);
    this.setText(i, k);
    this.postfixIncDec = true;
    return true;
  }

  private number(i: number): true {
    const code = this.code;
    const c = code.charCodeAt(i);
    let end = -1;
    if (c >= 49 && c <= 57) {
      // A plain integer `[1-9]\d*` not followed by what would extend it (`.`, `e`, `_`, `n`).
      let k = i + 1;
      while (isDigit(code.charCodeAt(k))) k++;
      const d = code.charCodeAt(k);
      if (d !== 46 && d !== 101 && d !== 69 && d !== 95 && d !== 110) end = k;
    } else if (c === 48) {
      const d = code.charCodeAt(i + 1);
      if (!isDigit(d) && d !== 46 && d !== 101 && d !== 69 && d !== 95 && d !== 110 && d !== 120 && d !== 88 && d !== 111 && d !== 79 && d !== 98 && d !== 66) end = i + 1;
    }
    if (end < 0) {
      NUMERIC.lastIndex = i;
      NUMERIC.test(code);
      end = NUMERIC.lastIndex;
    }
    this.pos = end;
    this.emit('NumericLiteral', TokenKind.NumericLiteral, i, end, true);
    this.setText(i, end);
    this.postfixIncDec = true;
    return true;
  }

  /** A template chunk from `` ` `` (head) or from the `}` ending a substitution. */
  private templateFrom(i: number, head: boolean): true {
    const code = this.code;
    const n = this.n;
    let k = i + 1;
    let end = -1; // 0: closed by a backtick, 1: by `${`
    let breaks = false;
    while (k < n) {
      const d = code.charCodeAt(k);
      if (d === 96) {
        end = 0;
        k++;
        break;
      }
      if (d === 92) {
        if (k + 1 >= n) break;
        if (isLineTerminator(code.charCodeAt(k + 1))) breaks = true;
        k += 2;
        continue;
      }
      if (d === 36 && code.charCodeAt(k + 1) === 123) {
        end = 1;
        k += 2;
        break;
      }
      if (isLineTerminator(d)) breaks = true;
      k++;
    }
    this.pos = k;
    if (end === 1) {
      if (head) this.emit('TemplateHead', TokenKind.TemplateHead, i, k, true);
      else this.emit('TemplateMiddle', TokenKind.TemplateMiddle, i, k, true);
      if (head) this.stack.push({ tag: 2, nesting: this.braces.length });
      this.setSpecial(true, false); // ?InterpolationInTemplate
      this.postfixIncDec = false;
    } else {
      if (head) this.emit('NoSubstitutionTemplate', TokenKind.NoSubstitutionTemplate, i, k, end === 0);
      else this.emit('TemplateTail', TokenKind.TemplateTail, i, k, end === 0);
      if (!head) this.stack.pop();
      this.setText(i, k);
      this.postfixIncDec = true;
    }
    if (breaks) this.linesWithin(i, k);
    return true;
  }

  private regex(i: number): true {
    const code = this.code;
    const n = this.n;
    let k = i + 1;
    let closed = false;
    outer: while (k < n) {
      const d = code.charCodeAt(k);
      if (d === 47) {
        k++;
        closed = true;
        // Flags: [$_\u200C\u200D\p{ID_Continue}]*
        while (k < n) {
          const f = code.charCodeAt(k);
          if (f < 128) {
            if (!isAsciiIdPart(f)) break;
            k++;
          } else {
            const cp = code.codePointAt(k)!;
            const w = cp > 0xffff ? 2 : 1;
            if (!ID_CONTINUE.test(code.slice(k, k + w))) break;
            k += w;
          }
        }
        break;
      }
      if (d === 92) {
        if (k + 1 >= n || isLineTerminator(code.charCodeAt(k + 1))) {
          k++; // the trailing `\` is part of the token (js-tokens' `|\\` group), which stays unclosed
          break;
        }
        k += 2;
        continue;
      }
      if (isLineTerminator(d)) break;
      if (d === 91) {
        // A class: `]` closes it (optional), `\` escapes one character, a line break ends the token.
        k++;
        while (k < n) {
          const e = code.charCodeAt(k);
          if (e === 93) {
            k++;
            continue outer;
          }
          if (e === 92) {
            if (k + 1 >= n || isLineTerminator(code.charCodeAt(k + 1))) continue outer;
            k += 2;
            continue;
          }
          if (isLineTerminator(e)) continue outer;
          k++;
        }
        continue;
      }
      k++;
    }
    this.pos = k;
    this.emit('RegularExpressionLiteral', TokenKind.RegularExpressionLiteral, i, k, closed);
    this.setText(i, k);
    this.postfixIncDec = true;
    return true;
  }

  private lineComment(i: number): true {
    const code = this.code;
    let e = i + 2;
    while (e < this.n && !isLineTerminator(code.charCodeAt(e))) e++;
    this.pos = e;
    this.postfixIncDec = false;
    return this.emit('SingleLineComment', TokenKind.SingleLineComment, i, e, true);
  }

  private blockComment(i: number): true {
    const close = this.code.indexOf('*/', i + 2);
    const e = close < 0 ? this.n : close + 2;
    this.pos = e;
    this.emit('MultiLineComment', TokenKind.MultiLineComment, i, e, close >= 0);
    const before = this.endLine;
    this.linesWithin(i, e);
    // Any line terminator inside counts one line at least (js-tokens' Newline test).
    if (this.endLine !== before) {
      this.postfixIncDec = false;
      if (this.lastNoLineTerminator) this.setSpecial(true, true); // ?NoLineTerminatorHere
    }
    return true;
  }

  private invalid(i: number, width: number): true {
    this.pos = i + width;
    this.emit('Invalid', TokenKind.Invalid, i, i + width, true);
    this.setText(i, i + width);
    this.postfixIncDec = false;
    return true;
  }
}

/**
 * Length of the punctuator at `i` (js-tokens' Punctuator expression, `/` excluded: the caller decides it), or 0.
 */
function punctuatorLength(code: string, i: number, c: number): number {
  const d = code.charCodeAt(i + 1);
  switch (c) {
    case 45: // -
    case 43: // +
      return d === c || d === 61 ? 2 : 1;
    case 61: // =
      if (d === 62) return 2;
      if (d === 61) return code.charCodeAt(i + 2) === 61 ? 3 : 2;
      return 1;
    case 46: // .
      if (d === 46 && code.charCodeAt(i + 2) === 46) return 3;
      return isDigit(d) ? 0 : 1;
    case 63: // ?
      if (d === 46 && !isDigit(code.charCodeAt(i + 2))) return 2;
      if (d === 63) return code.charCodeAt(i + 2) === 61 ? 3 : 2;
      return 1;
    case 38: // &
    case 124: // |
      if (d === c) return code.charCodeAt(i + 2) === 61 ? 3 : 2;
      return d === 61 ? 2 : 1;
    case 37: // %
    case 94: // ^
      return d === 61 ? 2 : 1;
    case 42: // *
      if (d === 42) return code.charCodeAt(i + 2) === 61 ? 3 : 2;
      return d === 61 ? 2 : 1;
    case 60: // <
      if (d === 60) return code.charCodeAt(i + 2) === 61 ? 3 : 2;
      return d === 61 ? 2 : 1;
    case 62: // >
      if (d === 62) {
        const e = code.charCodeAt(i + 2);
        if (e === 62) return code.charCodeAt(i + 3) === 61 ? 4 : 3;
        return e === 61 ? 3 : 2;
      }
      return d === 61 ? 2 : 1;
    case 33: // !
      if (d === 61) return code.charCodeAt(i + 2) === 61 ? 3 : 2;
      return 1;
    case 126: // ~
    case 44: // ,
    case 58: // :
    case 59: // ;
    case 91: // [
    case 93: // ]
    case 40: // (
    case 41: // )
    case 123: // {
    case 125: // }
      return 1;
    default:
      return 0;
  }
}
