// A tokenizer-level outline of a script: one pass of the tokenizer (tokens.ts: js-tokens' token stream without an
// object per token) yields what the JS reader needs from code it does not parse — string literals and template
// chunks (cooked, placed exactly where Babel places them), comments, property/declaration names, the extent of
// every function body, plain calls with a literal or no argument (`require("x")`, `require_x()`, `n(123)`) and
// inlined package.json objects. The reader parses only the code it must analyse and takes everything else from
// here (see elide.ts).
import { JsScanner } from './tokens.js';
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
 * library statements there (hoisted.ts isInertDeclaration) sees an inert literal either way.
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
   * Outermost data literals at least MIN_DATA_SPAN long, in source order: the value of a declaration, assignment,
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

/** Keywords after which `(…)` then `{` opens a statement block, not a function body. */
const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with']);
/** Tokens after which `{` starts an object literal (used for inlined package.json only). */
const OBJECT_PREV = new Set(['=', '(', ',', ':', '[', '?', 'return', '&&', '||', '??', '!', '...']);
const KEYWORDS = new Set(
  'break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof new return super switch this throw try typeof var void while with yield let static await async of get set'.split(
    ' ',
  ),
);
/** Tokens before a method name: `{m(){`, `}m(){`, `,m(){`, `;m(){`, `*m(){`, `static m(){`, `get m(){`. */
const METHOD_PREV = new Set(['{', '}', ',', ';', '*', 'static', 'get', 'set', 'async']);
const MIN_IDENTIFIER = 3;
const COMPARISON = new Set(['===', '!==', '==', '!=']);
const VERSION = /^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;

interface Sig {
  type: string;
  value: string;
  start: number;
  line: number;
  column: number;
}

interface Frame {
  ch: '(' | '[' | '{';
  /** `(`: the significant token before it (a copy), and the one before that. */
  pre?: Sig;
  prePre?: string;
  /** `{`: a `try` block (a `catch` after it is the clause, not a method named catch). */
  tryBlock?: boolean;
  /** `{`: index in bodies when a function body. */
  body?: number;
  object?: boolean;
  /** `{`: a declaration's destructuring pattern (`const {a = "x"} = o`). */
  pattern?: boolean;
  /** `[` or object `{`: every token so far is data (see DataSpan). */
  data: boolean;
  /** `[` or `{`: opened right after `=>` (an arrow's expression body). */
  arrowBody: boolean;
  /** `{`: a class body with no `static`, `[` or decorator at its level so far. */
  shell: boolean;
  props?: number;
  name?: string;
  version?: string;
  start: number;
  line: number;
  column: number;
}

/** Every frame has every field, in one order: the stack's objects share one shape (frames are the outline's hot data). */
function newFrame(ch: Frame['ch'], start: number, line: number, column: number): Frame {
  return { ch, pre: undefined, prePre: undefined, tryBlock: false, body: undefined, object: false, pattern: false, data: false, arrowBody: false, shell: false, props: undefined, name: undefined, version: undefined, start, line, column };
}

/** Outlines a script. Never throws on odd input: the tokenizer accepts any text. */
export function outlineScript(code: string): Outline {
  const strings: RawString[] = [];
  const bodies: FnBody[] = [];
  const calls: TokenCall[] = [];
  const packages: InlinedPackage[] = [];
  const data: DataSpan[] = [];
  const stack: Frame[] = [];
  // A data literal just closed, kept when the next token ends the expression it is the value of (not `= …`).
  let pendingData: DataSpan | undefined;
  let dataTop: Frame | undefined; // the innermost open frame when it is a data literal so far
  const shells: DataSpan[] = [];
  let shellTop: Frame | undefined; // the innermost open frame when it is an inert class body so far
  const open = (frame: Frame): void => {
    stack.push(frame);
    dataTop = frame.data ? frame : undefined;
    shellTop = frame.shell ? frame : undefined;
  };
  let unbalanced = 0;
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  // The last four significant tokens (p1 most recent); four records rotate so no token allocates one.
  const none = (): Sig => ({ type: 'None', value: '', start: -1, line: 0, column: 0 });
  let p1 = none();
  let p2 = none();
  let p3 = none();
  let p4 = none();
  const shift = (type: string, value: string, start: number, line: number, column: number) => {
    const r = p4;
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = r;
    r.type = type;
    r.value = value;
    r.start = start;
    r.line = line;
    r.column = column;
  };
  let lastParen: Frame | undefined; // the `(` frame most recently closed, when p1 is `)`
  let pendingProp: { frame: Frame; key: 'name' | 'version'; value: string } | undefined;
  let currentBody = -1;
  let lastLiteral: RawString | undefined; // the literal just pushed, until the next significant token
  let pendingBinding: string | undefined; // the name lastLiteral is bound to if the next token ends its expression
  let closedTry = false; // the last `}` closed a try block
  let catchClause = false; // the last `catch` follows a try block
  let heritageDepth = -1; // stack depth of a pending `extends …` (its `{` opens a class body)
  // Names are kept once, at their first occurrence (as the AST collector does).
  const seenNames = new Set<string>();
  const addName = (value: string, start: number, line: number, column: number): void => {
    // Escaped names (`\u00C0`) are left to the parser, which decodes them.
    if (value.length < MIN_IDENTIFIER || seenNames.has(value) || value.includes('\\')) return;
    seenNames.add(value);
    strings.push({ value, kind: 'identifier', start, end: start + value.length, line, column, endLine: line, endColumn: column + value.length });
  };
  const addSig = (s: Sig): void => addName(s.value, s.start, s.line, s.column);

  const scanner = new JsScanner(code);
  while (scanner.next()) {
    const start = scanner.start;
    const value = scanner.value();
    pos = scanner.end;
    const type = scanner.type;
    const startLine = scanner.line;
    const startCol = scanner.column;
    line = scanner.endLine;
    lineStart = scanner.lineStart;

    if (type === 'SingleLineComment' || type === 'MultiLineComment') {
      // (comments handled below; they neither end a data literal nor taint one)
    } else {
      if (pendingData !== undefined) {
        if (type === 'Punctuator' && DATA_AFTER.has(value)) data.push(pendingData);
        pendingData = undefined;
      }
      if (dataTop !== undefined && !isDataToken(type, value, dataTop, p1)) {
        dataTop.data = false;
        dataTop = undefined;
      }
      // A static member, a computed key (or a field's array value: `[` either way) or a decorator runs at declaration.
      if (shellTop !== undefined && (value === 'static' || value === '[' || value === '@' || type === 'Invalid')) {
        shellTop.shell = false;
        shellTop = undefined;
      }
    }
    if (lastLiteral && type !== 'SingleLineComment' && type !== 'MultiLineComment') {
      if (COMPARISON.has(value)) lastLiteral.compared = true;
      if (pendingBinding !== undefined && type === 'Punctuator' && BINDING_END.has(value)) lastLiteral.binding = pendingBinding;
      lastLiteral = undefined;
      pendingBinding = undefined;
    }

    switch (type) {
      case 'SingleLineComment':
      case 'MultiLineComment': {
        const body = type === 'SingleLineComment' ? value.slice(2) : value.slice(2, scanner.closed ? -2 : undefined);
        const v = body.trim();
        if (v) {
          strings.push({ value: v, kind: 'comment', start, end: pos, line: startLine, column: startCol, endLine: line, endColumn: pos - lineStart });
        }
        continue; // comments are not significant tokens
      }
      case 'HashbangComment':
        continue;
      case 'StringLiteral':
      case 'NoSubstitutionTemplate':
      case 'TemplateHead':
      case 'TemplateMiddle':
      case 'TemplateTail': {
        const closed = scanner.closed;
        const template = type !== 'StringLiteral';
        const inner =
          type === 'TemplateHead' || type === 'TemplateMiddle' ? value.slice(1, -2) : value.slice(1, closed ? -1 : undefined);
        const cooked = cook(inner, template);
        // Babel reports empty template chunks as nothing and empty string literals as ''.
        if (cooked !== undefined && !(cooked === '' && template)) {
          const tail = !template ? 0 : type === 'TemplateHead' || type === 'TemplateMiddle' ? 2 : closed ? 1 : 0;
          const s = template ? start + 1 : start;
          const end = pos - tail;
          const lit: RawString = {
            value: cooked,
            kind: 'literal',
            start: s,
            end,
            line: startLine,
            column: startCol + (template ? 1 : 0),
            endLine: line,
            endColumn: pos - lineStart - tail,
            compared: COMPARISON.has(p1.value),
          };
          strings.push(lit);
          lastLiteral = lit;
          if (type === 'StringLiteral') pendingBinding = bindingOf(p1, p2, p3, stack[stack.length - 1]);
        }
        if (type === 'StringLiteral' && p1.value === ':' && (p3.value === '{' || p3.value === ',')) {
          const frame = stack[stack.length - 1];
          const key = keyOf(p2);
          if (frame?.object && (key === 'name' || key === 'version') && cooked !== undefined) pendingProp = { frame, key, value: cooked };
        }
        break;
      }
      default:
        break;
    }

    // A package.json property counts only when its string value ends there (`name: "x",`, not `name: "x" + y`).
    if (pendingProp && type !== 'StringLiteral') {
      if (value === ',' || value === '}') pendingProp.frame[pendingProp.key] = pendingProp.value;
      pendingProp = undefined;
    }

    if (type === 'IdentifierName' && p1.value !== '.' && p1.value !== '?.') {
      if (value === 'catch') catchClause = p1.value === '}' && closedTry;
      else if (value === 'extends') heritageDepth = stack.length;
    }
    if (type === 'IdentifierName' && (p1.value === '.' || p1.value === '?.' || ((p1.value === 'function' || p1.value === 'class') && !KEYWORDS.has(value)))) {
      addName(value, start, startLine, startCol);
    } else if (value === ':' && (p2.value === '{' || p2.value === ',')) {
      // `{key: …`, `, key: …` in an object literal: a property name.
      const frame = stack[stack.length - 1];
      if (frame?.object && keyOf(p1) !== undefined) {
        frame.props = (frame.props ?? 0) + 1;
        if (p1.type === 'IdentifierName') addSig(p1);
      }
    }

    if (type === 'Punctuator') {
      switch (value) {
        case '(':
          // A method named `catch` is a function; the clause after a try block is not.
          const method = p1.value === 'catch' && !catchClause;
          // The token before `(`, copied field by field (the four token records rotate).
          const pre: Sig = { type: method ? 'MethodName' : p1.type, value: p1.value, start: p1.start, line: p1.line, column: p1.column };
          const paren = newFrame('(', start, startLine, startCol);
          paren.pre = pre;
          paren.prePre = p2.value;
          open(paren);
          break;
        case '[': {
          const frame = newFrame('[', start, startLine, startCol);
          frame.arrowBody = p1.value === '=>';
          frame.data = ARRAY_PREV.has(p1.value) && mayHoldData(stack[stack.length - 1], frame.arrowBody);
          open(frame);
          break;
        }
        case '{': {
          const classBody = heritageDepth === stack.length;
          if (classBody) heritageDepth = -1;
          // `class {`, `class X {`, `class X extends Y {`.
          const shell = classBody || p1.value === 'class' || (p2.value === 'class' && p1.type === 'IdentifierName' && p3.value !== '.' && p3.value !== '?.');
          const fn = !classBody && (p1.value === '=>' || (p1.value === ')' && lastParen !== undefined && !(lastParen.pre !== undefined && lastParen.pre.type !== 'MethodName' && CONTROL.has(lastParen.pre.value))));
          const frame = newFrame('{', start, startLine, startCol);
          if (p1.value === 'try') frame.tryBlock = true;
          if (fn && lastParen?.pre && lastParen.prePre !== undefined && METHOD_PREV.has(lastParen.prePre)) {
            // `name(…){` in a class or object literal: a method name.
            const pre = lastParen.pre;
            if (pre.type === 'IdentifierName' && !KEYWORDS.has(pre.value)) addSig(pre);
            else if (pre.type === 'MethodName') addSig(pre);
          }
          if (fn) {
            frame.body = bodies.length;
            bodies.push({ open: start, close: -1, parent: currentBody, line: startLine, column: startCol + 1 });
            currentBody = frame.body;
          } else if (OBJECT_PREV.has(p1.value)) {
            frame.object = true;
            frame.data = mayHoldData(stack[stack.length - 1], false);
            frame.props = 0;
          } else if (DECLARATION.has(p1.value)) frame.pattern = true;
          frame.shell = shell && !fn;
          open(frame);
          break;
        }
        case ')':
        case ']':
        case '}': {
          const want = value === ')' ? '(' : value === ']' ? '[' : '{';
          let frame = stack.pop();
          while (frame && frame.ch !== want) {
            unbalanced++;
            if (frame.body !== undefined) currentBody = bodies[frame.body]!.parent;
            frame = stack.pop();
          }
          if (!frame) {
            unbalanced++;
            break;
          }
          if (value === '}') closedTry = frame.tryBlock === true;
          const parent = stack[stack.length - 1];
          if (frame.data) {
            // Outermost only, and only where it is a whole value (a parent literal would hold it; a call's
            // argument list may be read by a unit finder).
            if (
              start - frame.start >= MIN_DATA_SPAN &&
              (parent === undefined || (parent.ch === '{' && !parent.object && !parent.pattern) || (parent.ch === '(' && (frame.arrowBody || methodCall(parent))))
            ) {
              pendingData = { open: frame.start, close: start };
            }
          } else if (parent !== undefined) parent.data = false;
          dataTop = parent !== undefined && parent.data ? parent : undefined;
          shellTop = parent !== undefined && parent.shell ? parent : undefined;
          if (frame.shell && start - frame.start >= MIN_DATA_SPAN) shells.push({ open: frame.start, close: start });
          if (frame.body !== undefined) {
            bodies[frame.body]!.close = start;
            currentBody = bodies[frame.body]!.parent;
          }
          if (value === '}' && frame.object && frame.name !== undefined && frame.version !== undefined) {
            const props = frame.props ?? 0;
            if (props >= 2 && props <= 200 && VERSION.test(frame.version)) {
              packages.push({ name: frame.name, version: frame.version, start: frame.start, line: frame.line, column: frame.column });
            }
          }
          if (value === ')') {
            // `name()`, `name(1)`, `name("x")`: a plain call (the name is not a member and not a keyword).
            const callee = p1.value === '(' ? p2 : p2.value === '(' ? p3 : undefined;
            const before = p1.value === '(' ? p3 : p4;
            const argTok = p1.value === '(' ? undefined : p1;
            if (
              callee !== undefined &&
              callee.type === 'IdentifierName' &&
              !KEYWORDS.has(callee.value) &&
              before.value !== '.' &&
              before.value !== '?.' &&
              before.value !== 'function' &&
              before.value !== 'new' &&
              (!argTok || argTok.type === 'NumericLiteral' || argTok.type === 'StringLiteral')
            ) {
              const call: TokenCall = { callee: callee.value, start: callee.start, line: callee.line, column: callee.column };
              if (argTok) {
                const v = argTok.type === 'StringLiteral' ? cook(argTok.value.slice(1, -1), false) : argTok.value;
                if (v !== undefined) call.arg = { kind: argTok.type === 'StringLiteral' ? 'string' : 'number', value: v };
              }
              calls.push(call);
            }
          }
          lastParen = value === ')' ? frame : undefined;
          shift(type, value, start, startLine, startCol);
          continue;
        }
        default:
          break;
      }
    }
    lastParen = undefined;
    shift(type, value, start, startLine, startCol);
  }
  if (lastLiteral && pendingBinding !== undefined) lastLiteral.binding = pendingBinding;
  if (pendingData !== undefined) data.push(pendingData);
  unbalanced += stack.length;
  // One property order for both outlines (quick-outline.ts too): functions reading either see one shape.
  return { strings, bodies, calls, packages, unbalanced, data, shells };
}

/** Data literals are recorded from this length on (`[` to `]`): shorter ones cost the parse less than a blank. */
export const MIN_DATA_SPAN = 64;
/** Tokens after which `[` opens an array literal (not a member access). */
const ARRAY_PREV = new Set([...OBJECT_PREV, '=>']);
/** Tokens after a data literal that end the expression it is the value of (`= […];`, `, x = {…},`, `=> […])`). */
const DATA_AFTER = new Set([',', ';', ')', ']', '}', ':']);
/** Punctuators a data literal may hold besides brackets (a separator, a key's colon, `!0`, `-1`). */
const DATA_PUNCTUATORS = new Set([',', ':', '!', '-']);

/**
 * Whether a token inside the data literal `top` keeps it data: literals, names (a keyword only in key position,
 * `{default: 1}`), `,` `:` `!` `-`. Brackets are handled where they open and close.
 */
function isDataToken(type: string, value: string, top: Frame, p1: Sig): boolean {
  switch (type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'NoSubstitutionTemplate':
      return true;
    case 'IdentifierName':
      return !KEYWORDS.has(value) || (top.object === true && (p1.value === '{' || p1.value === ','));
    case 'Punctuator':
      // `[` in an object is a computed key unless it is a value (`a: [`); `{` here is a nested literal.
      if (value === '[') return top.ch === '[' || p1.value === ':';
      return value === '{' || value === ']' || value === '}' || DATA_PUNCTUATORS.has(value);
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

/** A `(` frame that opens the arguments of a method call, `o.f(…)` (whose arguments no unit finder reads). */
function methodCall(paren: Frame): boolean {
  return paren.pre !== undefined && paren.pre.type === 'IdentifierName' && (paren.prePre === '.' || paren.prePre === '?.');
}

/** Tokens that end the expression a literal is the whole value of (`= "x",`, `: "x"}`, `= "x";`). */
const BINDING_END = new Set([',', ';', ')', ']', '}', ':']);
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);
/** Tokens after which a name starts an expression statement (in a block or class body, or after an arrow). */
const STATEMENT_BEFORE = new Set([';', '}', '{', ',', ')', 'None']);
const DECLARATION = new Set(['var', 'let', 'const']);

/**
 * The name a string literal is bound to, as the AST reader (strings.ts) binds it — `var a = "x"`, `a = "x"`,
 * `o.a = "x"`, `{a: "x"}`, `{"a": "x"}`, a class field `a = "x"` — from the three tokens before the literal and the
 * innermost open bracket; the caller keeps it only when the token after the literal ends the expression. Forms the
 * tokens cannot tell from a parameter or pattern default (`f(a = "x")`, `[a = "x"]`, `{a = "x"}`) get none: a name
 * missed costs a role, a name a full parse would not give could add one.
 */
function bindingOf(p1: Sig, p2: Sig, p3: Sig, top: Frame | undefined): string | undefined {
  if (p1.value === ':') {
    if (!top?.object || (p3.value !== '{' && p3.value !== ',')) return undefined;
    if (p2.type === 'IdentifierName') return p2.value.includes('\\') ? undefined : p2.value;
    return p2.type === 'StringLiteral' ? cook(p2.value.slice(1, -1), false) : undefined;
  }
  if (p2.type !== 'IdentifierName' || !ASSIGN.has(p1.value)) return undefined;
  if (p2.value.includes('\\')) return undefined; // an escaped name: the parser decodes it
  if (p3.value === '.') return p2.value;
  if (KEYWORDS.has(p2.value)) return undefined;
  if (DECLARATION.has(p3.value)) return p1.value === '=' ? p2.value : undefined;
  if (p3.value === '=>') return p2.value;
  if (p3.type !== 'Punctuator' && p3.type !== 'None') return undefined;
  const block = top === undefined || (top.ch === '{' && !top.object && !top.pattern);
  return block && STATEMENT_BEFORE.has(p3.type === 'None' ? 'None' : p3.value) ? p2.value : undefined;
}

/** The key an object-literal property token spells: `name`, `"name"`, `1`. */
function keyOf(tok: Sig): string | undefined {
  if (tok.type === 'IdentifierName' || tok.type === 'NumericLiteral') return tok.value;
  if (tok.type === 'StringLiteral') return cook(tok.value.slice(1, -1), false);
  return undefined;
}
