// The structural pass over a source file's tokens (lexer.ts): imports, class and function boundaries, declarations
// (typed and initialised), assignments and call sites with their receivers and argument values — the code model
// (scanner/model/types.ts) the checks read, as they read the one DEX, Mach-O, Hermes and JS give. Not a parser: it
// recognises the shapes these statements take and leaves the rest alone. Two linear passes over the tokens;
// expression evaluation and name resolution are depth-bounded.
import type { CodeModel, ModelCall, ModelFunction, ModelValue, Receiver } from '../../model/types.js';
import { LineIndex } from '../../core/line-index.js';
import { lex, type Lang, type Token } from './lexer.js';
import { CONSTANT_WORDS, isJvmPrimitive, isKeyword, jvmDescriptor, jvmImplicit, MODIFIERS, platformOfLang } from './languages.js';

/**
 * Library calls whose result carries its argument's content (Dart `Uri.parse(url)`, `jsonEncode(map)`, Android
 * `Uri.parse`): a URL or request body built through them keeps its holes, so flows into requests stay visible.
 */
const CONTENT_CONVERSIONS = new Set(['Uri.parse', 'Uri.tryParse', 'Uri.encodeFull', 'jsonEncode', 'json.encode', 'JSON.stringify']);
/** The same with a labelled argument (Swift): the label of the argument whose content the result carries. */
const LABELLED_CONVERSIONS = new Map([['JSONSerialization.data', 'withJSONObject']]);

const MAX_EVAL_DEPTH = 8;
/** A URL path (segments, an optional query start), as constants of endpoint names hold: `stopAgora`, `/v1/join?`. */
const PATH_SEGMENT = /^\/?[\w.~%-]{1,60}(?:\/[\w.~%-]{1,60}){0,6}\/?\??$/;
const TOKEN_SHAPE = /^[\x21-\x7e]{8,512}$/;
const KOTLIN_MAPS = new Set(['mapOf', 'mutableMapOf', 'hashMapOf', 'linkedMapOf']);
const MAX_CALLS = 50_000;
const MAX_ARGS = 32;
const MAX_TEXT = 120;
const MAX_EXPR_TOKENS = 512;
/** URL constants a file offers to the others (scanner/checks/app-values.ts). */
const MAX_CONSTANTS = 512;

type Range = [number, number];

interface Decl {
  name: string;
  type?: string;
  init?: Range;
  kind: 'local' | 'field' | 'param';
  constant: boolean;
  /** Scope: token range of the enclosing block (fields: the class body, file-level: the whole file). */
  scope: Range;
  at: number;
  fn: number;
  paramIndex?: number;
  owner?: string;
  /** Later assignments `name = …` (their right-hand sides). */
  assigns: Range[];
  /** Entries stored under a literal key, `params["uid"] = …` (a dictionary or map filled before it is sent). */
  keyed?: Array<{ key: string; value: Range; at: number }>;
  /** Properties set on a local after its initialiser (`request.httpBody = body`): `name.key = value` at `at`. */
  members?: Array<{ key: string; value: Range; at: number }>;
  /** A Swift computed property (`var base: String { get { return "http://…" } }`): what its getter returns. */
  getter?: Range[];
  /** Declared private (`private`, `fileprivate`, `private(set)`, Dart `_name`): no other file assigns it. */
  hidden?: boolean;
}

interface Block {
  open: number;
  close: number;
  kind: 'class' | 'fn' | 'block';
  fn: number;
  cls?: string;
  /** A Swift `extension X { … }`: X's fields are in scope there too. */
  extension?: boolean;
}

/** Brackets matched over a token list: index of the partner, -1 when unbalanced. */
/** Tokens lexed from a slice of the text, moved to the slice's offset (template holes too). */
function shiftTokens(T: Token[], by: number): void {
  for (const t of T) {
    t.at += by;
    t.e += by;
    if (t.parts) for (const p of t.parts) if (typeof p !== 'string') shiftTokens(p, by);
  }
}

function matchBrackets(T: Token[]): Int32Array {
  const m = new Int32Array(T.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < T.length; i++) {
    const t = T[i]!;
    if (t.k !== 'op') continue;
    const v = t.v;
    if (v === '(' || v === '[' || v === '{') stack.push(i);
    else if (v === ')' || v === ']' || v === '}') {
      const want = v === ')' ? '(' : v === ']' ? '[' : '{';
      // Pop to the matching opener; stray closers are skipped so one error does not unbalance the file.
      let k = stack.length - 1;
      while (k >= 0 && T[stack[k]!]!.v !== want && stack.length - k < 64) k--;
      if (k >= 0 && T[stack[k]!]!.v === want) {
        const o = stack[k]!;
        stack.length = k;
        m[o] = i;
        m[i] = o;
      }
    }
  }
  return m;
}

const isOp = (t: Token | undefined, v: string) => !!t && t.k === 'op' && t.v === v;
const isId = (t: Token | undefined): t is Token => !!t && t.k === 'id';
const cap = (s: string) => /^[A-Z]/.test(s);
const isLiteral = (t: Token | undefined) => !!t && (t.k === 'str' || t.k === 'num' || (t.k === 'id' && (t.v === 'nil' || t.v === 'null')));

export interface SourceModelResult {
  model: CodeModel;
  /** Fully qualified imports (`io.agora.rtc2.RtcEngine`, `package:agora_rtc_engine/agora_rtc_engine.dart`, `AgoraRtcKit`). */
  imports: string[];
}

/**
 * `opts.comments`: the lexer's comment ranges; commented-out code in them is read as code of the file's language
 * (CodeModel.commentedCalls).
 */
export function buildSourceModel(text: string, T: Token[], lang: Lang, opts: { library?: boolean; comments?: Array<[number, number]> } = {}): SourceModelResult {
  const b = new Builder(text, T, lang, !!opts.library);
  const result = b.build();
  if (!opts.library && opts.comments?.length) {
    const commented = b.commentedCalls(opts.comments);
    if (commented.length) result.model.commentedCalls = commented;
  }
  return result;
}

/** Comment text read as code at most: longer comments are licence headers and documentation. */
const MAX_COMMENT_CODE = 16 * 1024;
const MAX_COMMENTED_CALLS = 2_000;
/** Comments read as code per file: each pass sets up the file's imports again, so a file of many small comments is bounded. */
const MAX_COMMENT_PASSES = 2_000;

/**
 * Comments as code: consecutive `//` lines joined (a line comment after code stands alone), or one block comment,
 * with their markers (`//`, `/*`, `*\/`, a line's leading `*`) blanked so offsets stay the file's own.
 */
export function commentCode(text: string, comments: Array<[number, number]>): Array<{ at: number; code: string }> {
  const out: Array<{ at: number; code: string }> = [];
  let group: Array<[number, number]> = [];
  const flush = () => {
    if (!group.length) return;
    const at = group[0]![0];
    const end = group[group.length - 1]![1];
    group = [];
    if (end - at > MAX_COMMENT_CODE) return;
    const chars = text.slice(at, end).split('');
    const blank = (from: number, n: number) => {
      for (let k = from; k < from + n && k < chars.length; k++) if (chars[k] !== '\n') chars[k] = ' ';
    };
    if (text.startsWith('/*', at)) {
      let k = 2;
      while (chars[k] === '*' || chars[k] === '!') k++;
      blank(0, k);
      if (text.startsWith('*/', end - 2)) blank(end - at - 2, 2);
      // ` * ` at the start of each line of a block comment
      for (let k = 0; k < chars.length; k++) {
        if (chars[k] !== '\n') continue;
        let j = k + 1;
        while (chars[j] === ' ' || chars[j] === '\t') j++;
        if (chars[j] === '*' && chars[j + 1] !== '/') blank(j, 1);
      }
    } else {
      let k = 0;
      while (k < chars.length) {
        // each line of the group starts (after blanks) with `//`, `///`, `//!`
        while (chars[k] === ' ' || chars[k] === '\t') k++;
        if (chars[k] === '/' && chars[k + 1] === '/') {
          let n = 2;
          while (chars[k + n] === '/' || (n === 2 && chars[k + n] === '!')) n++;
          blank(k, n);
        }
        const nl = chars.indexOf('\n', k);
        if (nl < 0) break;
        k = nl + 1;
      }
    }
    const code = chars.join('');
    // Code has a call with an argument; prose rarely does.
    if (/[\w$)\]>]\s*\(/.test(code) && /["'\d]/.test(code)) out.push({ at, code });
  };
  for (const c of comments) {
    const last = group[group.length - 1];
    const line = text.startsWith('//', c[0]);
    // A `//` comment that starts its line continues the group of the `//` comment on the line before.
    const own = line && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', c[0] - 1) + 1, c[0]));
    if (last && own && text.startsWith('//', last[0]) && /^\r?\n[ \t]*$/.test(text.slice(last[1], c[0]))) {
      group.push(c);
      continue;
    }
    flush();
    group.push(c);
    if (!own) flush();
  }
  flush();
  return out;
}

class Builder {
  readonly match: Int32Array;
  readonly lines: LineIndex;
  readonly functions: ModelFunction[] = [];
  readonly calls: ModelCall[] = [];
  readonly decls = new Map<string, Decl[]>();
  readonly blocks = new Map<number, Block>();
  /** Token index of a function header's name → function index (those are not calls). */
  readonly headers = new Map<number, number>();
  readonly imports: string[] = [];
  /** Simple name → fully qualified (Java/Kotlin explicit imports, Kotlin `as` aliases). */
  readonly importMap = new Map<string, string>();
  readonly wildcards: string[] = [];
  /** Dart import prefixes (`as http`) → package URI. */
  readonly prefixes = new Map<string, string>();
  pkg = '';
  /** `(`-token index of a call → its model call (receivers that are call results). */
  readonly callAt = new Map<number, ModelCall>();
  readonly evaluating = new Set<Decl>();
  readonly resolving = new Set<Decl>();
  /** The function the call pass is in (messages nested in arguments are recorded there). */
  currentFn = -1;
  /** The function each assignment (`Decl.assigns` entry) is in: a field set in its class's constructor. */
  readonly assignFn = new WeakMap<Range, number>();
  /** `class\0name` → functions declared with that name in that class (`\0name`: top level), for calls in this file. */
  readonly fnByName = new Map<string, number[]>();
  /** `return` expressions and their function: what a function returns (returnedObjects). */
  readonly returnsAt: Array<{ fn: number; range: Range }> = [];

  constructor(
    readonly text: string,
    readonly T: Token[],
    readonly lang: Lang,
    readonly library: boolean,
    lines?: LineIndex,
  ) {
    this.match = matchBrackets(T);
    this.lines = lines ?? new LineIndex(text);
  }

  /**
   * Calls in commented-out code (`// RtcEngine.create(ctx, "…", handler)`): each comment read on its own as code of
   * this file, with this file's imports; marked `commented`, in no function, with where each literal of the call
   * sits. Readers say only that the code is commented out; the checks decide what such a call may report.
   */
  commentedCalls(comments: Array<[number, number]>): ModelCall[] {
    const out: ModelCall[] = [];
    for (const { at, code } of commentCode(this.text, comments).slice(0, MAX_COMMENT_PASSES)) {
      const { tokens } = lex(code, this.lang, 4096);
      shiftTokens(tokens, at);
      const sub = new Builder(this.text, tokens, this.lang, false, this.lines);
      sub.pkg = this.pkg;
      sub.imports.push(...this.imports);
      for (const [k, v] of this.importMap) sub.importMap.set(k, v);
      sub.wildcards.push(...this.wildcards);
      for (const [k, v] of this.prefixes) sub.prefixes.set(k, v);
      sub.structure();
      sub.scanCalls();
      for (const [open, call] of sub.callAt) {
        const close = sub.match[open]! > open ? sub.match[open]! : open;
        const literals: Record<string, { line: number; column: number }> = {};
        for (let k = open + 1; k < close; k++) {
          const t = tokens[k]!;
          if ((t.k === 'str' && !t.parts) || t.k === 'num') {
            const v = t.k === 'num' ? String(Number(t.v)) : t.v;
            if (!(v in literals)) literals[v] = this.lines.at(t.at);
          }
        }
        const c: ModelCall = { ...call, fn: -1, commented: true, literalAt: literals };
        delete c.callsFn;
        delete c.context;
        out.push(c);
        if (out.length >= MAX_COMMENTED_CALLS) return out;
      }
    }
    return out;
  }

  build(): SourceModelResult {
    this.scanImports();
    this.structure();
    this.scanCalls();
    const model: CodeModel = { functions: this.functions, calls: this.calls, platform: platformOfLang(this.lang), imports: this.imports };
    if (!this.library) this.returnedObjects();
    const constants = this.library ? [] : this.urlConstants();
    if (constants.length) model.constants = constants;
    return { model, imports: this.imports };
  }

  // ---- imports ----

  private scanImports(): void {
    const T = this.T;
    for (let i = 0; i < T.length; i++) {
      const t = T[i]!;
      if (t.k !== 'id') continue;
      if (t.v === 'package' && (this.lang === 'java' || this.lang === 'kotlin') && (i === 0 || t.nl || isOp(T[i - 1], ';'))) {
        this.pkg = this.dotted(i + 1).name;
      } else if (t.v === 'import' && (i === 0 || t.nl || isOp(T[i - 1], ';') || isOp(T[i - 1], '#') || isOp(T[i - 1], '@'))) {
        if (this.lang === 'dart') {
          const s = T[i + 1];
          if (s?.k !== 'str') continue;
          this.imports.push(s.v);
          if (isId(T[i + 2]) && T[i + 2]!.v === 'as' && isId(T[i + 3])) this.prefixes.set(T[i + 3]!.v, s.v);
        } else if (this.lang === 'objc') {
          // #import <AgoraRtcKit/AgoraRtcEngineKit.h>, #import "X.h", @import AgoraRtcKit;
          if (T[i + 1]?.k === 'str') this.imports.push(T[i + 1]!.v);
          else if (isOp(T[i + 1], '<')) {
            let j = i + 2;
            let s = '';
            while (j < T.length && j < i + 16 && !isOp(T[j], '>')) s += T[j++]!.v;
            this.imports.push(s);
          } else if (isId(T[i + 1])) this.imports.push(T[i + 1]!.v);
        } else if (this.lang === 'swift') {
          if (isId(T[i + 1])) this.imports.push(this.dotted(i + 1).name);
        } else {
          let j = i + 1;
          if (isId(T[j]) && T[j]!.v === 'static') j++;
          const d = this.dotted(j);
          let name = d.name;
          let end = d.end;
          if (isOp(T[end], '.') && isOp(T[end + 1], '*')) {
            this.wildcards.push(name);
            this.imports.push(name + '.*');
            continue;
          }
          this.imports.push(name);
          const simple = name.slice(name.lastIndexOf('.') + 1);
          if (isId(T[end]) && T[end]!.v === 'as' && isId(T[end + 1])) this.importMap.set(T[end + 1]!.v, name);
          else this.importMap.set(simple, name);
          name = '';
          end = 0;
        }
      }
    }
  }

  /** `a.b.C` starting at i: the dotted name and the index after it. */
  private dotted(i: number): { name: string; end: number } {
    const T = this.T;
    let name = '';
    let j = i;
    while (isId(T[j])) {
      name += T[j]!.v;
      if (isOp(T[j + 1], '.') && isId(T[j + 2])) {
        name += '.';
        j += 2;
      } else {
        j++;
        break;
      }
    }
    return { name, end: j };
  }

  // ---- types ----

  /** A type as written → the model's type name: JVM internal name (Java/Kotlin), else the bare class name. */
  resolveType(written: string): string {
    const base = written.replace(/<.*$/s, '').replace(/[?!*\s]|\[\]/g, '');
    if (this.lang !== 'java' && this.lang !== 'kotlin') return base.slice(base.lastIndexOf('.') + 1) || base;
    if (isJvmPrimitive(base)) return base;
    const parts = base.split('.');
    const head = parts[0]!;
    const imported = this.importMap.get(head);
    if (imported) return [imported.replace(/\./g, '/'), ...parts.slice(1)].join('$');
    const implicit = jvmImplicit(head);
    if (implicit && parts.length === 1) return implicit;
    // A fully qualified name (`io.agora.rtc.RtcEngine`): lower-case package segments, then the class.
    const firstClass = parts.findIndex((p) => cap(p));
    if (firstClass > 0) return parts.slice(0, firstClass).join('/') + '/' + parts.slice(firstClass).join('$');
    // One wildcard import: the name is that package's (the compiler would find it there or in this package).
    if (cap(head) && this.wildcards.length === 1) return [this.wildcards[0]!.replace(/\./g, '/') + '/' + head, ...parts.slice(1)].join('$');
    return base;
  }

  /** Parses a written type at i (`RtcEngine`, `List<String>?`, `io.agora.X`, `NSString *`); end index after it. */
  private typeAt(i: number): { type: string; end: number } | undefined {
    const T = this.T;
    // Swift collection types `[String: Any]`, `[Int]` (optionally `?`/`!`)
    if (this.lang === 'swift' && isOp(T[i], '[') && this.match[i]! > i) {
      let end = this.match[i]! + 1;
      if (isOp(T[end], '?') || isOp(T[end], '!')) end++;
      return { type: T.slice(i, end).map((x) => x.v).join(''), end };
    }
    if (!isId(T[i])) return undefined;
    let j = i;
    let s = T[j]!.v;
    j++;
    while (isOp(T[j], '.') && isId(T[j + 1])) {
      s += '.' + T[j + 1]!.v;
      j += 2;
    }
    if (isOp(T[j], '<')) {
      // generics: balanced <…> over a short span
      let depth = 0;
      const start = j;
      for (; j < T.length && j < start + 48; j++) {
        if (isOp(T[j], '<')) depth++;
        else if (isOp(T[j], '>')) {
          if (--depth === 0) {
            j++;
            break;
          }
        } else if (isOp(T[j], '>>')) {
          depth -= 2;
          if (depth <= 0) {
            j++;
            break;
          }
        } else if (T[j]!.k === 'op' && !/^[.,?*[\]]$/.test(T[j]!.v)) return undefined;
      }
      if (depth > 0) return undefined;
    }
    while (isOp(T[j], '?') || isOp(T[j], '!') || isOp(T[j], '*') || (isOp(T[j], '[') && isOp(T[j + 1], ']'))) j += isOp(T[j], '[') ? 2 : 1;
    return { type: s, end: j };
  }

  // ---- declarations, blocks, functions ----

  private addDecl(d: Decl): void {
    const l = this.decls.get(d.name);
    if (l) {
      if (l.length < 256) l.push(d);
    } else this.decls.set(d.name, [d]);
  }

  /**
   * A Swift extension of a class declared earlier in the file sees that class's fields (`socket.emit(…)` in
   * `extension GameController { … }`): each field is declared again with the extension's body as its scope, sharing
   * its assignments, so an assignment in either place is one of the field's.
   */
  private extendFields(block: Block): void {
    for (const list of this.decls.values()) {
      const fields = list.filter((d) => d.kind === 'field' && d.owner === block.cls && d.scope[1] < block.open);
      for (const d of fields) if (list.length < 256) list.push({ ...d, scope: [block.open, block.close] });
    }
  }

  /** The declaration `name` refers to at token index i: the innermost scope holding i. */
  lookup(name: string, i: number, fieldOnly = false): Decl | undefined {
    let best: Decl | undefined;
    for (const d of this.decls.get(name) ?? []) {
      if (fieldOnly && d.kind !== 'field') continue;
      if (i < d.scope[0] || i > d.scope[1]) continue;
      // Locals are visible after their declaration; fields and params in their whole scope.
      if (d.kind === 'local' && d.at > i) continue;
      if (!best || d.scope[0] > best.scope[0] || (d.scope[0] === best.scope[0] && d.at > best.at && d.at <= i)) best = d;
    }
    return best;
  }

  /** The end of an expression starting at i: `;`, `,` or a closer at depth 0, or a new statement (Kotlin/Swift line). */
  exprEnd(i: number, limit = this.T.length): number {
    const T = this.T;
    // An initialiser longer than this is no value the checks could use; the bound keeps the pass linear.
    limit = Math.min(limit, i + MAX_EXPR_TOKENS);
    const newlineEnds = this.lang === 'kotlin' || this.lang === 'swift' || this.lang === 'dart';
    let j = i;
    while (j < limit) {
      const t = T[j]!;
      if (j > i && newlineEnds && t.nl && this.lang !== 'dart' && !continues(T[j - 1]!, t)) return j;
      if (t.k === 'op') {
        if (t.v === ';' || t.v === ',' || t.v === ')' || t.v === ']' || t.v === '}') return j;
        if ((t.v === '(' || t.v === '[' || t.v === '{') && this.match[j]! > j) {
          j = this.match[j]! + 1;
          continue;
        }
      }
      j++;
    }
    return limit;
  }

  private structure(): void {
    const T = this.T;
    const fileScope: Range = [0, T.length];
    const stack: Block[] = [];
    const fnOf = () => (stack.length ? stack[stack.length - 1]!.fn : -1);
    // Blocks inherit their class (classifyBlock), so the innermost block knows it: no walk down the stack.
    const clsOf = () => (stack.length ? stack[stack.length - 1]!.cls : undefined);
    const scopeOf = (): Range => (stack.length ? [stack[stack.length - 1]!.open, stack[stack.length - 1]!.close] : fileScope);
    const inClassBody = () => !stack.length || stack[stack.length - 1]!.kind === 'class';
    let objcClass: string | undefined;
    for (let i = 0; i < T.length; i++) {
      const t = T[i]!;
      if (t.k === 'op') {
        if (t.v === '{') {
          const close = this.match[i]! > i ? this.match[i]! : T.length;
          const block = this.classifyBlock(i, close, fnOf(), clsOf() ?? objcClass);
          this.blocks.set(i, block);
          stack.push(block);
          if (block.extension) this.extendFields(block);
        } else if (t.v === '}') {
          if (stack.length && stack[stack.length - 1]!.close === i) stack.pop();
        }
        continue;
      }
      if (t.k !== 'id') continue;
      if (t.v === 'return' && fnOf() >= 0 && !isOp(T[i - 1], '.') && this.returnsAt.length < 4096) this.returnsAt.push({ fn: fnOf(), range: [i + 1, this.exprEnd(i + 1)] });
      // Objective-C: @implementation X … @end; methods `- (T)sel:(T)a {`.
      if (this.lang === 'objc' && isOp(T[i - 1], '@') && (t.v === 'implementation' || t.v === 'interface') && isId(T[i + 1])) objcClass = T[i + 1]!.v;
      if (this.lang === 'objc' && isOp(T[i - 1], '@') && t.v === 'property') {
        this.objcProperty(i, objcClass);
        continue;
      }
      // Kotlin / Swift: val / var / let name [: Type] [= init]
      if ((this.lang === 'kotlin' || this.lang === 'swift') && (t.v === 'val' || t.v === 'var' || t.v === 'let') && isId(T[i + 1]) && !isOp(T[i - 1], '.')) {
        const name = T[i + 1]!.v;
        let j = i + 2;
        let type: string | undefined;
        if (isOp(T[j], ':')) {
          const ty = this.typeAt(j + 1);
          if (ty) {
            type = this.resolveType(ty.type);
            j = ty.end;
          }
        }
        let init: Range | undefined = isOp(T[j], '=') ? [j + 1, this.exprEnd(j + 1)] : undefined;
        if (init && this.lang === 'swift' && this.inCondition(i)) init = [init[0], this.conditionEnd(init[0], init[1])];
        const getter = !init && this.lang === 'swift' && isOp(T[j], '{') && this.match[j]! > j ? this.getterReturns(j, this.match[j]!) : undefined;
        const field = inClassBody();
        const hidden = this.privateBefore(i);
        this.addDecl({ name, type, init, kind: field ? 'field' : 'local', constant: t.v !== 'var', scope: scopeOf(), at: i, fn: fnOf(), owner: clsOf(), assigns: [], ...(getter ? { getter } : {}), ...(hidden ? { hidden } : {}) });
        i++; // the name: its `=` is the initialiser, not an assignment
        continue;
      }
      // Dart / Java / ObjC: [modifiers] Type name (= | ; | ,)   and Dart `final|var|const name =`
      if (this.lang === 'dart' || this.lang === 'java' || this.lang === 'objc') {
        const prev = T[i - 1];
        const boundary = !prev || (prev.k === 'op' && (prev.v === ';' || prev.v === '{' || prev.v === '}' || prev.v === ')' || prev.v === ':')) || (prev.k === 'id' && (MODIFIERS.has(prev.v) || prev.v === 'var')) || prev.v === '>' || isOp(prev, '@');
        if (boundary && !isKeyword(this.lang, t.v) || (boundary && (t.v === 'final' || t.v === 'const' || t.v === 'var' || t.v === 'static'))) {
          const d = this.typedDecl(i);
          if (d) {
            const field = inClassBody() || (this.lang === 'objc' && !stack.length);
            let hidden = this.privateBefore(i) || (this.lang === 'dart' && d.name.startsWith('_'));
            for (let k = i; k < d.at && !hidden; k++) if (isId(T[k]) && T[k]!.v === 'private') hidden = true;
            this.addDecl({ name: d.name, type: d.type, init: d.init, kind: field ? 'field' : 'local', constant: d.constant, scope: scopeOf(), at: d.at, fn: fnOf(), owner: clsOf(), assigns: [], ...(hidden ? { hidden } : {}) });
            i = d.at;
            continue;
          }
        }
      }
      // Entries: name["key"] = … (Swift/Kotlin/Dart dictionaries and maps, filled one key at a time)
      if (isOp(T[i + 1], '[') && T[i + 2]?.k === 'str' && isOp(T[i + 3], ']') && isOp(T[i + 4], '=') && !isOp(T[i - 1], '.')) {
        const d = this.lookup(t.v, i);
        if (d && d.kind === 'local') (d.keyed ??= []).length < 32 && d.keyed.push({ key: T[i + 2]!.v, value: [i + 5, this.exprEnd(i + 5)], at: i });
      }
      // Properties set on a local: name.key = … (a URLRequest's `httpBody` after `URLRequest(url:)`)
      if (isOp(T[i + 1], '.') && isId(T[i + 2]) && isOp(T[i + 3], '=') && !isOp(T[i - 1], '.') && !isOp(T[i - 1], '?.')) {
        const d = this.lookup(t.v, i);
        if (d && d.kind === 'local' && d.init) (d.members ??= []).length < 32 && d.members.push({ key: T[i + 2]!.v, value: [i + 4, this.exprEnd(i + 4)], at: i });
      }
      // Assignments: name = …, this.name = …, self.name = …
      if (isOp(T[i + 1], '=') && !isKeyword(this.lang, t.v)) {
        const dotted = isOp(T[i - 1], '.') || isOp(T[i - 1], '?.');
        const thisField = dotted && isId(T[i - 2]) && (T[i - 2]!.v === 'this' || T[i - 2]!.v === 'self') && !isOp(T[i - 3], '.');
        if (!dotted || thisField) {
          const rhs: Range = [i + 2, this.exprEnd(i + 2)];
          // `self.x = x` in an initialiser assigns the field, not the parameter of the same name.
          const d = this.lookup(t.v, i, thisField);
          if (d && d.assigns.length < 16) {
            d.assigns.push(rhs);
            this.assignFn.set(rhs, fnOf());
          }
        }
      }
    }
  }

  /**
   * What a Swift computed property's body `{`…`}` returns: each `return` expression (of `get { … }` or the body
   * itself), or the body when it is one expression (implicit return). Observers (`didSet`) return nothing.
   */
  private getterReturns(open: number, close: number): Range[] | undefined {
    const T = this.T;
    const out: Range[] = [];
    for (let k = open + 1; k < close && out.length < 8; k++) {
      if (isId(T[k]) && T[k]!.v === 'return' && !isOp(T[k - 1], '.')) out.push([k + 1, this.exprEnd(k + 1, close)]);
    }
    if (out.length) return out;
    if (isId(T[open + 1]) && /^(?:get|set|willSet|didSet)$/.test(T[open + 1]!.v)) return undefined;
    return open + 1 < close && this.exprEnd(open + 1, close) === close ? [[open + 1, close]] : undefined;
  }

  /** `@property (nonatomic, strong) AgoraRtcEngineKit *agoraKit;` */
  private objcProperty(i: number, owner: string | undefined): void {
    const T = this.T;
    let j = i + 1;
    if (isOp(T[j], '(') && this.match[j]! > j) j = this.match[j]! + 1;
    while (isId(T[j]) && MODIFIERS.has(T[j]!.v)) j++;
    const ty = this.typeAt(j);
    if (!ty) return;
    let k = ty.end;
    while (isOp(T[k], '*')) k++;
    if (!isId(T[k])) return;
    this.addDecl({ name: T[k]!.v, type: this.resolveType(ty.type), kind: 'field', constant: false, scope: [0, T.length], at: k, fn: -1, owner, assigns: [] });
    this.addDecl({ name: '_' + T[k]!.v, type: this.resolveType(ty.type), kind: 'field', constant: false, scope: [0, T.length], at: k, fn: -1, owner, assigns: [] });
  }

  /** `[modifiers] Type name [= init]` at i (Java, Dart, ObjC), or Dart `final|var|const name = init`. */
  private typedDecl(i: number): { name: string; type?: string; init?: Range; constant: boolean; at: number } | undefined {
    const T = this.T;
    let j = i;
    let constant = false;
    while (isId(T[j]) && (MODIFIERS.has(T[j]!.v) || T[j]!.v === 'var')) {
      if (CONSTANT_WORDS.has(T[j]!.v)) constant = true;
      j++;
    }
    // Dart `final name = …` / `var name = …`: no type.
    if (isId(T[j]) && (isOp(T[j + 1], '=') || isOp(T[j + 1], ';')) && j > i && !isKeyword(this.lang, T[j]!.v)) {
      const init: Range | undefined = isOp(T[j + 1], '=') ? [j + 2, this.exprEnd(j + 2)] : undefined;
      return { name: T[j]!.v, init, constant, at: j };
    }
    if (!isId(T[j]) || isKeyword(this.lang, T[j]!.v) && T[j]!.v !== 'void') return undefined;
    const ty = this.typeAt(j);
    if (!ty) return undefined;
    let k = ty.end;
    // `NSString *const kAppId`, `NSString * _Nonnull name`
    while (isOp(T[k], '*') || (isId(T[k]) && /^(?:const|_Nonnull|_Nullable|__strong|__weak|nonnull|nullable)$/.test(T[k]!.v) && isId(T[k + 1]))) k++;
    const nameTok = T[k];
    if (!isId(nameTok) || isKeyword(this.lang, nameTok.v)) return undefined;
    const after = T[k + 1];
    if (!(isOp(after, '=') || isOp(after, ';') || isOp(after, ','))) return undefined;
    // The type must look like one: a capitalised name, a primitive, or a dotted name.
    if (!cap(ty.type.slice(ty.type.lastIndexOf('.') + 1)) && !isJvmPrimitive(ty.type) && !/^(?:int|long|double|float|bool|num|dynamic|id|char|unsigned|short|uint\d*|int\d+_t|NSInteger|NSUInteger)$/.test(ty.type)) return undefined;
    const init: Range | undefined = isOp(after, '=') ? [k + 2, this.exprEnd(k + 2)] : undefined;
    return { name: nameTok.v, type: this.resolveType(ty.type), init, constant, at: k };
  }

  /** What a `{` opens: a class body, a function body (registering the function and its parameters), or a block. */
  private classifyBlock(open: number, close: number, outerFn: number, outerCls: string | undefined): Block {
    const T = this.T;
    // Class headers: a class keyword since the previous statement.
    for (let j = open - 1; j >= 0 && j > open - 48; j--) {
      const t = T[j]!;
      if (t.k === 'op' && (t.v === ';' || t.v === '{' || t.v === '}')) break;
      if (t.k === 'id' && /^(?:class|interface|enum|object|struct|extension|protocol|mixin|record)$/.test(t.v) && !isOp(T[j - 1], '.') && !isOp(T[j - 1], '::')) {
        const nameTok = T[j + 1];
        const name = isId(nameTok) ? nameTok.v : t.v === 'object' ? (outerCls ?? 'object') : undefined;
        if (!name) break;
        // Kotlin primary constructor / Dart-less: `class C(private val engine: RtcEngine)` — the parameters are fields.
        if (isOp(T[j + 2], '(') && this.match[j + 2]! > j + 2 && this.match[j + 2]! < open) this.params(j + 2, open, close, outerFn, name, 'field');
        const qualified = outerCls ? `${outerCls}.${name}` : name;
        return { open, close, kind: 'class', fn: outerFn, cls: qualified, ...(t.v === 'extension' && this.lang === 'swift' ? { extension: true } : {}) };
      }
    }
    const fn = this.functionHeader(open);
    if (fn) {
      const cls = outerCls;
      const pkg = this.pkg && (this.lang === 'java' || this.lang === 'kotlin') ? this.pkg + '.' : '';
      const name = this.lang === 'objc' ? fn.name : `${pkg}${cls ? cls + '.' : ''}${fn.name}`;
      const index = this.functions.length;
      const pos = this.lines.at(T[fn.nameAt]!.at);
      const f: ModelFunction = { name, line: pos.line, column: pos.column, params: 0 };
      if (this.library) f.inVendorCode = true;
      this.functions.push(f);
      this.headers.set(fn.nameAt, index);
      const key = `${cls ?? ''}\u0000${fn.name}`;
      const same = this.fnByName.get(key);
      if (same) same.length < 8 && same.push(index);
      else this.fnByName.set(key, [index]);
      if (fn.paramsOpen !== undefined) f.params = this.params(fn.paramsOpen, open, close, index, cls, 'param');
      if (fn.objcParams) {
        fn.objcParams.forEach((p, k) => this.addDecl({ name: p.name, type: p.type, kind: 'param', constant: false, scope: [open, close], at: open, fn: index, paramIndex: k, assigns: [] }));
        f.params = fn.objcParams.length;
      }
      return { open, close, kind: 'fn', fn: index, ...(outerCls ? { cls: outerCls } : {}) };
    }
    return { open, close, kind: 'block', fn: outerFn, ...(outerCls ? { cls: outerCls } : {}) };
  }

  /** Registers the parameters in `(`…`)` at `po` (scope: the body `open`…`close`); returns how many. */
  private params(po: number, open: number, close: number, fn: number, owner: string | undefined, kind: 'param' | 'field'): number {
    const T = this.T;
    const pc = this.match[po]!;
    let n = 0;
    let start = po + 1;
    // Generic arguments (`Map<String, dynamic> session`): their commas do not separate parameters.
    let angle = 0;
    for (let j = po + 1; j <= pc; j++) {
      const t = T[j]!;
      if (t.k === 'op' && t.v === '<' && isId(T[j - 1])) angle++;
      else if (t.k === 'op' && angle > 0 && (t.v === '>' || t.v === '>>')) angle = Math.max(0, angle - t.v.length);
      else if (angle > 0 && isOp(t, ',') && j !== pc) continue;
      if ((t.v === '(' || t.v === '[' || t.v === '{' || t.v === '<') && t.k === 'op' && this.match[j]! > j && t.v !== '<') {
        // Dart `{required Type name}` named parameters: read inside
        if ((t.v === '{' || t.v === '[') && this.lang === 'dart') {
          start = j + 1;
          continue;
        }
        j = this.match[j]!;
        continue;
      }
      if (j === pc || (t.k === 'op' && (t.v === ',' || ((t.v === '}' || t.v === ']') && this.lang === 'dart')))) {
        if (j > start) {
          const p = this.param(start, j);
          if (p) {
            this.addDecl({ name: p.name, type: p.type, kind, constant: kind === 'param' ? false : p.constant, scope: kind === 'field' ? [open, close] : [open, close], at: open, fn, paramIndex: n, owner, assigns: [] });
            n++;
          }
        }
        start = j + 1;
      }
    }
    return n;
  }

  /** One parameter: `Type name`, `final Type name`, `name: Type`, `label name: Type`, `this.name`, `@Ann Type name`. */
  private param(a: number, b: number): { name: string; type?: string; constant: boolean } | undefined {
    const T = this.T;
    // strip a default value
    let end = b;
    for (let j = a; j < b; j++) if (isOp(T[j], '=')) {
      end = j;
      break;
    }
    // annotations
    let s = a;
    while (isOp(T[s], '@') && isId(T[s + 1])) {
      s += 2;
      while (isOp(T[s], '.') && isId(T[s + 1])) s += 2;
      if (isOp(T[s], '(') && this.match[s]! > s) s = this.match[s]! + 1;
    }
    let constant = false;
    while (isId(T[s]) && (MODIFIERS.has(T[s]!.v) || T[s]!.v === 'val' || T[s]!.v === 'var' || T[s]!.v === 'let' || T[s]!.v === 'vararg')) {
      if (T[s]!.v === 'val' || T[s]!.v === 'final') constant = true;
      s++;
    }
    const colon = T.slice(s, end).findIndex((t) => isOp(t, ':'));
    if ((this.lang === 'kotlin' || this.lang === 'swift') && colon >= 0) {
      const nameTok = T[s + colon - 1];
      if (!isId(nameTok)) return undefined;
      const ty = this.typeAt(s + colon + 1);
      return { name: nameTok.v, ...(ty ? { type: this.resolveType(ty.type) } : {}), constant };
    }
    const last = T[end - 1];
    if (!isId(last)) return undefined;
    if (isOp(T[end - 2], '.') && isId(T[end - 3]) && T[end - 3]!.v === 'this') return { name: last.v, constant };
    const ty = end - 1 > s ? this.typeAt(s) : undefined;
    return { name: last.v, ...(ty && ty.end <= end - 1 ? { type: this.resolveType(ty.type) } : {}), constant };
  }

  /** A function header ending at the `{` at `open`: its name token, parameter list, ObjC parameters. */
  private functionHeader(open: number): { name: string; nameAt: number; paramsOpen?: number; objcParams?: Array<{ name: string; type?: string }> } | undefined {
    const T = this.T;
    if (this.lang === 'objc') {
      const m = this.objcMethodHeader(open);
      if (m) return m;
    }
    // Back from `{` over what may sit between `)` and `{`: throws clauses, return types, async markers.
    let j = open - 1;
    let steps = 0;
    while (j >= 0 && steps < 24 && !isOp(T[j], ')')) {
      const t = T[j]!;
      if (t.k === 'op' && !/^(?:\.|\?|<|>|,|:|->|\*|!|\[|\]|>>)$/.test(t.v)) return undefined;
      if (t.k === 'str' || t.k === 'num') return undefined;
      j--;
      steps++;
    }
    if (!isOp(T[j], ')')) return undefined;
    // Kotlin/Swift `fun f(): T {` / `-> T`; Java `throws X`; Dart `async`: any tokens between must be type-like words.
    for (let k = j + 1; k < open; k++) {
      const t = T[k]!;
      if (t.k === 'id' && isKeyword(this.lang, t.v) && !/^(?:throws|async|rethrows|where|some|any)$/.test(t.v)) return undefined;
    }
    const po = this.match[j]!;
    if (po < 0) return undefined;
    const nameTok = T[po - 1];
    if (!isId(nameTok)) return undefined;
    const before = T[po - 2];
    const name = nameTok.v;
    if (this.lang === 'kotlin') {
      // `fun name(`, `fun Type.name(`
      let b = po - 2;
      while (isOp(T[b], '.') && isId(T[b - 1])) b -= 2;
      if (isOp(T[b], '>') ) return undefined;
      if (!(isId(T[b]) && T[b]!.v === 'fun') && !(name === 'constructor' || name === 'init')) return undefined;
      return { name, nameAt: po - 1, paramsOpen: po };
    }
    if (this.lang === 'swift') {
      if (name === 'init' || (isId(before) && before.v === 'func')) return { name, nameAt: po - 1, paramsOpen: po };
      return undefined;
    }
    if (isKeyword(this.lang, name) && name !== 'void') return undefined;
    // Java / Dart / C: a call followed by a block is not a declaration unless a type or modifier precedes the name
    // (`void f() {`, `Future<void> f() async {`, `public X() {`), or it starts a statement in a class body.
    if (before && before.k === 'op' && !/^(?:>|\]|\?|\*|;|\{|\})$/.test(before.v)) return undefined;
    if (before && before.k === 'id' && (before.v === 'new' || before.v === 'return' || before.v === 'await')) return undefined;
    return { name, nameAt: po - 1, paramsOpen: po };
  }

  /** `- (void)joinChannel:(NSString *)channel uid:(NSUInteger)uid {` → `-[Class joinChannel:uid:]` with its params. */
  private objcMethodHeader(open: number): { name: string; nameAt: number; objcParams: Array<{ name: string; type?: string }> } | undefined {
    const T = this.T;
    let s = open - 1;
    let steps = 0;
    while (s >= 0 && steps < 96 && !(T[s]!.k === 'op' && (T[s]!.v === ';' || T[s]!.v === '{' || T[s]!.v === '}'))) {
      s--;
      steps++;
    }
    let j = s + 1;
    // `@end`, `@implementation Name` (and its category or superclass) before the first method
    for (let guard = 0; guard < 16 && j < open; guard++) {
      if (isOp(T[j], '@') && isId(T[j + 1]) && T[j + 1]!.v === 'end') j += 2;
      else if (isOp(T[j], '@') && isId(T[j + 1]) && /^(?:implementation|interface)$/.test(T[j + 1]!.v)) {
        j += 3;
        if (isOp(T[j], '(') && this.match[j]! > j) j = this.match[j]! + 1;
        if (isOp(T[j], ':') && isId(T[j + 1])) j += 2;
      } else break;
    }
    const sign = T[j];
    if (!(isOp(sign, '-') || isOp(sign, '+')) || !isOp(T[j + 1], '(')) return undefined;
    j = this.match[j + 1]! + 1;
    if (j <= 0) return undefined;
    const nameAt = j;
    let sel = '';
    const params: Array<{ name: string; type?: string }> = [];
    while (j < open && isId(T[j])) {
      const part = T[j]!.v;
      if (!isOp(T[j + 1], ':')) {
        if (!sel) sel = part;
        break;
      }
      sel += part + ':';
      j += 2;
      let type: string | undefined;
      if (isOp(T[j], '(') && this.match[j]! > j) {
        const ty = this.typeAt(j + 1);
        if (ty) type = this.resolveType(ty.type);
        j = this.match[j]! + 1;
      }
      if (isId(T[j])) {
        params.push({ name: T[j]!.v, ...(type ? { type } : {}) });
        j++;
      }
    }
    if (!sel) return undefined;
    const cls = this.objcClassAt(open);
    return { name: `${sign!.v}[${cls ?? '?'} ${sel}]`, nameAt, objcParams: params };
  }

  private objcClassAt(i: number): string | undefined {
    const T = this.T;
    for (let j = i; j >= 1; j--) if (isOp(T[j - 1], '@') && isId(T[j]) && T[j]!.v === 'implementation' && isId(T[j + 1])) return T[j + 1]!.v;
    return undefined;
  }

  // ---- calls ----

  private scanCalls(): void {
    const T = this.T;
    const stack: Block[] = [];
    for (let i = 0; i < T.length && this.calls.length < MAX_CALLS; i++) {
      const t = T[i]!;
      if (t.k === 'op') {
        if (t.v === '{') {
          const b = this.blocks.get(i);
          if (b) stack.push(b);
        } else if (t.v === '}') {
          if (stack.length && stack[stack.length - 1]!.close === i) stack.pop();
        } else if (t.v === '[' && this.lang === 'objc') {
          this.objcMessage(i, stack.length ? stack[stack.length - 1]!.fn : -1);
        }
        this.currentFn = stack.length ? stack[stack.length - 1]!.fn : -1;
        continue;
      }
      if (t.k !== 'id' || this.headers.has(i) || this.keywordAt(i)) continue;
      // `X(…)`, or a generic type's constructor with its arguments written out (`DownloadManager<User>()`).
      const po = isOp(T[i + 1], '(') ? i + 1 : this.genericArgsEnd(i);
      if (po < 0) continue;
      // `@SuppressLint("…")`, `@Named("x")`: annotations, not calls; `class C(…)`, `@interface C ()`: declarations.
      // An annotation with a string that declares a body-less method (`@GET("users") Call<U> users(@Query("uid")…);`)
      // is what a declarative HTTP client calls: modelled as the annotation's call (annotatedRequest).
      if (isOp(T[i - 1], '@')) {
        if (this.lang === 'java' || this.lang === 'kotlin') this.annotatedRequest(i, stack.length ? stack[stack.length - 1]! : undefined);
        continue;
      }
      if (isId(T[i - 1]) && /^(?:class|struct|interface|implementation|enum|object|record|fun|func|extension|protocol)$/.test(T[i - 1]!.v)) continue;
      if (this.match[po]! < 0) continue;
      // Dart / Java expression-bodied or abstract declarations: `Future<T> f(String id) async => …`, `void f(int a);`
      const after = T[this.match[po]! + 1];
      const before = T[i - 1];
      const typed = before && ((before.k === 'id' && !isKeyword(this.lang, before.v)) || isOp(before, '>') || isOp(before, '?'));
      if (typed && (isOp(after, '=>') || (isId(after) && after.v === 'async') || ((this.lang === 'java' || this.lang === 'dart') && isOp(after, ';') && before.k === 'id' && !/^(?:return|await|new|throw|else)$/.test(before.v)))) continue;
      this.currentFn = stack.length ? stack[stack.length - 1]!.fn : -1;
      this.call(i, this.currentFn, stack.length ? stack[stack.length - 1]!.cls : undefined, po);
    }
  }

  /** Swift optional binding: `let`/`var` at i opens a condition (`guard let x = …`, `if let x = …`, `, let y = …`). */
  private inCondition(i: number): boolean {
    const prev = this.T[i - 1];
    return (isId(prev) && (prev.v === 'guard' || prev.v === 'if' || prev.v === 'while')) || isOp(prev, ',');
  }

  /**
   * True when the expression holding the call at `po` is an `if`/`guard`/`while`/`switch`/`for` statement's head: a
   * `{` right after the call is then the statement's body, since Swift takes no trailing closure there
   * (`if !model.upload(website: w, json: d) {`). Walks back over the expression (balanced groups skipped) to the
   * keyword, or to a brace, `;` or an open bracket (a call inside parentheses may have one).
   */
  private inStatementHead(po: number): boolean {
    const T = this.T;
    for (let j = po - 1, n = 0; j >= 0 && n < 256; j--, n++) {
      const t = T[j]!;
      if (t.k === 'op') {
        if ((t.v === ')' || t.v === ']') && this.match[j]! < j) j = this.match[j]!;
        else if (t.v === '{' || t.v === '}' || t.v === ';' || t.v === '(' || t.v === '[') return false;
        continue;
      }
      if (isId(t) && /^(?:if|guard|switch|for)$/.test(t.v)) return true;
      // `repeat { … } while cond` ends a statement; `while cond {` opens one.
      if (isId(t) && t.v === 'while') return !isOp(T[j - 1], '}');
    }
    return false;
  }

  /**
   * Where a condition's initialiser ends: `guard let url = URL(string: s) else { … }` binds `URL(string: s)`, and an
   * `if let x = f() {` initialiser stops at the body's `{` (a condition cannot end in a trailing closure).
   */
  private conditionEnd(a: number, b: number): number {
    const T = this.T;
    for (let j = a; j < b; j++) {
      const t = T[j]!;
      if (isId(t) && t.v === 'else') return j;
      if (isOp(t, '{')) return j;
      if ((isOp(t, '(') || isOp(t, '[')) && this.match[j]! > j) j = this.match[j]!;
    }
    return b;
  }

  /**
   * Swift, Kotlin and Dart construct a generic class with its type arguments written out (`DownloadManager<User>()`,
   * `Box<String>(x)`): after a capitalised name, a short balanced `<…>` of type names directly followed by `(` — the
   * index of that `(`, else -1. (`A < B > (c)` as two comparisons is no expression these languages compile.)
   */
  private genericArgsEnd(i: number): number {
    const T = this.T;
    if (this.lang !== 'swift' && this.lang !== 'kotlin' && this.lang !== 'dart') return -1;
    if (!cap(T[i]!.v) || !isOp(T[i + 1], '<') || T[i + 1]!.nl) return -1;
    let depth = 0;
    for (let j = i + 1; j < T.length && j < i + 24; j++) {
      const t = T[j]!;
      if (isOp(t, '<')) depth++;
      else if (isOp(t, '>') || isOp(t, '>>')) {
        depth -= t.v.length;
        if (depth < 0) return -1;
        if (depth === 0) return isOp(T[j + 1], '(') && !T[j + 1]!.nl ? j + 1 : -1;
      } else if (t.k !== 'id' && !(t.k === 'op' && /^(?:[.,?*]|\[|\])$/.test(t.v))) return -1;
    }
    return -1;
  }

  /**
   * The token at i is a keyword, not a name. After a member access it is always a name: Kotlin's soft keywords are
   * method names there (`ZegoUIKitPrebuiltCallInvitationService.init(…)`, `x.constructor(…)`), as in every language.
   */
  private keywordAt(i: number): boolean {
    const prev = this.T[i - 1];
    return isKeyword(this.lang, this.T[i]!.v) && !isOp(prev, '.') && !isOp(prev, '?.');
  }

  /** `recv.name(args)`, `Type.name(args)`, `name(args)`, `new Type(args)` at the name token i. */
  private call(i: number, fn: number, cls?: string, po = i + 1): void {
    const T = this.T;
    const name = T[i]!.v;
    const pc = this.match[po]!;
    const dot = T[i - 1];
    let receiver: Receiver;
    let receiverType: string | undefined;
    let construct = false;
    let callee: string;
    let method = name;
    // `new X(…)`, and Java/Dart `new Outer.Inner(…)` (`new Retrofit.Builder()`): `new` before the qualified name.
    let q = i - 1;
    while (isOp(T[q], '.') && isId(T[q - 1]) && (this.lang === 'java' || this.lang === 'dart')) q -= 2;
    const isNew = isId(T[q]) && T[q]!.v === 'new';
    // A constructor: `new X(…)` (Java, Dart), `X(…)` (Kotlin, Swift, Dart), `Outer.Inner(…)` / `pkg.X(…)` after a
    // chain of class or package names that are no declared variable.
    const qualifiedCtor = isOp(dot, '.') && this.lang !== 'objc' && this.lang !== 'java' && cap(name) && this.classChainBefore(i);
    if (isNew || qualifiedCtor || (!isOp(dot, '.') && !isOp(dot, '?.') && cap(name) && this.lang !== 'objc' && !(isId(dot) && (dot.v === 'fun' || dot.v === 'func')))) {
      const type = this.resolveType(this.qualifiedBefore(i, name));
      construct = true;
      receiver = { kind: 'new', type };
      receiverType = type;
      method = '<init>';
      callee = `${type}.<init>`;
    } else if (isOp(dot, '.') || isOp(dot, '?.')) {
      const r = this.receiverBefore(i - 1, i);
      receiver = r.receiver;
      receiverType = r.type;
      callee = `${r.type ?? r.text}.${name}`;
    } else {
      // A plain call: a method of this class (Java/Kotlin/Swift) or a top-level function (Dart, Kotlin) — or,
      // inside a Kotlin `x.apply { … }` / `x.run { … }` block, a method of x (the block's implicit receiver).
      const scoped = this.lang === 'kotlin' ? this.scopeReceiverAt(i) : undefined;
      if (scoped) {
        receiver = scoped.receiver;
        receiverType = scoped.type;
        callee = `${scoped.type ?? scoped.text}.${name}`;
      } else {
        receiver = this.lang === 'dart' ? { kind: 'none' } : { kind: 'this' };
        callee = name;
      }
    }
    const args = this.args(po, pc);
    // Swift calls Objective-C APIs by their imported names: the selector is what the rules (and Mach-O) name.
    if (this.lang === 'swift' && !construct) {
      method = swiftSelector(name, args.labels);
      callee = callee.includes('.') ? callee.replace(/\.[^.]*$/, '.' + method) : method;
    }
    let values = args.values;
    // Dart / Swift / Kotlin named arguments: after the positional ones, one object of the named ones.
    if (this.lang === 'dart' && Object.keys(args.named).length) values = [...values, { kind: 'object', props: args.named }];
    const pos = this.lines.at(T[i]!.at);
    const end = this.lines.at(T[pc]!.e);
    const call: ModelCall = { fn, callee, method, receiver, args: values, line: pos.line, column: pos.column, endLine: end.line, endColumn: end.column };
    if (receiverType) call.receiverType = receiverType;
    if (construct) call.construct = true;
    if (construct && this.lang === 'swift') call.initSelector = swiftSelector('init', args.labels);
    const sig = this.signature(args.valueTokens);
    if (sig && (this.lang === 'java' || this.lang === 'kotlin')) call.signature = sig;
    const f = this.functions[fn];
    if (f) call.context = f.name;
    const target = this.resultTarget(i);
    if (target) call.resultTo = target;
    // A method of this class or a top-level function of this file, called by its bare name (or on this/self).
    const own = !construct && (!(isOp(dot, '.') || isOp(dot, '?.')) || (isOp(dot, '.') && isId(T[i - 2]) && (T[i - 2]!.v === 'this' || T[i - 2]!.v === 'self') && !isOp(T[i - 3], '.')));
    if (own) {
      const found = this.fnByName.get(`${cls ?? ''}\u0000${name}`) ?? this.fnByName.get(`\u0000${name}`);
      const callee = found?.find((k) => this.functions[k]!.params === values.length) ?? found?.[0];
      if (callee !== undefined) call.callsFn = callee;
    }
    this.calls.push(call);
    this.callAt.set(po, call);
  }

  /**
   * `@GET("generateSession.php") Observable<R> generateSession(@Query("device_id") String id, …);` — an annotation
   * with one string on a method without a body (an interface of a declarative HTTP client, Retrofit style): a call
   * of the annotation type (`retrofit2/http/GET.<annotation>`) at the method, with the string and an object of the
   * parameters keyed by their own annotation's string (`{device_id: <param 0 of Api.generateSession>}`). The rules
   * say which annotations are requests (rules/sinks.yaml).
   */
  private annotatedRequest(i: number, block: Block | undefined): void {
    const T = this.T;
    const po = i + 1;
    const pc = this.match[po]!;
    if (pc !== po + 2 || T[po + 1]?.k !== 'str' || T[po + 1]!.parts) return;
    // Past further annotations, modifiers and the return type to the method's name.
    let j = pc + 1;
    let nameAt = -1;
    for (let steps = 0; j < T.length && steps < 64; steps++) {
      const t = T[j]!;
      if (isOp(t, '@') && isId(T[j + 1])) {
        j += 2;
        while (isOp(T[j], '.') && isId(T[j + 1])) j += 2;
        if (isOp(T[j], '(') && this.match[j]! > j) j = this.match[j]! + 1;
        continue;
      }
      if (t.k === 'op' && /^(?:;|\{|\}|=|\()$/.test(t.v)) return;
      if (isId(t) && isOp(T[j + 1], '(')) {
        nameAt = j;
        break;
      }
      j++;
    }
    const mpo = nameAt + 1;
    const mpc = nameAt >= 0 ? this.match[mpo]! : -1;
    if (mpc < 0) return;
    // Body-less: `;` (Java, Kotlin optional), or the Kotlin line ends after the return type.
    for (let k = mpc + 1, steps = 0; ; k++, steps++) {
      const t = T[k];
      if (!t || steps > 48 || isOp(t, ';') || isOp(t, '}') || (t.nl && !continues(T[k - 1]!, t))) break;
      if (isOp(t, '{') || isOp(t, '=')) return;
    }
    const method = T[nameAt]!.v;
    const fnName = `${block?.cls ? block.cls + '.' : ''}${method}`;
    const props: Record<string, ModelValue> = {};
    this.splitArgs(mpo, mpc).forEach(({ range: [s, e] }, index) => {
      if (!(isOp(T[s], '@') && isId(T[s + 1]) && isOp(T[s + 2], '(') && T[s + 3]?.k === 'str' && this.match[s + 2] === s + 4)) return;
      // Kotlin `@Query("uid") uid: String`: the name before `:`; Java `@Query("uid") String uid`: the last name.
      let name: string | undefined;
      for (let k = s + 5; k < e; k++) {
        if (this.lang === 'kotlin' && isOp(T[k], ':') && isId(T[k - 1])) {
          name = T[k - 1]!.v;
          break;
        }
        if (isId(T[k])) name = T[k]!.v;
      }
      if (name) props[T[s + 3]!.v] = { kind: 'unknown', text: name, origin: { kind: 'param', fn: fnName, index } };
    });
    const type = this.resolveType(T[i]!.v);
    const pos = this.lines.at(T[nameAt]!.at);
    const end = this.lines.at(T[mpc]!.e);
    const call: ModelCall = {
      fn: block?.fn ?? -1,
      callee: `${type}.<annotation>`,
      method: '<annotation>',
      receiver: { kind: 'class', name: type },
      receiverType: type,
      args: [{ kind: 'string', value: T[po + 1]!.v }, { kind: 'object', props }],
      line: pos.line,
      column: pos.column,
      endLine: end.line,
      endColumn: end.column,
      context: fnName,
    };
    this.calls.push(call);
  }

  /** True when the names before `.Name(` are a class or package path (`Request.Builder(`), not a variable's members. */
  private classChainBefore(i: number): boolean {
    const T = this.T;
    let j = i - 2;
    let head: string | undefined;
    while (isId(T[j])) {
      head = T[j]!.v;
      if (isOp(T[j - 1], '.') && isId(T[j - 2])) j -= 2;
      else break;
    }
    if (!head || isOp(T[j - 1], '.') || isOp(T[j - 1], ')')) return false;
    return !this.lookup(head, i) && (cap(head) || this.importMap.has(head)) && !this.prefixes.has(head);
  }

  /** `io.agora.X` / `Outer.Inner` written before a constructor name, as one dotted name. */
  private qualifiedBefore(i: number, name: string): string {
    const T = this.T;
    let s = name;
    let j = i - 1;
    if (isId(T[j]) && T[j]!.v === 'new') return s;
    while (isOp(T[j], '.') && isId(T[j - 1])) {
      s = T[j - 1]!.v + '.' + s;
      j -= 2;
    }
    return s;
  }

  /** Where a call's result is stored: `x = call()`, `val x = call()`, `this.x = call()`. */
  private resultTarget(i: number): string | undefined {
    const T = this.T;
    // walk back over the receiver chain to the start of the expression
    let j = i;
    for (let steps = 0; j > 0 && steps < 64; steps++) {
      const p = T[j - 1]!;
      if (isOp(p, '.') || isOp(p, '?.') || isOp(p, '!!')) {
        j -= 1;
        const q = T[j - 1];
        if (isOp(q, ')') || isOp(q, ']')) {
          const o = this.match[j - 1]!;
          if (o < 0) break;
          j = o;
          if (isId(T[j - 1])) j--;
        } else if (isId(q)) j--;
        continue;
      }
      if (isId(p) && (p.v === 'new' || p.v === 'await' || p.v === 'const' || p.v === 'try')) {
        j--;
        continue;
      }
      break;
    }
    if (!isOp(T[j - 1], '=')) return undefined;
    const n = T[j - 2];
    if (!isId(n)) return undefined;
    if (isOp(T[j - 3], '.') && isId(T[j - 4]) && (T[j - 4]!.v === 'this' || T[j - 4]!.v === 'self')) return `this.${n.v}`;
    return n.v;
  }

  /** The receiver of a call whose `.` is at `dotAt` (name at `at`). */
  /**
   * Kotlin: the receiver of the innermost `recv.apply { … }` / `recv.run { … }` lambda around token i (its bare
   * calls are recv's methods), when i is directly in that lambda; undefined otherwise. Looks back a bounded way.
   */
  private scopeReceiverAt(i: number): { receiver: Receiver; type?: string; text: string } | undefined {
    const T = this.T;
    let depth = 0;
    for (let j = i - 1; j >= 0 && j > i - 4000; j--) {
      if (isOp(T[j], '}')) depth++;
      else if (isOp(T[j], '{')) {
        if (depth > 0) {
          depth--;
          continue;
        }
        const fn = T[j - 1];
        if (!isId(fn) || (fn.v !== 'apply' && fn.v !== 'run') || !(isOp(T[j - 2], '.') || isOp(T[j - 2], '?.'))) return undefined;
        return this.receiverBefore(j - 2, j - 1);
      }
    }
    return undefined;
  }

  private receiverBefore(dotAt: number, at: number): { receiver: Receiver; type?: string; text: string } {
    const T = this.T;
    let j = dotAt - 1;
    // postfix `!!`, `!`, `?`
    while (isOp(T[j], '!!') || isOp(T[j], '!') || isOp(T[j], '?')) j--;
    const t = T[j];
    if (!t) return { receiver: { kind: 'unknown' }, text: '?' };
    if (isOp(t, ')')) {
      const o = this.match[j]!;
      const inner = o >= 0 ? this.callAt.get(o) : undefined;
      if (inner) {
        if (inner.construct) return { receiver: { kind: 'new', type: inner.receiverType ?? inner.callee }, type: inner.receiverType, text: inner.callee };
        return { receiver: { kind: 'call', callee: inner.callee }, text: inner.callee + '()' };
      }
      return { receiver: { kind: 'unknown', text: this.source(o, j + 1) }, text: '(…)' };
    }
    if (isOp(t, ']') && this.lang === 'objc') {
      const o = this.match[j]!;
      const inner = o >= 0 ? this.callAt.get(o) : undefined;
      if (inner) return { receiver: { kind: 'call', callee: inner.callee }, text: inner.callee };
      return { receiver: { kind: 'unknown' }, text: '[…]' };
    }
    if (!isId(t)) return { receiver: { kind: 'unknown', text: T[j]!.v }, text: T[j]!.v };
    // a dotted chain a.b.c ending at j
    const chain: string[] = [t.v];
    let k = j;
    while ((isOp(T[k - 1], '.') || isOp(T[k - 1], '?.')) && isId(T[k - 2])) {
      chain.unshift(T[k - 2]!.v);
      k -= 2;
    }
    // a chain after a call result (`a().b.c(`): the last field only
    if (isOp(T[k - 1], '.') && !isId(T[k - 2])) return { receiver: { kind: 'field', name: chain[chain.length - 1]! }, text: chain.join('.') };
    const text = chain.join('.');
    const head = chain[0]!;
    if ((head === 'this' || head === 'self' || head === 'widget') && chain.length === 2) return this.nameReceiver(chain[1]!, at, true, text);
    if (chain.length === 1) return this.nameReceiver(head, at, false, text);
    // Dart import prefix: `http.post(…)`, `agora.createAgoraRtcEngine()`
    if (this.lang === 'dart' && chain.length === 1 && this.prefixes.has(head)) return { receiver: { kind: 'module', name: this.prefixes.get(head)! }, text };
    // A qualified class (`io.agora.rtc.RtcEngine`, `Request.Builder`)
    if (chain.some((c) => cap(c)) && !this.lookup(head, at)) {
      const last = chain[chain.length - 1]!;
      if (cap(last) && chain.slice(0, -1).every((c) => !cap(c) || true)) {
        const type = this.resolveType(text);
        return { receiver: { kind: 'class', name: type }, type, text };
      }
    }
    return { receiver: { kind: 'field', owner: chain.slice(0, -1).join('.'), name: chain[chain.length - 1]! }, text };
  }

  /** A receiver named by one identifier: a declaration's type or provenance, a class, an import prefix. */
  private nameReceiver(name: string, at: number, explicitThis: boolean, text: string): { receiver: Receiver; type?: string; text: string } {
    if (!explicitThis && this.lang === 'dart' && this.prefixes.has(name)) return { receiver: { kind: 'module', name: this.prefixes.get(name)! }, text };
    const d = this.lookup(name, at);
    if (d && (!explicitThis || d.kind === 'field')) {
      const receiver: Receiver =
        d.kind === 'param' ? { kind: 'param', fn: this.functions[d.fn]?.name ?? '?', index: d.paramIndex ?? 0 } : d.kind === 'field' ? { kind: 'field', ...(d.owner ? { owner: d.owner } : {}), name } : { kind: 'unknown', text: name };
      if (d.type) return { receiver, type: d.type, text };
      // Untyped: what it was initialised or assigned with (`val engine = RtcEngine.create(…)`, `_e = createX()`);
      // `x = x.next()` refers to itself, so a binding being resolved is not resolved again.
      if (this.resolving.has(d) || this.resolving.size > MAX_EVAL_DEPTH) return { receiver, text };
      this.resolving.add(d);
      try {
        for (const r of [d.init, ...d.assigns]) {
          if (!r) continue;
          const prov = this.provenance(r);
          if (prov) return { receiver: prov.receiver, ...(prov.type ? { type: prov.type } : {}), text };
        }
      } finally {
        this.resolving.delete(d);
      }
      return { receiver, text };
    }
    if (cap(name) && !explicitThis) {
      const type = this.resolveType(name);
      return { receiver: { kind: 'class', name: type }, type, text };
    }
    return { receiver: explicitThis ? { kind: 'field', name } : { kind: 'unknown', text: name }, text };
  }

  /** The receiver term an initialiser denotes when it is a call or constructor (`RtcEngine.create(…)`, `X()`). */
  private provenance(r: Range): { receiver: Receiver; type?: string } | undefined {
    const T = this.T;
    let [a, b] = r;
    while (a < b && isId(T[a]) && (T[a]!.v === 'await' || T[a]!.v === 'new' || T[a]!.v === 'const' || T[a]!.v === 'try')) a++;
    // strip trailing `!!`, `!`, `.apply { … }` / `.also { … }` (Kotlin scope functions return the receiver)
    while (b > a && (isOp(T[b - 1], '!!') || isOp(T[b - 1], '!'))) b--;
    if (isOp(T[b - 1], '}') && this.match[b - 1]! > a && isId(T[this.match[b - 1]! - 1]) && /^(?:apply|also)$/.test(T[this.match[b - 1]! - 1]!.v) && isOp(T[this.match[b - 1]! - 2], '.')) b = this.match[b - 1]! - 2;
    if (!isOp(T[b - 1], ')') && !isOp(T[b - 1], ']')) return undefined;
    const o = this.match[b - 1]!;
    if (o < a) return undefined;
    const call = this.callAt.get(o) ?? this.pendingCall(o);
    if (!call) return undefined;
    if (call.construct) return { receiver: { kind: 'new', type: call.receiverType ?? call.callee }, type: call.receiverType };
    return { receiver: { kind: 'call', callee: call.callee } };
  }

  /** A call not yet visited by the forward pass (a field initialised after its first use): computed now. */
  private pendingCall(po: number): ModelCall | undefined {
    const T = this.T;
    if (isOp(T[po], '(') && isId(T[po - 1]) && !this.keywordAt(po - 1) && !this.headers.has(po - 1)) {
      // receivers of calls later in the file: resolve structurally without recording the call twice
      const name = T[po - 1]!.v;
      const dot = T[po - 2];
      if (isOp(dot, '.') || isOp(dot, '?.')) {
        const r = this.receiverBefore(po - 2, po - 1);
        return { fn: -1, callee: `${r.type ?? r.text}.${name}`, method: name, receiver: r.receiver, args: [], ...(r.type ? { receiverType: r.type } : {}) };
      }
      if (cap(name) && this.lang !== 'objc') {
        const type = this.resolveType(this.qualifiedBefore(po - 1, name));
        return { fn: -1, callee: `${type}.<init>`, method: '<init>', receiver: { kind: 'new', type }, receiverType: type, construct: true, args: [] };
      }
      return { fn: -1, callee: name, method: name, receiver: { kind: 'none' }, args: [] };
    }
    if (isOp(T[po], '[') && this.lang === 'objc') return this.callAt.get(po);
    return undefined;
  }

  /** Arguments between `(` po and `)` pc: values, Swift/Dart labels, Dart named arguments. */
  private args(po: number, pc: number): { values: ModelValue[]; labels: Array<string | undefined>; named: Record<string, ModelValue>; valueTokens: Range[] } {
    const T = this.T;
    const values: ModelValue[] = [];
    const labels: Array<string | undefined> = [];
    const named: Record<string, ModelValue> = {};
    const valueTokens: Range[] = [];
    let start = po + 1;
    for (let j = po + 1; j <= pc && values.length + Object.keys(named).length < MAX_ARGS; j++) {
      const t = T[j]!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && this.match[j]! > j && j < pc) {
        j = this.match[j]!;
        continue;
      }
      if (j === pc || isOp(t, ',')) {
        if (j > start) {
          let a = start;
          let label: string | undefined;
          // `label: value` (Swift, Dart), `name = value` (Kotlin named)
          if (isId(T[a]) && (isOp(T[a + 1], ':') || (this.lang === 'kotlin' && isOp(T[a + 1], '='))) && a + 2 < j) {
            label = T[a]!.v;
            a += 2;
          }
          const v = this.value(a, j, 0);
          if (label && this.lang === 'dart') named[label] = v;
          else {
            values.push(v);
            labels.push(label);
            valueTokens.push([a, j]);
          }
        }
        start = j + 1;
      }
    }
    // Kotlin / Swift / Dart trailing closure: one more argument (in a Swift statement's condition, the body).
    if ((this.lang === 'kotlin' || this.lang === 'swift') && isOp(T[pc + 1], '{') && !T[pc + 1]!.nl && !(this.lang === 'swift' && this.inStatementHead(po))) {
      values.push({ kind: 'unknown', text: '{ … }', origin: { kind: 'other', text: 'closure' } });
      labels.push(undefined);
    }
    return { values, labels, named, valueTokens };
  }

  /** JVM parameter descriptor of the arguments, when every argument's static type is known. */
  private signature(ranges: Range[]): string | undefined {
    let s = '(';
    for (const [a, b] of ranges) {
      const t = this.staticType(a, b);
      const d = t ? jvmDescriptor(t) : undefined;
      if (!d) return undefined;
      s += d;
    }
    return s + ')';
  }

  private staticType(a: number, b: number): string | undefined {
    const T = this.T;
    if (b - a === 1) {
      const t = T[a]!;
      if (t.k === 'str') return 'java/lang/String';
      if (t.k === 'num') return /[.eEfF]/.test(t.v) && !/^0[xX]/.test(t.v) ? undefined : /[lL]$/.test(t.v) ? 'J' : 'I';
      if (t.k === 'id') {
        if (t.v === 'true' || t.v === 'false') return 'Z';
        return this.lookup(t.v, a)?.type;
      }
    }
    if (b - a === 3 && isId(T[a]) && (T[a]!.v === 'this') && isOp(T[a + 1], '.') && isId(T[a + 2])) return this.lookup(T[a + 2]!.v, a)?.type;
    if (isId(T[a]) && T[a]!.v === 'new' && isId(T[a + 1])) return this.resolveType(T[a + 1]!.v);
    return undefined;
  }

  // ---- Objective-C messages ----

  /** `[recv sel:arg sel2:arg2]` at `[` i: records the call (receivers first: nested messages are visited in order). */
  private msgDepth = 0;

  private objcMessage(i: number, fn: number): ModelCall | undefined {
    // Nested messages recurse (receivers, arguments): deeper than this is no code a person wrote.
    if (this.msgDepth > 64) return undefined;
    this.msgDepth++;
    try {
      return this.objcMessageAt(i, fn);
    } finally {
      this.msgDepth--;
    }
  }

  private objcMessageAt(i: number, fn: number): ModelCall | undefined {
    const T = this.T;
    const close = this.match[i]!;
    if (close < 0 || this.callAt.has(i)) return this.callAt.get(i);
    const prev = T[i - 1];
    // `a[0]`, `x = @[…]`: subscripts and array literals are not messages
    if (prev && (prev.k === 'id' || isOp(prev, ')') || isOp(prev, ']') || isOp(prev, '@'))) return undefined;
    // receiver: an identifier chain, or a nested message
    let j = i + 1;
    let receiver: Receiver;
    let receiverType: string | undefined;
    let text: string;
    if (isOp(T[j], '[')) {
      const inner = this.objcMessage(j, fn);
      const ic = this.match[j]!;
      if (ic < 0) return undefined;
      j = ic + 1;
      if (inner && inner.method === 'alloc' && inner.receiver.kind === 'class') {
        receiver = { kind: 'new', type: inner.receiver.name };
        receiverType = inner.receiver.name;
      } else receiver = inner ? { kind: 'call', callee: inner.callee } : { kind: 'unknown' };
      text = inner?.callee ?? '[…]';
    } else if (isId(T[j])) {
      let e = j + 1;
      while (isOp(T[e], '.') && isId(T[e + 1])) e += 2;
      const chain = T.slice(j, e).filter((t) => t.k === 'id').map((t) => t.v);
      text = chain.join('.');
      j = e;
      if (chain[0] === 'self' && chain.length === 2) {
        const r = this.nameReceiver(chain[1]!, i, true, text);
        receiver = r.receiver;
        receiverType = r.type;
      } else if (chain.length === 1) {
        if (chain[0] === 'self' || chain[0] === 'super') receiver = { kind: 'this' };
        else {
          const r = this.nameReceiver(chain[0]!, i, false, text);
          receiver = r.receiver;
          receiverType = r.type;
        }
      } else receiver = { kind: 'field', owner: chain.slice(0, -1).join('.'), name: chain[chain.length - 1]! };
    } else return undefined;
    // selector parts
    let sel = '';
    const argRanges: Range[] = [];
    if (isId(T[j]) && !isOp(T[j + 1], ':') && j + 1 === close) sel = T[j]!.v;
    else {
      while (j < close && isId(T[j]) && isOp(T[j + 1], ':')) {
        sel += T[j]!.v + ':';
        const a = j + 2;
        let k = a;
        // the argument runs to the next `part:` at depth 0, a `,` (variadic) or the `]`
        while (k < close) {
          const t = T[k]!;
          if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && this.match[k]! > k) {
            k = this.match[k]! + 1;
            continue;
          }
          if (k > a && isId(t) && isOp(T[k + 1], ':') && !isOp(T[k - 1], '?')) break;
          if (isOp(t, ',')) break;
          k++;
        }
        argRanges.push([a, k]);
        j = k;
        if (isOp(T[j], ',')) {
          // variadic arguments (stringWithFormat:@"%@", x, y)
          let s = j + 1;
          for (let m = j + 1; m <= close; m++) {
            const t = T[m]!;
            if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && this.match[m]! > m && m < close) {
              m = this.match[m]!;
              continue;
            }
            if (m === close || isOp(t, ',')) {
              if (m > s) argRanges.push([s, m]);
              s = m + 1;
            }
          }
          j = close;
        }
      }
    }
    if (!sel) return undefined;
    const values = argRanges.map(([a, b]) => this.value(a, b, 0));
    const cls = receiver.kind === 'class' ? receiver.name : receiverType;
    const pos = this.lines.at(T[i]!.at);
    const end = this.lines.at(T[close]!.e);
    const call: ModelCall = { fn, callee: `${cls ?? text}.${sel}`, method: sel, receiver, args: values, line: pos.line, column: pos.column, endLine: end.line, endColumn: end.column };
    if (receiverType) call.receiverType = receiverType;
    const f = this.functions[fn];
    if (f) call.context = f.name;
    const target = this.resultTarget(i);
    if (target) call.resultTo = target;
    this.calls.push(call);
    this.callAt.set(i, call);
    return call;
  }

  // ---- values ----

  source(a: number, b: number): string {
    const T = this.T;
    if (b <= a || !T[a] || !T[b - 1]) return '';
    // Only the start of a long expression is shown: slicing all of it for every nested call would be quadratic.
    const end = Math.min(T[b - 1]!.e, T[a]!.at + MAX_TEXT * 4);
    const s = this.text.slice(T[a]!.at, end).replace(/\s+/g, ' ') + (end < T[b - 1]!.e ? '…' : '');
    return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
  }

  /** The abstract value of the expression in tokens [a, b). */
  value(a: number, b: number, depth: number, T: Token[] = this.T): ModelValue {
    if (depth > MAX_EVAL_DEPTH || b <= a) return { kind: 'unknown', text: '…' };
    const inMain = T === this.T;
    // strip prefixes / suffixes that do not change the value
    while (a < b && isId(T[a]) && /^(?:await|new|const|try)$/.test(T[a]!.v) && !(T[a]!.v === 'new' && inMain)) {
      // Swift `try? f()`, `try! f()`: the value of f() (nil on a throw)
      a += T[a]!.v === 'try' && (isOp(T[a + 1], '?') || isOp(T[a + 1], '!')) ? 2 : 1;
    }
    while (b > a && (isOp(T[b - 1], '!!') || isOp(T[b - 1], '!'))) b--;
    // Kotlin `x as String`, Swift `x as! String`: the value is x (found at depth 0, skipping brackets)
    if (inMain) {
      for (let k = a + 1; k < b - 1; k++) {
        const t = T[k]!;
        if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && this.match[k]! > k) {
          k = this.match[k]!;
          continue;
        }
        if (isId(t) && t.v === 'as') {
          b = k;
          break;
        }
      }
    }
    // top-level operators
    const plus: number[] = [];
    let other = false;
    let fallback = -1;
    let fallbackOnly = true;
    for (let k = a; k < b; k++) {
      const t = T[k]!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && inMain && this.match[k]! > k && this.match[k]! < b) {
        k = this.match[k]!;
        continue;
      }
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && !inMain) {
        other = true;
        break;
      }
      if (isOp(t, '+') && k > a) plus.push(k);
      else if (t.k === 'op' && /^(?:\?|\?:|\?\?|&&|\|\||==|!=|-|\*|\/|%|<|>|<=|>=|\||&|\^|=>|->)$/.test(t.v) && k > a) {
        other = true;
        if ((t.v === '??' || t.v === '?:') && fallback < 0 && plus.length === 0 && (b - k === 2 && isLiteral(T[k + 1]))) fallback = k;
        else fallbackOnly = false;
      }
    }
    // `x ?? ""` (Swift), `x ?: ""` (Kotlin): when x has a value, that value is what is used; the literal fallback
    // only stands in for its absence.
    if (other && inMain && fallback > a && fallbackOnly) return this.value(a, fallback, depth + 1);
    if (other) return { kind: 'unknown', text: inMain ? this.source(a, b) : '…' };
    if (plus.length) {
      const bounds = [a, ...plus.map((p) => p + 1)];
      const ends = [...plus, b];
      const parts = bounds.map((s, n) => this.value(s, ends[n]!, depth + 1, T));
      return { kind: 'concat', parts };
    }
    const t = T[a]!;
    if (b - a === 1) return this.atom(t, a, depth, T);
    if (isOp(t, '(') && inMain && this.match[a] === b - 1) return this.value(a + 1, b - 1, depth + 1);
    if (isOp(t, '-') && b - a === 2 && T[a + 1]!.k === 'num') return { kind: 'number', value: -Number(T[a + 1]!.v.replace(/[lLfFdDuU]+$/, '')) };
    if (!inMain) return { kind: 'unknown', text: '…' };
    // `this.x`, `self.x`, `widget.x`, `a.b`
    let e = a;
    const chain: string[] = [];
    if (isId(T[e])) {
      chain.push(T[e]!.v);
      e++;
      while ((isOp(T[e], '.') || isOp(T[e], '?.')) && isId(T[e + 1])) {
        chain.push(T[e + 1]!.v);
        e += 2;
      }
    }
    if (e === b && chain.length >= 2) {
      const head = chain[0]!;
      if ((head === 'this' || head === 'self' || head === 'widget') && chain.length === 2) return this.nameValue(chain[1]!, a, depth, true);
      // Kotlin `x.toString()` never reaches here (a call); `Class.CONST` in this file
      if (cap(head) && chain.length === 2) {
        const d = this.lookup(chain[1]!, a);
        if (d && d.constant && d.init && (d.kind === 'field' || d.kind === 'local')) return this.declValue(d, depth);
      }
      return { kind: 'unknown', text: chain.join('.'), origin: { kind: 'field', owner: chain.slice(0, -1).join('.'), name: chain[chain.length - 1]! } };
    }
    // a call: `f(…)`, `a.b(…)`, `new X(…)`, ObjC `[…]`, Kotlin `x.toString()`
    const last = b - 1;
    if ((isOp(T[last], ')') || isOp(T[last], ']')) && this.match[last]! >= a) {
      const o = this.match[last]!;
      if (isOp(T[last], ')') && isId(T[o - 1])) {
        const fname = T[o - 1]!.v;
        const callArgs = this.splitArgs(o, last);
        // string formatting the model represents: String.format(fmt, …), "…".format(…), String(format: fmt, …)
        if ((fname === 'format' && (o - 3 < a || isId(T[o - 3]))) || (fname === 'String' && callArgs[0]?.label === 'format')) {
          const recvIsString = o - 2 > a && T[o - 3]?.k === 'str';
          const vs = callArgs.map((x) => this.value(x.range[0], x.range[1], depth + 1));
          const fmtVal = recvIsString ? this.atom(T[o - 3]!, o - 3, depth + 1, T) : vs.shift();
          if (fmtVal && fmtVal.kind === 'string') return { kind: 'format', format: fmtVal.value, args: vs };
        }
        // `x.toString()` / `"…".toString()`: the value itself
        if (fname === 'toString' && callArgs.length === 0 && isOp(T[o - 2], '.')) return this.value(a, o - 2, depth + 1);
        // Conversions that keep their content (a URL string parsed, a map encoded as JSON): the argument's value.
        const qualified = isOp(T[o - 2], '.') && isId(T[o - 3]) && o - 3 === a ? `${T[o - 3]!.v}.${fname}` : o - 1 === a ? fname : undefined;
        if (qualified && CONTENT_CONVERSIONS.has(qualified) && callArgs.length === 1 && !callArgs[0]!.label) return this.value(callArgs[0]!.range[0], callArgs[0]!.range[1], depth + 1);
        const carried = qualified && LABELLED_CONVERSIONS.has(qualified) ? callArgs.find((x) => x.label === LABELLED_CONVERSIONS.get(qualified)) : undefined;
        if (carried) return this.value(carried.range[0], carried.range[1], depth + 1);
        // Kotlin `mapOf("uid" to id)` (and the mutable/hash variants): an object of its string keys.
        if (this.lang === 'kotlin' && KOTLIN_MAPS.has(fname) && callArgs.length) {
          const props: Record<string, ModelValue> = {};
          for (const x of callArgs) {
            const [s, e2] = x.range;
            if (T[s]?.k === 'str' && isId(T[s + 1]) && T[s + 1]!.v === 'to' && s + 2 < e2) props[T[s]!.v] = this.value(s + 2, e2, depth + 1);
          }
          if (Object.keys(props).length) return { kind: 'object', props };
        }
        // A constructor with named arguments (Dart `RtcEngineContext(appId: appId)`, Swift labels): an object.
        if (cap(fname) && callArgs.length && callArgs.every((x) => x.label)) {
          const props: Record<string, ModelValue> = {};
          for (const x of callArgs) props[x.label!] = this.value(x.range[0], x.range[1], depth + 1);
          return { kind: 'object', props };
        }
        const call = this.callAt.get(o);
        return { kind: 'unknown', text: this.source(a, b), origin: { kind: 'call', callee: call?.callee ?? fname } };
      }
      if (isOp(T[last], ']') && this.lang === 'objc' && o === a) {
        const msg = this.callAt.get(o) ?? this.objcMessage(o, this.currentFn);
        if (msg && msg.method.startsWith('stringWithFormat:') && msg.args[0]?.kind === 'string') return { kind: 'format', format: msg.args[0].value, args: msg.args.slice(1) };
        if (msg) return { kind: 'unknown', text: this.source(a, b), origin: { kind: 'call', callee: msg.callee } };
      }
    }
    // Swift dictionary literal `["uid": id, "room": r]`, Objective-C `@{@"uid": uid}`: an object of its string keys.
    const dict = this.lang === 'swift' && isOp(t, '[') && this.match[a] === b - 1 ? a : this.lang === 'objc' && isOp(t, '@') && isOp(T[a + 1], '{') && this.match[a + 1] === b - 1 ? a + 1 : -1;
    if (dict >= 0) {
      const props: Record<string, ModelValue> = {};
      for (const x of this.splitArgs(dict, b - 1)) {
        let [s, e2] = x.range;
        if (this.lang === 'objc' && isOp(T[s], '@')) s++;
        if (T[s]?.k === 'str' && isOp(T[s + 1], ':') && s + 2 < e2) props[T[s]!.v] = this.value(s + 2, e2, depth + 1);
      }
      if (Object.keys(props).length) return { kind: 'object', props };
    }
    // Dart map literal with string keys: `{'session': s, 'token': t}`
    if (isOp(t, '{') && this.match[a] === b - 1 && this.lang === 'dart') {
      const props: Record<string, ModelValue> = {};
      for (const x of this.splitArgs(a, b - 1)) {
        const [s, e2] = x.range;
        if (T[s]?.k === 'str' && isOp(T[s + 1], ':')) props[T[s]!.v] = this.value(s + 2, e2, depth + 1);
      }
      if (Object.keys(props).length) return { kind: 'object', props };
    }
    return { kind: 'unknown', text: this.source(a, b) };
  }

  /** Comma-separated items inside brackets at o…c, with Swift/Dart labels. */
  private splitArgs(o: number, c: number): Array<{ range: Range; label?: string }> {
    const T = this.T;
    const out: Array<{ range: Range; label?: string }> = [];
    let s = o + 1;
    for (let j = o + 1; j <= c && out.length < MAX_ARGS; j++) {
      const t = T[j]!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{') && this.match[j]! > j && j < c) {
        j = this.match[j]!;
        continue;
      }
      if (j === c || isOp(t, ',')) {
        if (j > s) {
          if (isId(T[s]) && (isOp(T[s + 1], ':') || (this.lang === 'kotlin' && isOp(T[s + 1], '='))) && s + 2 < j) out.push({ range: [s + 2, j], label: T[s]!.v });
          else out.push({ range: [s, j] });
        }
        s = j + 1;
      }
    }
    return out;
  }

  private atom(t: Token, at: number, depth: number, T: Token[]): ModelValue {
    if (t.k === 'str') {
      if (!t.parts) return { kind: 'string', value: t.v };
      const parts: ModelValue[] = t.parts.map((p) => (typeof p === 'string' ? { kind: 'string', value: p } : this.holeValue(p, at, depth)));
      return { kind: 'concat', parts };
    }
    if (t.k === 'num') {
      const n = Number(t.v.replace(/_/g, '').replace(/[lLfFdDuU]+$/, ''));
      return Number.isFinite(n) ? { kind: 'number', value: n } : { kind: 'unknown', text: t.v };
    }
    if (t.k === 'id') {
      if (t.v === 'true' || t.v === 'YES') return { kind: 'boolean', value: true };
      if (t.v === 'false' || t.v === 'NO') return { kind: 'boolean', value: false };
      if (t.v === 'null' || t.v === 'nil' || t.v === 'NULL' || t.v === 'Nil') return { kind: 'null' };
      return this.nameValue(t.v, T === this.T ? at : this.holeAt, depth, false);
    }
    return { kind: 'unknown', text: t.v };
  }

  /** Token index in the main list where the template being evaluated sits (names in holes resolve there). */
  private holeAt = 0;

  private holeValue(tokens: Token[], at: number, depth: number): ModelValue {
    if (tokens.length === 1 && tokens[0]!.k === 'id') {
      const saved = this.holeAt;
      this.holeAt = at;
      const v = this.atom(tokens[0]!, at, depth + 1, tokens);
      this.holeAt = saved;
      return v;
    }
    // `${this.x}` / `\(self.x)` / `${a.b}`
    if (tokens.length === 3 && tokens[0]!.k === 'id' && isOp(tokens[1], '.') && tokens[2]!.k === 'id') {
      if (tokens[0]!.v === 'this' || tokens[0]!.v === 'self' || tokens[0]!.v === 'widget') return this.nameValue(tokens[2]!.v, at, depth + 1, true);
      return { kind: 'unknown', text: `${tokens[0]!.v}.${tokens[2]!.v}`, origin: { kind: 'field', owner: tokens[0]!.v, name: tokens[2]!.v } };
    }
    const text = tokens.map((x) => x.v || '"…"').join('').slice(0, MAX_TEXT);
    const holeCall = tokens.length >= 3 && tokens[tokens.length - 1]!.v === ')' ? tokens.findLast((x, k) => x.k === 'id' && tokens[k + 1]?.v === '(') : undefined;
    return { kind: 'unknown', text, ...(holeCall ? { origin: { kind: 'call', callee: holeCall.v } } : {}) };
  }

  private nameValue(name: string, at: number, depth: number, explicitThis: boolean): ModelValue {
    const d = this.lookup(name, at);
    if (!d || (explicitThis && d.kind !== 'field')) return { kind: 'unknown', text: name, ...(explicitThis ? { origin: { kind: 'field', name } } : {}) };
    if (d.kind === 'param') return { kind: 'unknown', text: name, origin: { kind: 'param', fn: this.functions[d.fn]?.name ?? '?', index: d.paramIndex ?? 0 } };
    // A dictionary filled key by key before this use: an object of those entries (what a request body carries).
    const entries = d.kind === 'local' ? d.keyed?.filter((k) => k.at < at) : undefined;
    if (entries?.length) {
      const props: Record<string, ModelValue> = {};
      for (const k of entries) props[k.key] = this.value(k.value[0], k.value[1], depth + 1);
      return { kind: 'object', props };
    }
    // An object set up property by property after its initialiser (`var request = URLRequest(url: u)`,
    // `request.httpBody = body`): the initialiser's object with those properties, as far as this use.
    const members = d.kind === 'local' && d.assigns.length === 0 ? d.members?.filter((k) => k.at < at) : undefined;
    if (members?.length) {
      const init = this.declValue(d, depth);
      if (init.kind === 'object') {
        const props: Record<string, ModelValue> = { ...init.props };
        for (const k of members) props[k.key] = this.value(k.value[0], k.value[1], depth + 1);
        return { kind: 'object', props };
      }
    }
    // A constant (final / const / val / let), or a binding initialised once and never assigned again: its value.
    // A mutable field initialised empty (`var deviceId: String = ""`, `= nil`), never assigned here and not private,
    // is a placeholder another file sets (`vc.deviceId = id`): not a value.
    if (d.init && (d.constant || d.assigns.length === 0) && !(d.kind === 'field' && !d.constant && !d.hidden && this.placeholder(d.init))) return this.declValue(d, depth);
    if (!d.init && d.getter?.length) return this.getterValue(d, depth);
    // A field set once, in its class's constructor: the object's other methods see that value (the constructor
    // runs after the field's initialiser, which it overwrites).
    if (d.kind === 'field' && d.assigns.length === 1) {
      const r = d.assigns[0]!;
      const f = this.assignFn.get(r);
      if (f !== undefined && f >= 0 && f !== this.currentFn && this.isConstructorOf(f, d.owner)) return this.declValue(d, depth, r);
    }
    const origin = d.kind === 'field' ? ({ kind: 'field', ...(d.owner ? { owner: d.owner } : {}), name } as const) : undefined;
    return { kind: 'unknown', text: name, ...(origin ? { origin } : {}) };
  }

  /**
   * A function that returns a map it builds (`data['userID'] = …; return data;`, `return {'uid': uid}`): that
   * object, for callers in other files that send the result (`toMap(session)` posted as a request body).
   */
  private returnedObjects(): void {
    for (const { fn, range } of this.returnsAt) {
      const f = this.functions[fn];
      if (!f || f.returns) continue;
      this.currentFn = fn;
      const v = this.value(range[0], range[1], 0);
      if (v.kind === 'object' && Object.keys(v.props).length) f.returns = v;
    }
    this.currentFn = -1;
  }

  /** True when the modifiers right before token i (a declaration's keyword or first word) include a private one. */
  private privateBefore(i: number): boolean {
    const T = this.T;
    for (let j = i - 1, steps = 0; j >= 0 && steps < 8; j--, steps++) {
      const t = T[j]!;
      if (isId(t) && /^(?:private|fileprivate)$/.test(t.v)) return true;
      if (isId(t) && (MODIFIERS.has(t.v) || t.v === 'set')) continue;
      if (isOp(t, '(') || isOp(t, ')')) continue;
      break;
    }
    return false;
  }

  /** An initialiser that holds no value yet: `""`, `nil`, `null`. */
  private placeholder(r: Range): boolean {
    const t = this.T[r[0]];
    return r[1] - r[0] === 1 && !!t && ((t.k === 'str' && t.v === '' && !t.parts) || (t.k === 'id' && /^(?:nil|null|NULL)$/.test(t.v)));
  }

  /** True when function `f` is a constructor of class `owner` (Kotlin `constructor`, Swift `init`, Java/Dart `Owner`). */
  private isConstructorOf(f: number, owner: string | undefined): boolean {
    const name = this.functions[f]?.name;
    if (!name || !owner) return false;
    const simple = owner.slice(owner.lastIndexOf('.') + 1);
    return [`${owner}.constructor`, `${owner}.init`, `${owner}.${simple}`].some((s) => name === s || name.endsWith('.' + s));
  }

  /**
   * A computed property's value when its returns differ by configuration (test, debug, release servers): the first
   * cleartext URL to a public host (what users' devices reach), else the first cleartext one, else the first.
   */
  private getterValue(d: Decl, depth: number): ModelValue {
    const values = (d.getter ?? []).map((r) => this.declValue(d, depth, r));
    const cleartext = values.filter((v) => /^(?:http|ws):\/\//i.test(headText(v) ?? ''));
    const local = (v: ModelValue) => /^[a-z]+:\/\/(?:localhost|127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/i.test(headText(v) ?? '');
    return cleartext.find((v) => !local(v)) ?? cleartext[0] ?? values[0] ?? { kind: 'unknown', text: d.name };
  }

  /**
   * File-level and static constants whose value starts a URL (`static let BASE = "http://…"`, `START = BASE + "x"`),
   * or continues one another file declares (`Config.BASE + "/join"`): other files of the app name them.
   */
  private urlConstants(): Array<{ name: string; value: ModelValue; line: number }> {
    const out: Array<{ name: string; value: ModelValue; line: number }> = [];
    const urlOwners = new Set<string>();
    const paths: Array<{ owner: string; c: { name: string; value: ModelValue; line: number } }> = [];
    const seen = new Set<string>();
    this.currentFn = -1;
    for (const list of this.decls.values()) {
      for (const d of list) {
        if (d.kind !== 'field' || out.length >= MAX_CONSTANTS) continue;
        const single = !!d.init && (d.constant || d.assigns.length === 0);
        if (!single && !(!d.init && d.getter?.length)) continue;
        const name = d.owner ? `${d.owner}.${d.name}` : d.name;
        if (seen.has(name)) continue;
        seen.add(name);
        const value = single ? this.declValue(d, 0) : this.getterValue(d, 0);
        const head = value.kind === 'concat' ? value.parts[0] : value;
        const url = /^[a-z][\w+.-]*:\/\//i.test(headText(value) ?? '');
        const continued = value.kind === 'concat' && head?.kind === 'unknown' && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(head.text);
        const line = this.lines.at(this.T[d.at]!.at).line;
        if (url || continued) {
          out.push({ name, value, line });
          if (d.owner) urlOwners.add(d.owner);
        } else if (value.kind === 'string' && TOKEN_SHAPE.test(value.value)) {
          // A credential-shaped string (no spaces, 8–512 printable characters): another file may pass it to a vendor
          // API by name (`AgoraRtmKit(appId: AppId.id)`; scanner/checks/credential-constants.ts), or append it to a URL.
          out.push({ name, value, line });
        } else if (d.owner && value.kind === 'string' && PATH_SEGMENT.test(value.value)) paths.push({ owner: d.owner, c: { name, value, line } });
      }
    }
    // Short path constants beside a base URL in one type (`Defines.ServerUrl`, `Defines.login = "login"`): the
    // requests other files make append them, and a URL that names its endpoint tells apart what it sends.
    for (const p of paths) if (urlOwners.has(p.owner) && out.length < MAX_CONSTANTS) out.push(p.c);
    return out;
  }

  private declValue(d: Decl, depth: number, range: Range | undefined = d.init): ModelValue {
    if (this.evaluating.has(d) || !range) return { kind: 'unknown', text: d.name };
    this.evaluating.add(d);
    try {
      const v = this.value(range[0], range[1], depth + 1);
      // A value that is not a constant keeps the binding's name (what the code calls it).
      if (v.kind === 'unknown') return { kind: 'unknown', text: d.name, ...('origin' in v && v.origin ? { origin: v.origin } : d.kind === 'field' ? { origin: { kind: 'field', ...(d.owner ? { owner: d.owner } : {}), name: d.name } } : {}) };
      return v;
    } finally {
      this.evaluating.delete(d);
    }
  }
}

/** The constant text a value starts with (the first part of a concatenation), if any. */
function headText(v: ModelValue, depth = 0): string | undefined {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'concat' && v.parts.length && depth < 8) return headText(v.parts[0]!, depth + 1);
  return undefined;
}

/** True when a line break between two tokens does not end the statement (an operator or `.` carries on). */
function continues(prev: Token, next: Token): boolean {
  if (prev.k === 'op' && !/^(?:\)|\]|\}|!!|!|\?|\+\+|--)$/.test(prev.v)) return true;
  if (next.k === 'op' && /^(?:\.|\?\.|\?:|\+|-|\*|\/|&&|\|\||\?\?|\?|:|=|==|!=|\)|\]|\})$/.test(next.v)) return true;
  return false;
}

/** Swift call → Objective-C selector: `sharedEngine(withAppId:delegate:)` → `sharedEngineWithAppId:delegate:`. */
export function swiftSelector(name: string, labels: Array<string | undefined>): string {
  if (!labels.length) return name;
  const [first, ...rest] = labels;
  const head = first ? `${name}${first[0]!.toUpperCase()}${first.slice(1)}:` : `${name}:`;
  return head + rest.map((l) => `${l ?? ''}:`).join('');
}
