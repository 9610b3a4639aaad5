// Scope-hoisted bundles (esbuild, Rollup, webpack's module concatenation) put a library's code in top-level
// statements: class shells, protobuf descriptor tables, enum IIFEs. Once a statement is known to be library code
// (vendors.ts), it can be blanked whole instead of body by body — unless code that stays parsed refers to a name
// it declares: the API matcher tells an SDK object by where its class is declared (`new Ye(…)` with `Ye` a class of
// the SDK), and the value resolver follows bindings. Those statements stay, but a class they declare keeps only
// its heading (`var Ye = class extends Ie.EventEmitter { }`): the matcher needs where the class is, not its members.
// App statements are blanked on the same terms when they are inert declarations holding no rule keyword: declaring
// a function, a class or a literal table runs no code, and without a keyword the statement holds no API call, no
// identifier source and no sink, so nothing it declares matters unless code that stays parsed names it.
import { getBindingIdentifiers } from './babel-bindings.js';
import type * as t from '@babel/types';
import { anyWithin, firstAfter, initBlank, statementBlank, type Blank } from './elide.js';
import type { ModuleUnit } from './modules.js';
import type { VendorRegions } from './vendors.js';

/** Statements shorter than this are parsed: blanking them saves less than the bookkeeping costs. */
const MIN_ELIDED_STATEMENT = 64;

/** A name as it appears in source: ASCII fast path, Unicode identifiers too. */
const IDENTIFIER = /[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*/gu;

/** ASCII characters of IDENTIFIER: bit 1 may start a name, bit 2 may continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z$_]/.test(ch)) ASCII_NAME[c] = 3;
  else if (/[0-9]/.test(ch)) ASCII_NAME[c] = 2;
}

/**
 * Calls `visit` with each match of IDENTIFIER in `text` from `from` whose start lies before `to` (a match may run
 * past `to`), as a global exec loop would, without a match object per word: ASCII names are read by a character
 * table; at a non-ASCII character, or where an ASCII name runs into one, the regex itself reads from there (its
 * leftmost match from a position before which no name starts is the loop's next match).
 */
export function forEachName(text: string, from: number, to: number, visit: (name: string) => void): void {
  const n = text.length;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 128 && !(ASCII_NAME[c]! & 1)) {
      i++;
      continue;
    }
    if (c < 128) {
      let j = i + 1;
      let d = 0;
      while (j < n && (d = text.charCodeAt(j)) < 128 && ASCII_NAME[d]! & 2) j++;
      if (j >= n || d < 128) {
        visit(text.slice(i, j));
        i = j;
        continue;
      }
    }
    IDENTIFIER.lastIndex = i;
    const m = IDENTIFIER.exec(text);
    if (!m || m.index >= to) return;
    visit(m[0]);
    i = m.index + m[0].length;
  }
}

/** Statement kinds whose only effect on the rest of the file is the names they declare or assign. */
const BLANKABLE = new Set(['VariableDeclaration', 'FunctionDeclaration', 'ClassDeclaration', 'ExpressionStatement']);

export interface HoistedInput {
  units: ModuleUnit[];
  regions: VendorRegions;
  /** Library statements may be blanked (not with a source map: there a position's origin is the map's, not the unit's). */
  library: boolean;
  /** True when `code[start, end)` holds no rule keyword (rules/keywords.ts). */
  keywordFree(start: number, end: number): boolean;
  /** Offsets of literals a cleartext URL can start with (elide.ts): their statements stay parsed. */
  cleartext: number[];
  /** The original text, scanned for names where it stays parsed. */
  code: string;
  /** Function bodies that will be blanked (disjoint): names used only inside them keep nothing. */
  blankedBodies?: Blank[];
}

/**
 * Leaf statement units (holding no module factory) of the blankable kinds that are classified as library code.
 * Their API calls are never reported; the analysis visitors skip those that stay parsed.
 */
export function libraryStatementUnits(units: ModuleUnit[], regions: VendorRegions): ModuleUnit[] {
  return units.filter((u, i) => u.kind === 'statement' && !!u.node && BLANKABLE.has(u.node.type) && isLeaf(units, i) && regions.originAt(u.start, u.line, u.column).library);
}

/** Units are sorted by start; a unit holding the next one is a container (a wrapper), not a leaf. */
function isLeaf(units: ModuleUnit[], i: number): boolean {
  const u = units[i]!;
  const next = units[i + 1];
  return !(next && next.start >= u.start && next.end <= u.end);
}

/**
 * A declaration whose evaluation runs no code: `function f(){…}`, `class C {…}` and `var a = …, b = …` whose
 * initializers are functions, classes, literals, names, and objects/arrays/templates/operators of those. Function
 * bodies do not count (they run when called, and calls come from code that names them); class heritage, computed
 * keys, static fields and static blocks do (they run at declaration).
 */
export function isInertDeclaration(node: t.Statement): boolean {
  if (node.type === 'FunctionDeclaration') return true;
  if (node.type === 'ClassDeclaration') return inertClass(node);
  if (node.type !== 'VariableDeclaration') return false;
  return node.declarations.every((d) => d.id.type === 'Identifier' && (!d.init || isInertExpression(d.init, 0)));
}

const MAX_INERT_DEPTH = 64;

function isInertExpression(node: t.Node, depth: number): boolean {
  if (depth > MAX_INERT_DEPTH) return false;
  const d = depth + 1;
  switch (node.type) {
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'Identifier':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
      return true;
    case 'ClassExpression':
      return inertClass(node);
    case 'TemplateLiteral':
      return node.expressions.every((e) => isInertExpression(e, d));
    case 'ArrayExpression':
      return node.elements.every((e) => e === null || (e.type !== 'SpreadElement' && isInertExpression(e, d)));
    case 'ObjectExpression':
      return node.properties.every((p) => {
        if (p.type === 'SpreadElement' || p.computed) return false;
        return p.type === 'ObjectMethod' || isInertExpression(p.value, d);
      });
    case 'UnaryExpression':
      return node.operator !== 'delete' && isInertExpression(node.argument, d);
    case 'BinaryExpression':
      // `in` and `instanceof` may run a proxy trap or Symbol.hasInstance; other operators at most call valueOf.
      return node.operator !== 'in' && node.operator !== 'instanceof' && isInertExpression(node.left, d) && isInertExpression(node.right, d);
    case 'LogicalExpression':
    case 'ConditionalExpression':
      return (node.type === 'LogicalExpression' ? [node.left, node.right] : [node.test, node.consequent, node.alternate]).every((e) => isInertExpression(e, d));
    default:
      return false;
  }
}

function inertClass(node: t.ClassDeclaration | t.ClassExpression): boolean {
  if (node.superClass && node.superClass.type !== 'Identifier') return false;
  if (node.decorators?.length) return false;
  return node.body.body.every((m) => {
    if (m.type === 'StaticBlock') return false;
    if ('decorators' in m && m.decorators?.length) return false;
    if ('computed' in m && m.computed) return false;
    if ((m.type === 'ClassProperty' || m.type === 'ClassPrivateProperty' || m.type === 'ClassAccessorProperty') && m.static && m.value) return isInertExpression(m.value, 0);
    return true;
  });
}

/**
 * Statements to blank whole: leaf statement units classified as library code or inert keyword-free app
 * declarations, holding no cleartext URL start, none of whose declared names occurs in the text that stays parsed
 * (directly or through another statement kept for that reason). Names are matched as words of the
 * text — inside strings and comments too, which only keeps more. Kept library statements that declare a class get
 * their class body blanked instead.
 */
export function blankableStatements(input: HoistedInput): Blank[] {
  const { units, regions, cleartext, code } = input;
  const library = new Set(input.library ? libraryStatementUnits(units, regions) : []);
  const candidates = units.filter(
    (u, i) =>
      u.kind === 'statement' &&
      u.node !== undefined &&
      u.end - u.start >= MIN_ELIDED_STATEMENT &&
      (library.has(u) || (isLeaf(units, i) && isInertDeclaration(u.node) && input.keywordFree(u.start, u.end))) &&
      !anyWithin(cleartext, u.start - 1, u.end),
  );
  if (!candidates.length) return [];

  // Each candidate is one piece, or one per declarator for `var a = …, b = …` (`let` too; `const` needs its
  // initializers): a kept statement keeps only the declarators parsed code names, the others lose their initializer.
  const pieces = candidates.flatMap((u, k) => piecesOf(u.node!, k, library.has(u)));
  const declaredBy = new Map<string, number[]>();
  pieces.forEach((p, k) => {
    for (const name of p.names) {
      const list = declaredBy.get(name);
      if (list) list.push(k);
      else declaredBy.set(name, [k]);
    }
  });
  const kept = new Uint8Array(pieces.length);
  const queue: number[] = [];
  const scan = (text: string, from: number, to: number) => {
    if (to <= from) return;
    forEachName(text, from, to, (name) => {
      const owners = declaredBy.get(name);
      if (!owners) return;
      for (const k of owners) {
        if (kept[k]) continue;
        kept[k] = 1;
        queue.push(k);
      }
    });
  };
  // What stays parsed is the text minus the blanked bodies (and minus the statements that end up blanked): names
  // used only inside a blanked body keep nothing declared.
  // The getters of a namespace export (esbuild's `__export(ns, {Room: () => Ye})`) name what a module exports, not
  // what the code uses: the matcher and the value resolver never read a namespace object through them.
  const blanked = (input.blankedBodies ?? [])
    .map((b) => ({ start: b.open + 1, end: b.close }))
    .concat(units.flatMap((u) => (u.kind === 'statement' && u.node && !library.has(u) ? exportGetterSpans(u.node) : [])))
    .sort((a, b) => a.start - b.start);
  const scanParsed = (from: number, to: number) => {
    // From the first blanked body ending after `from` (bodies are disjoint and sorted).
    let at = from;
    for (let i = firstAfter(blanked.length, (k) => blanked[k]!.end, from); i < blanked.length && blanked[i]!.start < to; i++) {
      if (blanked[i]!.start > at) scan(code, at, blanked[i]!.start);
      at = Math.max(at, blanked[i]!.end);
    }
    if (at < to) scan(code, at, to);
  };
  let at = 0;
  for (const u of candidates) {
    scanParsed(at, u.start);
    at = u.end;
  }
  scanParsed(at, code.length);
  // A kept piece is parsed too (its blanked bodies, and the class body of a kept library class, aside): the
  // names it uses must stay declared. An app class keeps its body: the dataflow may follow a call into its methods.
  while (queue.length) {
    const p = pieces[queue.pop()!]!;
    if (p.classBody) {
      scanParsed(p.start, p.classBody.open + 1);
      scanParsed(p.classBody.close, p.end);
    } else scanParsed(p.start, p.end);
  }
  const out: Blank[] = [];
  for (let k = 0; k < pieces.length; ) {
    const u = pieces[k]!.unit;
    let end = k;
    while (end < pieces.length && pieces[end]!.unit === u) end++;
    const group = pieces.slice(k, end);
    const keptHere = group.map((_, j) => kept[k + j] === 1);
    if (!keptHere.some(Boolean)) out.push(statementBlank(candidates[u]!.start, candidates[u]!.end));
    else group.forEach((p, j) => (keptHere[j] ? p.classBody && out.push(p.classBody) : p.init && out.push(p.init)));
    k = end;
  }
  return out;
}

/** Part of a candidate statement that stays or goes with the names it declares. */
interface Piece {
  /** Index of the candidate statement. */
  unit: number;
  start: number;
  end: number;
  names: string[];
  /** The body of a library class it declares, blanked when the piece stays. */
  classBody?: Blank;
  /** A declarator's initializer, blanked when the piece goes but its statement stays. */
  init?: Blank;
}

function piecesOf(node: t.Statement, unit: number, library: boolean): Piece[] {
  if (node.type === 'VariableDeclaration' && node.kind !== 'const' && node.declarations.length > 1 && node.declarations.every((d) => d.id.type === 'Identifier' && d.start != null && d.end != null)) {
    return node.declarations.map((d) => {
      const id = d.id as t.Identifier;
      const p: Piece = { unit, start: d.start!, end: d.end!, names: [id.name] };
      if (library && d.init?.type === 'ClassExpression') p.classBody = bodyOfClass(d.init);
      if (d.init && id.end != null) p.init = initBlank(d.start!, id.end, d.end!);
      return p;
    });
  }
  return [{ unit, start: node.start!, end: node.end!, names: declaredNames(node), classBody: library ? classBodyOf(node) : undefined }];
}

/**
 * Spans of the getter tables of namespace exports in a statement: `f(ns, {a: () => A, b: () => B})` (esbuild's
 * `__export`), alone or in a sequence, every property an arrow returning a name.
 */
function exportGetterSpans(node: t.Statement): Array<{ start: number; end: number }> {
  if (node.type !== 'ExpressionStatement') return [];
  const exprs = node.expression.type === 'SequenceExpression' ? node.expression.expressions : [node.expression];
  const out: Array<{ start: number; end: number }> = [];
  for (const e of exprs) {
    if (e.type !== 'CallExpression' || e.arguments.length !== 2 || e.callee.type !== 'Identifier' || e.arguments[0]!.type !== 'Identifier') continue;
    const table = e.arguments[1]!;
    if (table.type !== 'ObjectExpression' || table.start == null || table.end == null || !table.properties.length) continue;
    const getters = table.properties.every(
      (p) => p.type === 'ObjectProperty' && !p.computed && p.value.type === 'ArrowFunctionExpression' && !p.value.params.length && p.value.body.type === 'Identifier',
    );
    if (getters) out.push({ start: table.start, end: table.end });
  }
  return out;
}

/** The body of the class a statement declares (`class X {…}`, `var X = class … {…}`), when long enough to blank. */
function classBodyOf(node: t.Statement): Blank | undefined {
  let cls: t.Node | null | undefined;
  if (node.type === 'ClassDeclaration') cls = node;
  else if (node.type === 'VariableDeclaration' && node.declarations.length === 1) cls = node.declarations[0]!.init;
  if (!cls || (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression')) return undefined;
  return bodyOfClass(cls);
}

function bodyOfClass(cls: t.ClassDeclaration | t.ClassExpression): Blank | undefined {
  const { start, end } = cls.body;
  if (start == null || end == null || end - start < MIN_ELIDED_CLASS_BODY) return undefined;
  return { open: start, close: end - 1, kind: 'class' };
}

/** Class bodies shorter than this stay (as function bodies under elide.ts's MIN_ELIDED_BODY do). */
const MIN_ELIDED_CLASS_BODY = 256;

/**
 * Names a statement declares, or assigns at its top (`X = …`, `X.y = …`, `(function (e) {…})(X || (X = {}))`).
 * esbuild's `__export(ns, {Room: () => Ye})` is not an assignment: neither the matcher nor the value resolver
 * reads a namespace object through it.
 */
function declaredNames(node: t.Statement): string[] {
  if (node.type !== 'ExpressionStatement') return Object.keys(getBindingIdentifiers(node, false, true)); // outer names only, not parameters
  const out: string[] = [];
  const stack: t.Node[] = [node.expression];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'AssignmentExpression') {
      let target: t.Node = n.left;
      while (target.type === 'MemberExpression') target = target.object;
      if (target.type === 'Identifier') out.push(target.name);
      // `[a, b] = …`, `({a, b} = …)`: every name the pattern assigns.
      else if (target.type === 'ArrayPattern' || target.type === 'ObjectPattern') out.push(...Object.keys(getBindingIdentifiers(target)));
      stack.push(n.right);
    } else if (n.type === 'SequenceExpression') stack.push(...n.expressions);
    else if (n.type === 'CallExpression') stack.push(...n.arguments);
    else if (n.type === 'LogicalExpression') stack.push(n.left, n.right);
    else if (n.type === 'UnaryExpression') stack.push(n.argument);
  }
  return out;
}
