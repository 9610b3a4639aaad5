// A tokenizer-level outline of a script: one pass of the tokenizer (tokens.ts: js-tokens' token stream without an
// object per token) yields what the JS reader needs from code it does not parse — string literals and template
// chunks (cooked, placed exactly where Babel places them), comments, property/declaration names, the extent of
// every function body, plain calls with a literal or no argument (`require("x")`, `require_x()`, `n(123)`) and
// inlined package.json objects. The reader parses only the code it must analyse and takes everything else from
// here (see elide.ts).
import { JsScanner, TokenKind, keywordId, punctCode } from './tokens.js';
import { NameSet } from './name-set.js';
import { cook } from './cook.js';
import type { RawString } from './strings.js';

/** A function body: `{` at `open`, `}` at `close` (offsets into the text). `parent` indexes the enclosing body. */
export interface FnBody {
  open: number;
  close: number;
  parent: number;
  /** 1-based line and column of the `{`. */
  line: number;
  column: number;
}

/** `callee()`, `callee(123)` or `callee("x")` where callee is a plain name (not a member, not a keyword). */
export interface TokenCall {
  callee: string;
  start: number;
  arg?: { kind: 'number' | 'string'; value: string };
  line: number;
  column: number;
}

export interface InlinedPackage {
  name: string;
  version: string;
  start: number;
  line: number;
  column: number;
}

/**
 * An array or object literal of data only, `[` or `{` at `open`, its `]` or `}` at `close`: its tokens are literals,
 * names, `,` `:` `!` `-` and nested such literals (`[{no:1,name:"x",T:vt}]`). Evaluating it runs no code and it holds
 * no call, function or pattern, so a skeleton parse (prepare.ts) may read it as empty: what decides units and
 * library statements there (hoisted.ts isInertDeclaration) sees an inert literal either way. As an arrow's expression
 * body or a method call's argument it may also hold member accesses and member calls of such values
 * (`() => [{no:1,T:v.getEnumType(Zt)}]`): there its value is never read by what a skeleton decides (an arrow is
 * inert and a call is not, whatever they hold), and the unit finders read plain calls and functions only.
 * Regular expressions are data too, and so are methods keyed by a plain name (`[{test:[/x/i], describe(t){…}}]`,
 * Bowser's tables): declaring one runs nothing, no webpack table has such a key, and a literal holding a plain call
 * anywhere (a method body's `require_x()`) is not recorded, so what the unit finders read is never inside one.
 */
export interface DataSpan {
  open: number;
  close: number;
}

export interface Outline {
  /** Literals, template chunks, comments and names, in source order (names not de-duplicated). */
  strings: RawString[];
  /** Function bodies in order of their `{`. Bodies the tokenizer could not close have `close = -1`. */
  bodies: FnBody[];
  /**
   * Outermost data literals at least MIN_DATA_SPAN long, in the order they close (one inside a data literal's method
   * body comes before that literal; elide.ts skeletonBlanks sorts them): the value of a declaration, assignment,
   * return or class field, an arrow's expression body (`() => [{…}]`) or a method call's argument
   * (`v.makeEnum("x", [{…}])`) — never a plain call's argument (unit finders read those: `__d(f, id, [deps])`), a
   * parameter default or a destructuring pattern. Empty from quickOutline (a vendor build gets no skeleton).
   */
  data?: DataSpan[];
  /**
   * Class bodies (`{` at `open`, `}` at `close`) at least MIN_DATA_SPAN long holding no `static`, computed key (`[`)
   * or decorator at their own level: declaring such a class runs no code of its body, so a skeleton parse may read
   * it as empty (hoisted.ts inertClass gives the same answer). Empty from quickOutline.
   */
  shells?: DataSpan[];
  calls: TokenCall[];
  packages: InlinedPackage[];
  /** Unbalanced brackets seen (a tokenizer misreading, or broken input): elision is not attempted then. */
  unbalanced: number;
}

// Token tests are on numbers (tokens.ts TokenKind and punctCode): the outline branches on the last few tokens for
// every token of a bundle, and a string comparison or a set lookup of a fresh token string costs far more than an
// integer test. Words (keywords, names) are compared as strings, only where the token is a name.
const P_DOT = punctCode('.');
const P_OPTIONAL = punctCode('?.');
const P_COLON = punctCode(':');
const P_COMMA = punctCode(',');
const P_SEMI = punctCode(';');
const P_LBRACE = punctCode('{');
const P_RBRACE = punctCode('}');
const P_LPAREN = punctCode('(');
const P_RPAREN = punctCode(')');
const P_LBRACKET = punctCode('[');
const P_RBRACKET = punctCode(']');
const P_ARROW = punctCode('=>');
const P_ASSIGN = punctCode('=');
const P_STAR = punctCode('*');
const P_NOT = punctCode('!');
const P_MINUS = punctCode('-');

/** Numeric sets of punctuators: codes are up to 28 bits, so a Set of numbers (no string hashing). */
const punctSet = (...texts: string[]): Set<number> => new Set(texts.map(punctCode));

// Words are compared by keyword number (tokens.ts keywordAt: every word of tokens.ts KEYWORD_WORDS, the outline's
// keywords, has one; any other name 0), so a name is never sliced out of the text to be compared.
const KW_CATCH = keywordId('catch');
const KW_CLASS = keywordId('class');
const KW_EXTENDS = keywordId('extends');
const KW_FUNCTION = keywordId('function');
const KW_NEW = keywordId('new');
const KW_RETURN = keywordId('return');
const KW_STATIC = keywordId('static');
const KW_TRY = keywordId('try');
/** A set of keywords as flags by keyword number. */
function keywordSet(...words: string[]): Uint8Array {
  const flags = new Uint8Array(64);
  for (const w of words) {
    const id = keywordId(w);
    if (id === 0) throw new Error(`not a keyword: ${w}`);
    flags[id] = 1;
  }
  return flags;
}
/** Keywords after which `(…)` then `{` opens a statement block, not a function body. */
const CONTROL = keywordSet('if', 'for', 'while', 'switch', 'catch', 'with');
/** Tokens after which `{` starts an object literal (used for inlined package.json only): these and `return`. */
const OBJECT_PREV_PUNCT = punctSet('=', '(', ',', ':', '[', '?', '&&', '||', '??', '!', '...');
/** Tokens before a method name: `{m(){`, `}m(){`, `,m(){`, `;m(){`, `*m(){`, `static m(){`, `get m(){`. */
const METHOD_PREV_PUNCT = punctSet('{', '}', ',', ';', '*');
const METHOD_PREV_WORD = keywordSet('static', 'get', 'set', 'async');
const MIN_IDENTIFIER = 3;
const COMPARISON = punctSet('===', '!==', '==', '!=');
const VERSION = /^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;
/** A `(` whose previous token is the name `catch` of a method (`p.catch(…)`, `{catch(e){…}}`), not the clause. */
const METHOD_NAME = -1;

/**
 * A significant token: its kind (TokenKind), punctuator code (0 if none), keyword number (0 if none) and place; its
 * text is `code.slice(start, end)`, sliced only where a name or literal is kept.
 */
interface Sig {
  kind: number;
  punct: number;
  kw: number;
  start: number;
  end: number;
  line: number;
  column: number;
}

/** Whether the token is the keyword numbered `kw` (an IdentifierName; an escaped spelling is no keyword). */
function isWord(s: Sig, kw: number): boolean {
  return s.kind === TokenKind.IdentifierName && s.kw === kw;
}

interface Frame {
  ch: '(' | '[' | '{';
  /**
   * `(`: the significant token before it, copied (the four token records rotate): its kind (TokenKind, or
   * METHOD_NAME; None when the frame is not a `(`), keyword number and place; and the token before that one.
   */
  preKind: number;
  preKw: number;
  preStart: number;
  preEnd: number;
  preLine: number;
  preColumn: number;
  prePrePunct: number;
  /** The keyword number of the token before that one when a name, else 0. */
  prePreKw: number;
  /** `{`: a `try` block (a `catch` after it is the clause, not a method named catch). */
  tryBlock: boolean;
  /** `{`: index in bodies when a function body, else -1. */
  body: number;
  object: boolean;
  /** `{`: a declaration's destructuring pattern (`const {a = "x"} = o`). */
  pattern: boolean;
  /** `[` or object `{`: every token so far is data (see DataSpan); `(`: a member call's arguments inside such a literal. */
  data: boolean;
  /** A data frame where member accesses and calls count as data too (see DataSpan). */
  members: boolean;
  /** `(` of a method's parameters or `{` of its body, the method a key of a data object (`{test(t){…}}`). */
  method: boolean;
  /** `[` or `{`: opened right after `=>` (an arrow's expression body). */
  arrowBody: boolean;
  /** `{`: a class body with no static field or block, `[` or decorator at its level so far. */
  shell: boolean;
  /** `{` of a shell: a `static` member whose `(` (a method's parameters) has not come yet. */
  staticMember: boolean;
  props: number;
  name: string | undefined;
  version: string | undefined;
  start: number;
  line: number;
  column: number;
}

/**
 * Frames are reused by stack depth (one object per depth for the whole outline): a bundle opens a bracket every few
 * tokens, and a frame is never read once another opens at its depth (the caller reads a closed `(` frame before
 * opening the `{` that may follow it). Every field is set here, in one order, so all frames share one shape.
 */
function resetFrame(pool: Frame[], depth: number, ch: Frame['ch'], start: number, line: number, column: number): Frame {
  const f = pool[depth];
  if (f === undefined) {
    const made: Frame = { ch, preKind: TokenKind.None, preKw: 0, preStart: 0, preEnd: 0, preLine: 0, preColumn: 0, prePrePunct: 0, prePreKw: 0, tryBlock: false, body: -1, object: false, pattern: false, data: false, members: false, method: false, arrowBody: false, shell: false, staticMember: false, props: 0, name: undefined, version: undefined, start, line, column };
    pool[depth] = made;
    return made;
  }
  f.ch = ch;
  f.preKind = TokenKind.None;
  f.preKw = 0;
  f.preStart = 0;
  f.preEnd = 0;
  f.preLine = 0;
  f.preColumn = 0;
  f.prePrePunct = 0;
  f.prePreKw = 0;
  f.tryBlock = false;
  f.body = -1;
  f.object = false;
  f.pattern = false;
  f.data = false;
  f.members = false;
  f.method = false;
  f.arrowBody = false;
  f.shell = false;
  f.staticMember = false;
  f.props = 0;
  f.name = undefined;
  f.version = undefined;
  f.start = start;
  f.line = line;
  f.column = column;
  return f;
}

/** Outlines a script. Never throws on odd input: the tokenizer accepts any text. */
export function outlineScript(code: string): Outline {
  return new Outliner(code).run();
}

const none = (): Sig => ({ kind: TokenKind.None, punct: 0, kw: 0, start: -1, end: -1, line: 0, column: 0 });

/**
 * The outline's state, one object per script, and the work per kind of token in methods. Not one function with
 * closures: V8 compiled that function whole (hundreds of ms of TurboFan per compile, on a 2-core machine the core
 * the scan needs), specialised its optimised code to the closures of the first script (a `wrong call target`
 * deoptimisation on the next), and recompiled all of it whenever a branch no earlier script had reached ran.
 * Methods are compiled one by one, and a branch seen late recompiles only its method. Exported for tests only.
 */
export class Outliner {
  readonly strings: RawString[] = [];
  readonly bodies: FnBody[] = [];
  readonly calls: TokenCall[] = [];
  readonly packages: InlinedPackage[] = [];
  readonly data: DataSpan[] = [];
  readonly shells: DataSpan[] = [];
  readonly stack: Frame[] = [];
  readonly pool: Frame[] = [];
  // A data literal just closed, kept when the next token ends the expression it is the value of (not `= …`).
  pendingData: DataSpan | undefined = undefined;
  dataTop: Frame | undefined = undefined; // the innermost open frame when it is a data literal so far
  shellTop: Frame | undefined = undefined; // the innermost open frame when it is an inert class body so far
  unbalanced = 0;
  line = 1;
  lineStart = 0;
  pos = 0;
  // The last four significant tokens (p1 most recent); four records rotate so no token allocates one.
  p1 = none();
  p2 = none();
  p3 = none();
  p4 = none();
  lastParen: Frame | undefined = undefined; // the `(` frame most recently closed, when p1 is `)`
  pendingProp: { frame: Frame; key: 'name' | 'version'; value: string } | undefined = undefined;
  currentBody = -1;
  lastLiteral: RawString | undefined = undefined; // the literal just pushed, until the next significant token
  pendingBinding: string | undefined = undefined; // the name lastLiteral is bound to if the next token ends its expression
  closedTry = false; // the last `}` closed a try block
  catchClause = false; // the last `catch` follows a try block
  heritageDepth = -1; // stack depth of a pending `extends …` (its `{` opens a class body)
  // Names are kept once, at their first occurrence (as the AST collector does).
  readonly seenNames: NameSet;

  constructor(readonly code: string) {
    this.seenNames = new NameSet(code);
  }

  open(frame: Frame): void {
    this.stack.push(frame);
    this.dataTop = frame.data ? frame : undefined;
    this.shellTop = frame.shell ? frame : undefined;
  }

  /** The name `code[start, end)`: kept at its first occurrence; sliced only then. */
  addName(start: number, end: number, line: number, column: number): void {
    // Escaped names (`\u00C0`) are left to the parser, which decodes them (NameSet.add refuses them).
    const length = end - start;
    if (length < MIN_IDENTIFIER || !this.seenNames.add(start, end)) return;
    this.strings.push({ value: this.code.slice(start, end), kind: 'identifier', start, end, line, column, endLine: line, endColumn: column + length });
  }

  newFrame(ch: Frame['ch'], start: number, line: number, column: number): Frame {
    return resetFrame(this.pool, this.stack.length, ch, start, line, column);
  }

  run(): Outline {
    const scanner = new JsScanner(this.code);
    while (scanner.next()) {
      const kind = scanner.kind;
      const start = scanner.start;
      this.pos = scanner.end;
      const startLine = scanner.line;
      const startCol = scanner.column;
      this.line = scanner.endLine;
      this.lineStart = scanner.lineStart;

      if (kind === TokenKind.SingleLineComment || kind === TokenKind.MultiLineComment) {
        this.comment(kind, start, startLine, startCol, scanner.closed);
        continue;
      }
      const punct = scanner.punct;
      const kw = scanner.kw;
      const end = scanner.end;
      // Punctuators are compared by code, words by keyword number; a name's or literal's text is sliced where kept.
      // The per-token steps are called only when they have something to do (most tokens have nothing pending and
      // are no name the outline keeps): under the CLI's inlining budget (cli/v8-flags.ts) each is a real call.
      if (this.pendingData !== undefined || this.dataTop !== undefined || this.shellTop !== undefined || this.lastLiteral !== undefined) this.before(kind, punct, kw);
      if (kind === TokenKind.HashbangComment) continue;
      if (kind === TokenKind.StringLiteral || kind === TokenKind.NoSubstitutionTemplate || kind === TokenKind.TemplateHead || kind === TokenKind.TemplateMiddle || kind === TokenKind.TemplateTail) {
        this.literal(kind, start, end, startLine, startCol, scanner.closed);
      }
      // A package.json property counts only when its string value ends there (`name: "x",`, not `name: "x" + y`).
      if (this.pendingProp && kind !== TokenKind.StringLiteral) {
        if (punct === P_COMMA || punct === P_RBRACE) this.pendingProp.frame[this.pendingProp.key] = this.pendingProp.value;
        this.pendingProp = undefined;
      }
      if (kind === TokenKind.IdentifierName) {
        // name() acts on a keyword, a member name, or a name after a keyword (`function f`, `class C`).
        const p1 = this.p1;
        if (kw !== 0 || p1.punct === P_DOT || p1.punct === P_OPTIONAL || p1.kw !== 0) this.name(kw, start, end, startLine, startCol);
      } else if (punct === P_COLON && (this.p2.punct === P_LBRACE || this.p2.punct === P_COMMA)) this.key();

      let closed = false;
      if (kind === TokenKind.Punctuator) {
        if (punct === P_LPAREN) this.openParen(start, startLine, startCol);
        else if (punct === P_LBRACKET) this.openBracket(start, startLine, startCol);
        else if (punct === P_LBRACE) this.openBrace(start, startLine, startCol);
        else if (punct === P_RPAREN || punct === P_RBRACKET || punct === P_RBRACE) {
          this.close(punct, start); // sets lastParen
          closed = true;
        }
      }
      if (!closed) this.lastParen = undefined;
      // The token becomes p1 (shift(), written out here: this loop runs once per token).
      const r = this.p4;
      this.p4 = this.p3;
      this.p3 = this.p2;
      this.p2 = this.p1;
      this.p1 = r;
      r.kind = kind;
      r.punct = punct;
      r.kw = kw;
      r.start = start;
      r.end = end;
      r.line = startLine;
      r.column = startCol;
    }
    if (this.lastLiteral && this.pendingBinding !== undefined) this.lastLiteral.binding = this.pendingBinding;
    if (this.pendingData !== undefined) this.data.push(this.pendingData);
    this.unbalanced += this.stack.length;
    // One property order for both outlines (quick-outline.ts too): functions reading either see one shape.
    const { strings, bodies, calls, packages, unbalanced, data, shells } = this;
    return { strings, bodies, calls, packages, unbalanced, data, shells };
  }

  /** Comments are not significant tokens: they neither end a data literal nor taint one. */
  comment(kind: number, start: number, startLine: number, startCol: number, closed: boolean): void {
    const text = this.code.slice(start, this.pos);
    const body = kind === TokenKind.SingleLineComment ? text.slice(2) : text.slice(2, closed ? -2 : undefined);
    const v = body.trim();
    if (v) {
      this.strings.push({ value: v, kind: 'comment', start, end: this.pos, line: startLine, column: startCol, endLine: this.line, endColumn: this.pos - this.lineStart });
    }
  }

  /** What every significant token ends or taints: a pending data literal, an open data literal or class shell, a literal's binding. */
  before(kind: number, punct: number, kw: number): void {
    if (this.pendingData !== undefined) {
      if (kind === TokenKind.Punctuator && DATA_AFTER.has(punct)) this.data.push(this.pendingData);
      this.pendingData = undefined;
    }
    if (this.dataTop !== undefined && !isDataToken(kind, punct, kw, this.dataTop, this.p1, this.p2)) {
      this.dataTop.data = false;
      this.dataTop = undefined;
    }
    // A static field or block, a computed key (or a field's array value: `[` either way) or a decorator runs at
    // declaration; a static method does not (`static f(…){…}`, `static get f(…)`, `static async *f(…)`): after
    // `static`, a `(` at the class body's level before any `=` or `{` makes it a method.
    if (this.shellTop !== undefined) {
      const shell = this.shellTop;
      if (shell.staticMember && (punct === P_ASSIGN || punct === P_LBRACE)) shell.shell = false;
      else if (punct === P_LPAREN) shell.staticMember = false;
      else if (kind === TokenKind.IdentifierName && kw === KW_STATIC) shell.staticMember = true;
      if (punct === P_LBRACKET || kind === TokenKind.Invalid) shell.shell = false;
      if (!shell.shell) this.shellTop = undefined;
    }
    if (this.lastLiteral) {
      if (COMPARISON.has(punct)) this.lastLiteral.compared = true;
      if (this.pendingBinding !== undefined && kind === TokenKind.Punctuator && BINDING_END.has(punct)) this.lastLiteral.binding = this.pendingBinding;
      this.lastLiteral = undefined;
      this.pendingBinding = undefined;
    }
  }

  /** A string literal or template chunk: cooked and placed as Babel places it. */
  literal(kind: number, start: number, tokenEnd: number, startLine: number, startCol: number, closed: boolean): void {
    const { p1, p2, p3, code } = this;
    const template = kind !== TokenKind.StringLiteral;
    // The text between the delimiters (`"…"`, `` `…${ ``, `}…${`, `` }…` ``; an unclosed one runs to its end).
    const inner = code.slice(start + 1, kind === TokenKind.TemplateHead || kind === TokenKind.TemplateMiddle ? tokenEnd - 2 : closed ? tokenEnd - 1 : tokenEnd);
    const cooked = cook(inner, template);
    // Babel reports empty template chunks as nothing and empty string literals as ''.
    if (cooked !== undefined && !(cooked === '' && template)) {
      const tail = !template ? 0 : kind === TokenKind.TemplateHead || kind === TokenKind.TemplateMiddle ? 2 : closed ? 1 : 0;
      const s = template ? start + 1 : start;
      const end = this.pos - tail;
      const lit: RawString = {
        value: cooked,
        kind: 'literal',
        start: s,
        end,
        line: startLine,
        column: startCol + (template ? 1 : 0),
        endLine: this.line,
        endColumn: this.pos - this.lineStart - tail,
        compared: COMPARISON.has(p1.punct),
      };
      this.strings.push(lit);
      this.lastLiteral = lit;
      if (kind === TokenKind.StringLiteral) this.pendingBinding = bindingOf(code, p1, p2, p3, this.stack[this.stack.length - 1]);
    }
    if (kind === TokenKind.StringLiteral && p1.punct === P_COLON && (p3.punct === P_LBRACE || p3.punct === P_COMMA)) {
      const frame = this.stack[this.stack.length - 1];
      const key = keyOf(code, p2);
      if (frame?.object && (key === 'name' || key === 'version') && cooked !== undefined) this.pendingProp = { frame, key, value: cooked };
    }
  }

  name(kw: number, start: number, end: number, startLine: number, startCol: number): void {
    const p1 = this.p1;
    const member = p1.punct === P_DOT || p1.punct === P_OPTIONAL;
    if (!member) {
      if (kw === KW_CATCH) this.catchClause = p1.punct === P_RBRACE && this.closedTry;
      else if (kw === KW_EXTENDS) this.heritageDepth = this.stack.length;
    }
    if (member || ((isWord(p1, KW_FUNCTION) || isWord(p1, KW_CLASS)) && kw === 0)) this.addName(start, end, startLine, startCol);
  }

  /** `{key: …`, `, key: …` in an object literal: a property name. */
  key(): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame?.object && isKey(this.code, this.p1)) {
      frame.props++;
      if (this.p1.kind === TokenKind.IdentifierName) this.addName(this.p1.start, this.p1.end, this.p1.line, this.p1.column);
    }
  }

  openParen(start: number, startLine: number, startCol: number): void {
    const { p1, p2 } = this;
    // A method named `catch` is a function; the clause after a try block is not.
    const method = isWord(p1, KW_CATCH) && !this.catchClause;
    const paren = this.newFrame('(', start, startLine, startCol);
    paren.preKind = method ? METHOD_NAME : p1.kind;
    paren.preKw = p1.kw;
    paren.preStart = p1.start;
    paren.preEnd = p1.end;
    paren.preLine = p1.line;
    paren.preColumn = p1.column;
    paren.prePrePunct = p2.punct;
    paren.prePreKw = p2.kind === TokenKind.IdentifierName ? p2.kw : 0;
    // `o.f(…)` inside a literal that may hold member calls: its arguments are read as part of the literal.
    const top = this.dataTop;
    if (top !== undefined && top.members && p1.kind === TokenKind.IdentifierName && p2.punct === P_DOT) paren.data = paren.members = true;
    else if (top !== undefined && methodKey(top, p1, p2)) paren.method = true;
    this.open(paren);
  }

  openBracket(start: number, startLine: number, startCol: number): void {
    const frame = this.newFrame('[', start, startLine, startCol);
    frame.arrowBody = this.p1.punct === P_ARROW;
    const parent = this.stack[this.stack.length - 1];
    frame.data = (frame.arrowBody || objectPrev(this.p1)) && mayHoldData(parent, frame.arrowBody);
    frame.members = frame.data && membersAllowed(parent, frame.arrowBody);
    this.open(frame);
  }

  openBrace(start: number, startLine: number, startCol: number): void {
    const { p1, p2, p3, lastParen } = this;
    const classBody = this.heritageDepth === this.stack.length;
    if (classBody) this.heritageDepth = -1;
    // `class {`, `class X {`, `class X extends Y {`.
    const shell = classBody || isWord(p1, KW_CLASS) || (isWord(p2, KW_CLASS) && p1.kind === TokenKind.IdentifierName && p3.punct !== P_DOT && p3.punct !== P_OPTIONAL);
    const fn =
      !classBody &&
      (p1.punct === P_ARROW || (p1.punct === P_RPAREN && lastParen !== undefined && !(lastParen.preKind === TokenKind.IdentifierName && CONTROL[lastParen.preKw] === 1)));
    if (fn && lastParen !== undefined && (METHOD_PREV_PUNCT.has(lastParen.prePrePunct) || METHOD_PREV_WORD[lastParen.prePreKw] === 1)) {
      // `name(…){` in a class or object literal: a method name. (Read before a frame reuses lastParen's.)
      const k = lastParen.preKind;
      if ((k === TokenKind.IdentifierName && lastParen.preKw === 0) || k === METHOD_NAME) this.addName(lastParen.preStart, lastParen.preEnd, lastParen.preLine, lastParen.preColumn);
    }
    const method = fn && lastParen !== undefined && lastParen.method;
    const frame = this.newFrame('{', start, startLine, startCol);
    if (isWord(p1, KW_TRY)) frame.tryBlock = true;
    frame.method = method;
    if (fn) {
      frame.body = this.bodies.length;
      this.bodies.push({ open: start, close: -1, parent: this.currentBody, line: startLine, column: startCol + 1 });
      this.currentBody = frame.body;
    } else if (objectPrev(p1)) {
      frame.object = true;
      const parent = this.stack[this.stack.length - 1];
      frame.data = mayHoldData(parent, false);
      frame.members = frame.data && membersAllowed(parent, false);
      frame.props = 0;
    } else if (p1.kind === TokenKind.IdentifierName && DECLARATION[p1.kw] === 1) frame.pattern = true;
    frame.shell = shell && !fn;
    this.open(frame);
  }

  /**
   * `)`, `]` or `}`: closes its frame (and any left open inside it, counted unbalanced). Sets lastParen for `)`. What
   * a closed frame records (a data span, a class shell, an inlined package, a plain call) is done by methods of its
   * own: a branch first reached by a later script recompiles that method, not this one, which runs for a third of a
   * bundle's tokens.
   */
  close(punct: number, start: number): void {
    const frame = this.popFrame(punct === P_RPAREN ? '(' : punct === P_RBRACKET ? '[' : '{');
    if (!frame) {
      this.unbalanced++;
      this.lastParen = undefined;
      return;
    }
    if (punct === P_RBRACE) this.closedTry = frame.tryBlock;
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    if (frame.data) this.closeData(frame, parent, start);
    else if (parent !== undefined && !frame.method) parent.data = false;
    this.dataTop = parent !== undefined && parent.data ? parent : undefined;
    this.shellTop = parent !== undefined && parent.shell ? parent : undefined;
    if (frame.shell && start - frame.start >= MIN_DATA_SPAN) this.addShell(frame.start, start);
    if (frame.body >= 0) {
      const body = this.bodies[frame.body]!;
      body.close = start;
      this.currentBody = body.parent;
    }
    if (punct === P_RBRACE && frame.object && frame.name !== undefined && frame.version !== undefined) this.inlinedPackage(frame);
    // A plain call has its `(` one or two tokens back (`f()`, `f(1)`).
    if (punct === P_RPAREN && (this.p1.punct === P_LPAREN || this.p2.punct === P_LPAREN)) this.plainCall();
    this.lastParen = punct === P_RPAREN ? frame : undefined;
  }

  /** Pops frames up to the innermost `want` (those left open inside it are counted unbalanced). */
  popFrame(want: Frame['ch']): Frame | undefined {
    const stack = this.stack;
    let frame = stack.pop();
    while (frame && frame.ch !== want) {
      this.unbalanced++;
      if (frame.body >= 0) this.currentBody = this.bodies[frame.body]!.parent;
      frame = stack.pop();
    }
    return frame;
  }

  /** A data literal closed: pending as a span when it is outermost and a whole value. */
  closeData(frame: Frame, parent: Frame | undefined, start: number): void {
    // A plain call inside (in a method's body): unit finders read those (`require_x()`, `n(123)`), so it stays parsed.
    // Calls are recorded as their `)` closes: one inside this literal is the last recorded, starting after its `[`.
    const call = this.calls[this.calls.length - 1];
    if (call !== undefined && call.start > frame.start) return;
    // Outermost only, and only where it is a whole value (a parent literal would hold it, and a member call's
    // arguments inside one; a call's argument list may be read by a unit finder).
    if (
      start - frame.start >= MIN_DATA_SPAN &&
      (parent === undefined ||
        (parent.ch === '{' && !parent.object && !parent.pattern) ||
        (parent.ch === '(' && !parent.data && (frame.arrowBody || methodCall(parent))))
    ) {
      this.pendingData = { open: frame.start, close: start };
    }
  }

  addShell(open: number, close: number): void {
    this.shells.push({ open, close });
  }

  /** `{name: "x", version: "1.2.3", …}` closed: an inlined package.json. */
  inlinedPackage(frame: Frame): void {
    const props = frame.props;
    if (props >= 2 && props <= 200 && VERSION.test(frame.version!)) {
      this.packages.push({ name: frame.name!, version: frame.version!, start: frame.start, line: frame.line, column: frame.column });
    }
  }

  /** `)` closed: `name()`, `name(1)`, `name("x")` is a plain call (the name is not a member and not a keyword). */
  plainCall(): void {
    const { p1, p2, p3, p4 } = this;
    const empty = p1.punct === P_LPAREN;
    const callee = empty ? p2 : p2.punct === P_LPAREN ? p3 : undefined;
    const before = empty ? p3 : p4;
    const argTok = empty ? undefined : p1;
    if (
      callee !== undefined &&
      callee.kind === TokenKind.IdentifierName &&
      before.punct !== P_DOT &&
      before.punct !== P_OPTIONAL &&
      !isWord(before, KW_FUNCTION) &&
      !isWord(before, KW_NEW) &&
      (!argTok || argTok.kind === TokenKind.NumericLiteral || argTok.kind === TokenKind.StringLiteral) &&
      callee.kw === 0
    ) {
      const code = this.code;
      const call: TokenCall = { callee: code.slice(callee.start, callee.end), start: callee.start, line: callee.line, column: callee.column };
      if (argTok) {
        const v = argTok.kind === TokenKind.StringLiteral ? cook(quoted(code, argTok), false) : code.slice(argTok.start, argTok.end);
        if (v !== undefined) call.arg = { kind: argTok.kind === TokenKind.StringLiteral ? 'string' : 'number', value: v };
      }
      this.calls.push(call);
    }
  }
}

/** Data literals are recorded from this length on (`[` to `]`): shorter ones cost the parse less than a blank. */
export const MIN_DATA_SPAN = 64;
/** Tokens after which `{` starts an object literal, or `[` an array literal (not a member access; `=>` apart). */
function objectPrev(s: Sig): boolean {
  return OBJECT_PREV_PUNCT.has(s.punct) || isWord(s, KW_RETURN);
}
/** Tokens after a data literal that end the expression it is the value of (`= […];`, `, x = {…},`, `=> […])`). */
const DATA_AFTER = punctSet(',', ';', ')', ']', '}', ':');
/** Punctuators a data literal may hold besides brackets (a separator, a key's colon, `!0`, `-1`). */
const DATA_PUNCTUATORS = punctSet(',', ':', '!', '-');

/**
 * Whether a token inside the data literal `top` keeps it data: literals, names (a keyword only in key position,
 * `{default: 1}`), `,` `:` `!` `-`. Brackets are handled where they open and close.
 */
function isDataToken(kind: number, punct: number, kw: number, top: Frame, p1: Sig, p2: Sig): boolean {
  switch (kind) {
    case TokenKind.StringLiteral:
    case TokenKind.NumericLiteral:
    case TokenKind.NoSubstitutionTemplate:
    case TokenKind.RegularExpressionLiteral:
      return true;
    case TokenKind.IdentifierName:
      return kw === 0 || (top.object && (p1.punct === P_LBRACE || p1.punct === P_COMMA));
    case TokenKind.Punctuator:
      if (top.members) {
        // `a.b`, `a.b.c(`: a member access or call (its arguments are a frame of their own, see openParen).
        if (punct === P_DOT) return p1.kind === TokenKind.IdentifierName;
        if (punct === P_LPAREN) return p1.kind === TokenKind.IdentifierName && p2.punct === P_DOT;
        if (punct === P_RPAREN) return top.ch === '(';
        // An argument `[…]` is a nested literal (after `a`, `[` is a member access: openBracket reads no literal there).
        if (punct === P_LBRACKET && top.ch === '(') return true;
      }
      // A method (`{test(t){…}}`): its parameters and body are frames of their own that leave the literal data.
      if (punct === P_LPAREN) return methodKey(top, p1, p2);
      // `[` in an object is a computed key unless it is a value (`a: [`); `{` here is a nested literal.
      if (punct === P_LBRACKET) return top.ch === '[' || p1.punct === P_COLON;
      return punct === P_LBRACE || punct === P_RBRACKET || punct === P_RBRACE || DATA_PUNCTUATORS.has(punct);
    default:
      return false;
  }
}

/**
 * Whether a literal opened inside `parent` can become a data span or part of one: inside a data literal, or where a
 * data literal is recorded (see the close of a frame). Others (a plain call's argument, the most common) are not
 * tracked token by token.
 */
function mayHoldData(parent: Frame | undefined, arrowBody: boolean): boolean {
  if (parent === undefined) return true;
  if (parent.data) return true;
  if (parent.ch === '{') return !parent.object && !parent.pattern;
  return parent.ch === '(' && (arrowBody || methodCall(parent));
}

/**
 * Whether a data literal opened inside `parent` may hold member accesses and calls (`{T: v.getEnumType(x)}`, what
 * @bufbuild/protobuf's descriptor tables hold): only where its value is never read by what a skeleton decides — an
 * arrow's expression body (an arrow is inert whatever its body) or a method call's argument (the call is not inert
 * whatever its arguments; unit finders read plain calls only) — or inside such a literal.
 */
function membersAllowed(parent: Frame | undefined, arrowBody: boolean): boolean {
  if (parent !== undefined && parent.data) return parent.members;
  return arrowBody || (parent !== undefined && parent.ch === '(' && methodCall(parent));
}

/**
 * A `(` after a key of the data object `top` (`{name(`, `, name(`): a method's parameters. Declaring a method runs
 * nothing (hoisted.ts isInertExpression agrees), and a webpack module table's keys are numbers or paths (modules.ts
 * webpackTable), so an object with a method named by a plain name is never one. Keywords (`get`, `async`, `static`,
 * and the `{if(…)` of a block misread as an object) keep the literal parsed.
 */
function methodKey(top: Frame, p1: Sig, p2: Sig): boolean {
  return top.object && top.ch === '{' && p1.kind === TokenKind.IdentifierName && p1.kw === 0 && (p2.punct === P_LBRACE || p2.punct === P_COMMA);
}

/** A `(` frame that opens the arguments of a method call, `o.f(…)` (whose arguments no unit finder reads). */
function methodCall(paren: Frame): boolean {
  return paren.preKind === TokenKind.IdentifierName && (paren.prePrePunct === P_DOT || paren.prePrePunct === P_OPTIONAL);
}

/** Tokens that end the expression a literal is the whole value of (`= "x",`, `: "x"}`, `= "x";`). */
const BINDING_END = punctSet(',', ';', ')', ']', '}', ':');
const ASSIGN = punctSet('=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=');
/** Tokens after which a name starts an expression statement (in a block or class body, or after an arrow). */
const STATEMENT_BEFORE = punctSet(';', '}', '{', ',', ')');
const DECLARATION = keywordSet('var', 'let', 'const');

/**
 * The name a string literal is bound to, as the AST reader (strings.ts) binds it — `var a = "x"`, `a = "x"`,
 * `o.a = "x"`, `{a: "x"}`, `{"a": "x"}`, a class field `a = "x"` — from the three tokens before the literal and the
 * innermost open bracket; the caller keeps it only when the token after the literal ends the expression. Forms the
 * tokens cannot tell from a parameter or pattern default (`f(a = "x")`, `[a = "x"]`, `{a = "x"}`) get none: a name
 * missed costs a role, a name a full parse would not give could add one.
 */
function bindingOf(code: string, p1: Sig, p2: Sig, p3: Sig, top: Frame | undefined): string | undefined {
  if (p1.punct === P_COLON) {
    if (!top?.object || (p3.punct !== P_LBRACE && p3.punct !== P_COMMA)) return undefined;
    if (p2.kind === TokenKind.IdentifierName) return escaped(code, p2) ? undefined : code.slice(p2.start, p2.end);
    return p2.kind === TokenKind.StringLiteral ? cook(quoted(code, p2), false) : undefined;
  }
  if (p2.kind !== TokenKind.IdentifierName || !ASSIGN.has(p1.punct)) return undefined;
  if (escaped(code, p2)) return undefined; // an escaped name: the parser decodes it
  if (p3.punct === P_DOT) return code.slice(p2.start, p2.end);
  if (p2.kw !== 0) return undefined;
  if (p3.kind === TokenKind.IdentifierName && DECLARATION[p3.kw] === 1) return p1.punct === P_ASSIGN ? code.slice(p2.start, p2.end) : undefined;
  if (p3.punct === P_ARROW) return code.slice(p2.start, p2.end);
  if (p3.kind !== TokenKind.Punctuator && p3.kind !== TokenKind.None) return undefined;
  const block = top === undefined || (top.ch === '{' && !top.object && !top.pattern);
  return block && (p3.kind === TokenKind.None || STATEMENT_BEFORE.has(p3.punct)) ? code.slice(p2.start, p2.end) : undefined;
}

/** Whether a name token is spelled with an escape (`\u0061`). */
function escaped(code: string, tok: Sig): boolean {
  for (let k = tok.start; k < tok.end; k++) if (code.charCodeAt(k) === 92) return true;
  return false;
}

/** A string literal token's text between its quotes (as `text.slice(1, -1)`: an unclosed `"` at the end gives ''). */
function quoted(code: string, tok: Sig): string {
  return code.slice(tok.start + 1, Math.max(tok.start + 1, tok.end - 1));
}

/** Whether an object-literal property token spells a key: `name`, `"name"`, `1` (see keyOf). */
function isKey(code: string, tok: Sig): boolean {
  return tok.kind === TokenKind.IdentifierName || tok.kind === TokenKind.NumericLiteral || (tok.kind === TokenKind.StringLiteral && cook(quoted(code, tok), false) !== undefined);
}

/** The key an object-literal property token spells: `name`, `"name"`, `1`. */
function keyOf(code: string, tok: Sig): string | undefined {
  if (tok.kind === TokenKind.IdentifierName || tok.kind === TokenKind.NumericLiteral) return code.slice(tok.start, tok.end);
  if (tok.kind === TokenKind.StringLiteral) return cook(quoted(code, tok), false);
  return undefined;
}
