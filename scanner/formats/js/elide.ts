// Elision: the JS reader parses the code it analyses and reads library code from the outline (outline.ts).
//
// Parsing is the floor of the JS reader's cost (Babel builds ~5 MB/s of minified code into an AST here), and most
// bytes of an app bundle are SDKs and other libraries whose AST yields no finding: API calls inside a library are
// never reported, and flows are traced from the app's calls. So the reader blanks the bodies of library functions
// (spaces, line breaks kept: every offset, line and column stays where it was), parses what is left, and takes
// the strings, comments, names, `require("x")` calls and inlined package.json of the blanked bodies from the
// outline. Which bodies are library code is decided on a skeleton: the text with every large top-level function
// body blanked, parsed, split into module units and classified by the outline's markers and domains. In scope-hoisted
// bundles a library's top-level statements (class shells, protobuf descriptor tables, enum IIFEs) are blanked whole:
// each becomes `;` and spaces, an empty statement, so neighbouring statements never run together.
import type * as t from '@babel/types';
import { pushChildren } from './children.js';
import type { DataSpan, Outline, TokenCall } from './outline.js';
import type { RawString } from './strings.js';
import { isLoopbackHost } from './flow/url.js';
import { hostListMatches } from '../../rules/host-list.js';

/**
 * Bodies shorter than this are never blanked: parsing them costs less than the bookkeeping. Measured on the
 * benchmark's eight SDK bundles: 256 → 48 characters took the JS reader from 4.4–5.0 to 5.3–6.1 MiB/s, mostly by
 * shrinking the skeleton of scope-hoisted bundles (their top level is many small functions); 24 and 12 gained
 * nothing more.
 */
export const MIN_ELIDED_BODY = 48;

const children = new WeakMap<Outline, number[][]>();

/** Bodies directly inside `parent` (-1: top level) that are long enough to blank. Indexed once per outline. */
export function frontierOf(outline: Outline, parent: number): number[] {
  let index = children.get(outline);
  if (!index) {
    index = Array.from({ length: outline.bodies.length + 1 }, () => []);
    outline.bodies.forEach((b, i) => {
      if (b.close > b.open && b.close - b.open >= MIN_ELIDED_BODY) index![b.parent + 1]!.push(i);
    });
    children.set(outline, index);
  }
  return index[parent + 1] ?? [];
}

/**
 * A blanked span: the inside of a function body (between the braces at `open` and `close`), of a class body
 * (`class`), a whole top-level statement occupying `open + 1 … close - 1` (`statement`), the initializer of one
 * declarator of a `var`/`let` statement, `= …` from `open + 1` to `close - 1`, its name (starting at `id`, ending at
 * `open`) kept (`init`), or the inside of an array or object literal of data (`array`, `object`: skeleton parses
 * only, see outline.ts DataSpan).
 */
export interface Blank {
  open: number;
  close: number;
  kind?: 'statement' | 'class' | 'init' | 'array' | 'object';
  /** For `init`: where the declarator (its name) starts. */
  id?: number;
}

/** The blank for the initializer of a declarator `name = …` spanning `[id, end)` whose name ends at `idEnd`. */
export function initBlank(id: number, idEnd: number, end: number): Blank {
  return { open: idEnd - 1, close: end, kind: 'init', id };
}

/** The blank for a whole statement `[start, end)`. */
export function statementBlank(start: number, end: number): Blank {
  return { open: start - 1, close: end, kind: 'statement' };
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * The blanks of a skeleton parse: the function bodies `bodies` (sorted, disjoint), with the outline's inert class
 * bodies (outline.ts `shells`) and data literals (`data`) outside them read as empty too — the skeleton only decides
 * module units and which statements are library code, and an inert class or literal stays inert empty. `elided`: the
 * function and class bodies (what the unit finder reads from the outline instead of the AST); `extra`: how many
 * shells and data literals were added (the skeleton's AST is then not the final one).
 */
export function skeletonBlanks(code: string, outline: Outline, bodies: readonly Blank[]): { blanks: Blank[]; elided: Blank[]; extra: number } {
  const shells = outermostOutside([...(outline.shells ?? [])].sort((a, b) => a.open - b.open), bodies).map((d): Blank => ({ open: d.open, close: d.close, kind: 'class' }));
  let elided: Blank[] = bodies as Blank[];
  if (shells.length) {
    const inShell = new Ranges(shells);
    elided = [...bodies.filter((b) => !inShell.covers(b.open)), ...shells].sort((a, b) => a.open - b.open);
  }
  // A literal inside a method's body is recorded when it closes, before the data literal holding that method: sorted.
  const spans = [...(outline.data ?? [])].sort((a, b) => a.open - b.open);
  const data = outermostOutside(spans, elided).map((d): Blank => ({ open: d.open, close: d.close, kind: code.charCodeAt(d.open) === 91 ? 'array' : 'object' }));
  if (!data.length) return { blanks: elided, elided, extra: shells.length };
  // The bodies of a data literal's methods (`[{test:[/x/i], describe(t){…}}]`) go with it: not in the parsed text.
  const inData = new Ranges(data);
  elided = elided.filter((b) => !inData.covers(b.open));
  return { blanks: [...elided, ...data], elided, extra: shells.length + data.length };
}

/** Of `spans` (sorted by open), those not inside one of `around` (sorted, disjoint) nor inside an earlier kept span. */
function outermostOutside(spans: readonly DataSpan[], around: readonly Blank[]): DataSpan[] {
  const out: DataSpan[] = [];
  let k = -1; // the last of `around` opening before the span
  let last = -1;
  for (const d of spans) {
    if (d.open < last) continue;
    while (k + 1 < around.length && around[k + 1]!.open < d.open) k++;
    if (k >= 0 && around[k]!.close > d.open) continue;
    out.push(d);
    last = d.close;
  }
  return out;
}

/** The text with the inside of each blank replaced by spaces (a statement by `;` and spaces), line breaks kept. */
export function blankBodies(code: string, bodies: readonly Blank[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const b of [...bodies].sort((x, y) => x.open - y.open)) {
    if (b.open + 1 < at) continue; // nested in a body already blanked
    parts.push(code.slice(at, b.open + 1));
    blankInside(code, b, parts);
    at = b.close;
  }
  parts.push(code.slice(at));
  return parts.join('');
}

/** Pushes what replaces `code[b.open + 1, b.close)`: spaces with the line breaks kept (a statement starts with `;`). */
export function blankInside(code: string, b: Blank, parts: string[]): void {
  let inner = code.slice(b.open + 1, b.close);
  // A statement starts with a token, never a line break.
  if (b.kind === 'statement' && inner.length) {
    parts.push(';');
    inner = inner.slice(1);
  }
  let last = 0;
  LINE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINE_BREAK.exec(inner))) {
    parts.push(' '.repeat(m.index - last), m[0]);
    last = m.index + m[0].length;
  }
  parts.push(' '.repeat(inner.length - last));
}

/**
 * Characters blankBodies turns into spaces and line breaks (a statement's `;` aside): what is left of the text is an
 * upper bound of its tokens' characters, so the parse budget need not tokenize a text whose remainder is small.
 */
export function blankedChars(bodies: readonly Blank[]): number {
  let n = 0;
  let at = 0;
  for (const b of [...bodies].sort((x, y) => x.open - y.open)) {
    if (b.open + 1 < at) continue; // nested in a body already blanked
    n += Math.max(0, b.close - b.open - 1 - (b.kind === 'statement' ? 1 : 0));
    at = b.close;
  }
  return n;
}

const INTACT_TYPE = { body: 'BlockStatement', class: 'ClassBody', statement: 'EmptyStatement', init: 'VariableDeclarator', array: 'ArrayExpression', object: 'ObjectExpression' } as const;

/** Where the node a blank leaves in the parsed text starts, and where it ends and what it is. */
function intactNode(b: Blank): [number, { end: number; type: string }] {
  if (b.kind === 'statement') return [b.open + 1, { end: b.open + 2, type: INTACT_TYPE.statement }];
  // A declarator without its initializer: `name` alone.
  if (b.kind === 'init') return [b.id!, { end: b.open + 1, type: INTACT_TYPE.init }];
  return [b.open, { end: b.close + 1, type: INTACT_TYPE[b.kind ?? 'body'] }];
}

/**
 * True when every blanked body is the body of a function (or class) in the parsed text, and every blanked statement
 * an empty statement where it stood (the tokenizer read the structure as Babel does). A mismatch means the outline
 * misread something; the reader then parses the whole text.
 */
export function bodiesIntact(ast: t.File, bodies: Blank[]): boolean {
  if (!bodies.length) return true;
  const want = new Map<number, { end: number; type: string }>(bodies.map(intactNode));
  // Only subtrees spanning a wanted start are entered: most of a blanked text's AST holds none.
  const starts = [...want.keys()].sort((a, b) => a - b);
  let found = 0;
  const stack: t.Node[] = [ast.program];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.start != null && n.end != null) {
      const w = want.get(n.start);
      if (w && w.type === n.type && w.end === n.end && (n.type !== 'VariableDeclarator' || !n.init) && ++found === want.size) return true;
      if (!anyWithin(starts, n.start - 1, n.end)) continue;
    }
    pushChildren(n, stack);
  }
  return found === want.size;
}

/** Sorted, disjoint ranges `[open, close]` of blanks, with a membership test. */
export class Ranges {
  private readonly opens: number[];
  private readonly closes: number[];
  /** Blanked statements: start → end. */
  private readonly statementEnds = new Map<number, number>();
  private readonly sorted: Blank[];
  constructor(bodies: Blank[]) {
    const sorted = [...bodies].sort((a, b) => a.open - b.open);
    this.sorted = sorted;
    this.opens = sorted.map((b) => b.open);
    this.closes = sorted.map((b) => b.close);
    for (const b of sorted) if (b.kind === 'statement') this.statementEnds.set(b.open + 1, b.close);
    this.classes = sorted.filter((b) => b.kind === 'class').length;
    this.inits = sorted.filter((b) => b.kind === 'init').length;
  }

  get size(): number {
    return this.opens.length;
  }

  /** The blanks, sorted by `open`. */
  list(): readonly Blank[] {
    return this.sorted;
  }

  /** How many of the blanks are whole statements. */
  get statements(): number {
    return this.statementEnds.size;
  }

  /** How many of the blanks are class bodies. */
  readonly classes: number;

  /** How many of the blanks are declarators' initializers. */
  readonly inits: number;

  /** End of the blanked statement starting at `start`, if one does. */
  statementEnd(start: number): number | undefined {
    return this.statementEnds.get(start);
  }

  /** Characters blanked (inside the braces, or the whole statement). */
  get chars(): number {
    let n = 0;
    for (let i = 0; i < this.opens.length; i++) n += this.closes[i]! - this.opens[i]! - 1;
    return n;
  }

  has(open: number): boolean {
    const i = this.index(open);
    return i >= 0 && this.opens[i] === open;
  }

  /** True when the offset lies strictly inside a blanked body. */
  covers(offset: number): boolean {
    const i = this.index(offset);
    return i >= 0 && offset > this.opens[i]! && offset < this.closes[i]!;
  }

  /** Index of the last body opening at or before `offset`, or -1. */
  private index(offset: number): number {
    return firstAfter(this.opens.length, (i) => this.opens[i]!, offset) - 1;
  }
}

/**
 * Strings of the parsed code (from the AST) and of the blanked bodies (from the outline), in source order.
 * Names are kept once, at their first occurrence in either.
 */
export function mergeStrings(fromAst: RawString[], outline: Outline, blanked: Ranges): RawString[] {
  if (!blanked.size) return fromAst;
  const merged = fromAst.concat(outline.strings.filter((s) => blanked.covers(s.start)));
  merged.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return merged.filter((s) => {
    if (s.kind !== 'identifier') return true;
    if (seen.has(s.value)) return false;
    seen.add(s.value);
    return true;
  });
}

/** The outline's plain calls inside one blanked body (for the module-requires links). */
export function callsWithin(outline: Outline, open: number, close: number): TokenCall[] {
  const calls = outline.calls;
  const out: TokenCall[] = [];
  for (let i = firstAfter(calls.length, (k) => calls[k]!.start, open); i < calls.length && calls[i]!.start < close; i++) out.push(calls[i]!);
  return out;
}

/** `http://host…`, `ws://host…` or a bare cleartext scheme (`"ws:"`, `"http://"`) a URL may be built from. */
const CLEARTEXT_START = /^(?:http|ws):(?:\/\/([^/?#\s'"`]*))?/i;

/**
 * Offsets of literals a cleartext URL can start with (loopback and non-network hosts aside), ascending. With the
 * code, literals whose URL object never leaves its function (a feature test, containedUrlLiteral) are left out.
 */
export function cleartextLiteralOffsets(outline: Outline, nonNetwork: readonly string[], code?: string): number[] {
  const out: number[] = [];
  for (const s of outline.strings) {
    // `location.protocol === "http:"` tests a scheme; it does not build a URL.
    if (s.kind !== 'literal' || s.value.length < 3 || s.compared) continue;
    const c = s.value.charCodeAt(0) | 0x20;
    if (c !== 0x68 && c !== 0x77) continue; // h, w
    const m = CLEARTEXT_START.exec(s.value);
    if (!m) continue;
    const host = (m[1] ?? '').replace(/:\d*$/, '').toLowerCase();
    if (host && (isLoopbackHost(host) || hostListMatches(nonNetwork, host, s.value.slice(s.value.indexOf('//') + 2)))) continue;
    if (code !== undefined && containedUrlLiteral(code, outline, s.start, s.end)) continue;
    out.push(s.start);
  }
  return out;
}

// A URL object built from a cleartext literal that never leaves its function carries no cleartext URL to a sink:
// core-js's URL feature test (`var t = new URL("b?a=1", "http://a"); t.pathname = "c"; return t.href !== "http://a/c"
// || new URL("http://тест").host !== "xn--e1aybc"`) is the case that kept whole UMD factories parsed. Read from the
// text: the literal is an argument of `new URL(…)` (the input, or the base after a string input), and the object is
// either read at once for a part without the scheme, or held in a name whose every use in the innermost function
// holding it reads such a part, compares `href`/`origin`/`protocol`, or negates a member (`!u.toJSON`, a presence
// test: a boolean). Anything else — the object passed, returned,
// assigned on, spread, a name used otherwise or shadowed in a way the text cannot tell — keeps the literal.

/** Parts of a URL object that hold no scheme (what a sink could receive from them is no cleartext URL start). */
const SCHEMELESS_PART = /^\.\s*(?:host|hostname|port|pathname|search|searchParams|hash|username|password)\b(?!\s*\()/;
/** Parts that hold the scheme, compared at once (`u.href !== "…"`). */
const COMPARED_PART = /^\.\s*(?:href|origin|protocol)\s*(?:===?|!==?)/;
/** The same parts as the right operand of a comparison (`"…" !== u.href`): read, not built on. */
const SCHEME_PART_READ = /^\.\s*(?:href|origin|protocol)\b(?!\s*[.([])/;
const COMPARISON_BEFORE = /(?:===?|!==?)\s*$/;
/** A member only tested for presence, negated into a boolean (newer core-js: `!u.toJSON || …`), not called or built on. */
const NEGATED_MEMBER = /^\.\s*[\w$]+\b(?!\s*[.([=])/;
const NEGATION_BEFORE = /!\s*$/;
/** `new URL(` before the literal, or `new URL("…",` (the literal as the base of a string input). */
const URL_BEFORE = /new\s+URL\s*\(\s*(?:(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*,\s*)?$/;
/** What may follow the literal up to the constructor's `)`: nothing, or an `undefined` base. */
const URL_AFTER = /^\s*(?:,\s*(?:void 0|undefined)\s*)?\)/;
/** `var t = ` just before `new URL(` (an assignment elsewhere may be an argument: `f(t = new URL(…))`). */
const HELD_IN = /\b(?:var|let|const)\s+([\w$]+)\s*=\s*$/;
const LOOKBEHIND = 512;

/** Whether the URL object `code[at, end)` (a `new URL(…)` or a name holding one) is used for a part without the scheme or compared. */
function containedUse(code: string, at: number, end: number): boolean {
  const after = code.slice(end, end + 64);
  if (SCHEMELESS_PART.test(after) || COMPARED_PART.test(after)) return true;
  const before = code.slice(Math.max(0, at - 8), at);
  return (SCHEME_PART_READ.test(after) && COMPARISON_BEFORE.test(before)) || (NEGATED_MEMBER.test(after) && NEGATION_BEFORE.test(before));
}

export function containedUrlLiteral(code: string, outline: Outline, start: number, end: number): boolean {
  const before = URL_BEFORE.exec(code.slice(Math.max(0, start - LOOKBEHIND), start));
  if (!before) return false;
  const after = URL_AFTER.exec(code.slice(end, end + 32));
  if (!after) return false;
  const newAt = start - before[0].length;
  const close = end + after[0].length;
  if (containedUse(code, newAt, close)) return true;
  // Held in a name: the name's uses in the innermost function around the literal.
  const held = HELD_IN.exec(code.slice(Math.max(0, newAt - 64), newAt));
  if (!held || !/^(?:[\s,;]|$)/.test(code.slice(close, close + 1))) return false;
  const fn = innermostBody(outline, start);
  if (fn < 0) return false;
  const { open, close: fnClose } = outline.bodies[fn]!;
  const name = held[1]!;
  const shadowed = shadowingBodies(code, outline, fn, name);
  const uses = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  uses.lastIndex = open + 1;
  for (let m = uses.exec(code); m && m.index < fnClose; m = uses.exec(code)) {
    if (m.index >= newAt - held[0].length && m.index < newAt) continue; // the declaration itself
    const inner = shadowed.find((b) => b.from <= m!.index && m!.index < b.to);
    if (inner) {
      uses.lastIndex = inner.to;
      continue;
    }
    if (!containedUse(code, m.index, m.index + name.length)) return false;
  }
  return true;
}

/** The parameter list just before a function body's `{`: `function f(a, b) {`, `(a, b) => {`, `a => {`. */
const PARAMS_BEFORE = /(?:\(([^()]*)\)|([\w$]+))\s*(?:=>\s*)?$/;

/**
 * Functions nested in body `fn` that take a parameter named `name` (minifiers reuse short names): from their
 * parameter list to their closing brace, `name` is another binding. Destructured or defaulted parameters with
 * parentheses inside are not read (their uses then count, which only keeps more).
 */
function shadowingBodies(code: string, outline: Outline, fn: number, name: string): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  const end = outline.bodies[fn]!.close;
  for (let i = fn + 1; i < outline.bodies.length && outline.bodies[i]!.open < end; i++) {
    const b = outline.bodies[i]!;
    const before = code.slice(Math.max(0, b.open - 256), b.open);
    const m = PARAMS_BEFORE.exec(before);
    if (!m || !word.test(m[1] ?? m[2]!)) continue;
    if (!out.length || b.open > out[out.length - 1]!.to) out.push({ from: b.open - m[0].length, to: b.close });
  }
  return out;
}

/** Index of the innermost function body strictly around an offset (bodies are in the order they open), or -1. */
function innermostBody(outline: Outline, offset: number): number {
  const bodies = outline.bodies;
  // The last body opening before the offset, or the first of its enclosing bodies that closes after it.
  for (let i = firstAfter(bodies.length, (k) => bodies[k]!.open, offset) - 1; i >= 0; i = bodies[i]!.parent) {
    const b = bodies[i]!;
    if (b.open < offset && offset < b.close) return i;
  }
  return -1;
}

/**
 * The bodies to blank for one library body. A body holding a literal a cleartext URL can start with stays parsed,
 * down to the innermost function holding it (its large siblings are still blanked): the dataflow analysis must see
 * `new WebSocket((secure ? "wss:" : "ws:") + "//" + host + "?uid=" + uid)` inside an SDK, which RTC301 reports.
 */
export function libraryBlanks(outline: Outline, index: number, cleartext: number[], out: Blank[] = []): Blank[] {
  // Iterative (nesting may be deep), children in source order so `out` stays sorted.
  const stack = [index];
  while (stack.length) {
    const i = stack.pop()!;
    const b = outline.bodies[i]!;
    if (!anyWithin(cleartext, b.open, b.close)) out.push(b);
    else {
      const kids = frontierOf(outline, i);
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
    }
  }
  return out;
}

/** True when a sorted list of offsets has one strictly between `open` and `close`. */
export function anyWithin(sorted: number[], open: number, close: number): boolean {
  const i = firstAfter(sorted.length, (k) => sorted[k]!, open);
  return i < sorted.length && sorted[i]! < close;
}

/** In a list of `length` ascending keys, the index of the first key greater than `x` (`length` if none). */
export function firstAfter(length: number, key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
