// Finds the module boundaries bundlers leave in their output, so code can be attributed to a package:
// Metro `__d(factory, id, deps, name)`, webpack module tables, esbuild/rollup CommonJS wrappers
// (`var X = W((exports, module) => {…})`), and plain top-level statements (scope-hoisted ESM), which carry
// esbuild's `// node_modules/pkg/file.js` comments when the bundle is not minified.
import { pushChildren } from './children.js';
import type * as t from '@babel/types';
import type { TokenCall } from './outline.js';

export type UnitKind = 'metro' | 'webpack' | 'cjs-wrapper' | 'statement';

export interface ModuleUnit {
  kind: UnitKind;
  start: number;
  end: number;
  /** Metro/webpack module id, or the wrapper's variable name for esbuild/rollup wrappers. */
  id?: string;
  /** Module path when the bundle names it (Metro verbose names, webpack dev keys, esbuild comments). */
  path?: string;
  /** Metro: ids of the dependencies, indexed like the factory's dependency-map parameter. */
  deps?: string[];
  /** The module factory (Metro/webpack/wrapper). */
  factory?: t.Function | t.ObjectMethod;
  /** The statement, for `statement` units. */
  node?: t.Statement;
  /** Vendor id once classified (see vendors.ts). */
  vendor?: string;
  /** The npm package the unit belongs to, when its path says so. */
  pkg?: string;
  /** 1-based line and column of the unit's start (for source-map lookups). */
  line: number;
  column: number;
  /** Ids of the units this unit loads (wrapper names called as `X()`, webpack `n(id)`, Metro deps). */
  requires?: string[];
  /**
   * webpack: the factory is an ES module (`n.r(t)` first), which may be several modules concatenated, app and
   * library; a factory without it is one CommonJS file.
   */
  esm?: true;
}

/** `node_modules/@scope/name/…` or `node_modules/name/…` → package name. */
import { packageOfPath } from '../../core/paths.js';
import { anyInRange } from '../../core/sorted.js';
export { packageOfPath };

const isFn = (n: t.Node | null | undefined): n is t.FunctionExpression | t.ArrowFunctionExpression =>
  !!n && (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression');

function keyName(key: t.Node): string | undefined {
  if (key.type === 'NumericLiteral') return String(key.value);
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'Identifier') return key.name;
  return undefined;
}

/**
 * A unit starting at `at`, every field set here in one order (undefined where absent) so that all units share one
 * shape: made in five shapes, with `pkg`, `vendor` and `requires` added later, they made the classifier's lookups
 * (vendors.ts `unitAt`, `leafIndexAt`, `vendorOfUnit`) bail out of optimised code with *wrong map*.
 */
function makeUnit(kind: UnitKind, start: number, end: number, at: t.Node, more: Pick<ModuleUnit, 'id' | 'path' | 'deps' | 'factory' | 'node'>): ModuleUnit {
  return {
    kind,
    start,
    end,
    id: more.id,
    path: more.path,
    deps: more.deps,
    factory: more.factory,
    node: more.node,
    vendor: undefined,
    pkg: undefined,
    line: at.loc?.start.line ?? 1,
    column: (at.loc?.start.column ?? 0) + 1,
    requires: undefined,
    esm: undefined,
  };
}

/** How the unit finder sees a text whose library function bodies were blanked (elide.ts). */
export interface UnitOptions {
  /** Called with each function body the finder looks into for units (a wrapping IIFE, a UMD factory). */
  entered?: (body: t.BlockStatement) => void;
  /**
   * Blanked bodies and statements: their plain calls come from the outline (`require_x()`, `n(123)`); a blanked
   * statement (an empty statement in the AST) keeps its original extent.
   */
  elided?: {
    has(open: number): boolean;
    calls(open: number, close: number): TokenCall[];
    statementEnd(start: number): number | undefined;
    /** Little of the text is left to parse (prepare.ts MOSTLY_BLANKED): walking its AST costs less than scanning the text for names. */
    mostly?: boolean;
  };
  /** The script's text: the head of a function body (blanked or not) tells a Rollup CommonJS loader. */
  code?: string;
}

/**
 * Rollup's CommonJS plugin (what Vite builds with) turns each CommonJS module into a memoised loader,
 * `function requireX(){if(F)return E;F=1;…;return E}`, minified `function a(){return F||(F=1,…),E}`: a module
 * unit like esbuild's `require_x = __commonJS(…)`. Told by that head, not by the name.
 */
const ROLLUP_REQUIRE_HEAD = /^\{\s*(?:if\s*\(([\w$]+)\)\s*return\b[^;{}]*;\s*\1\s*=\s*1\b|return\s+([\w$]+)\s*\|\|\s*\(\s*\2\s*=\s*1\b)/;

export function isRollupLoader(fn: t.FunctionDeclaration, code: string | undefined): boolean {
  if (!code || fn.params.length || fn.async || fn.generator || fn.body.start == null) return false;
  return ROLLUP_REQUIRE_HEAD.test(code.slice(fn.body.start, fn.body.start + 300));
}

/** Body statements of the bundle: the program, or the body of a single wrapping IIFE. */
function topStatements(program: t.Program, opts: UnitOptions): t.Statement[] {
  let body = program.body;
  for (let depth = 0; depth < 3; depth++) {
    const real = body.filter((s) => s.type !== 'EmptyStatement' && !(s.type === 'ExpressionStatement' && s.expression.type === 'StringLiteral'));
    if (real.length !== 1) break;
    const only = real[0]!;
    // `(() => {…})()`, or an IIFE whose result the bundle names (esbuild's and Rollup's `--global-name`/`name`:
    // `var App = (() => {…})();`).
    const named = only.type === 'VariableDeclaration' && only.declarations.length === 1 ? only.declarations[0]!.init : undefined;
    if (only.type !== 'ExpressionStatement' && !named) break;
    let e: t.Expression = only.type === 'ExpressionStatement' ? only.expression : named!;
    if (e.type === 'UnaryExpression') e = e.argument;
    if (e.type !== 'CallExpression') break;
    const callee = e.callee;
    const fn = isFn(callee) ? callee : callee.type === 'MemberExpression' && isFn(callee.object) ? callee.object : undefined;
    if (!fn || fn.body.type !== 'BlockStatement') break;
    opts.entered?.(fn.body);
    body = fn.body.body;
  }
  // webpack 5 inlines the entry module and the ES modules concatenated with it into one statement-level IIFE of the
  // bootstrap (`!function(){"use strict";…}()`): its statements are the app's and each library's, not one unit.
  const bootstrap = body.some((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => d.init && webpackTable(d.init)));
  if (!bootstrap) return body;
  return body.flatMap((s) => {
    const fn = statementIife(s);
    if (!fn || (fn.body.end ?? 0) - (fn.body.start ?? 0) < MIN_SPLIT_IIFE) return [s];
    opts.entered?.(fn.body);
    return fn.body.body;
  });
}

/** Statement-level IIFEs at least this long are split into their statements (a concatenated entry). */
const MIN_SPLIT_IIFE = 4 * 1024;

export function statementIife(s: t.Statement): (t.FunctionExpression | t.ArrowFunctionExpression) & { body: t.BlockStatement } | undefined {
  if (s.type !== 'ExpressionStatement') return undefined;
  let e: t.Expression = s.expression;
  // Minified runtimes join their helper assignments and the entry call with commas: `n.g=…,(()=>{…})()`.
  if (e.type === 'SequenceExpression') e = e.expressions[e.expressions.length - 1]!;
  if (e.type === 'UnaryExpression') e = e.argument;
  if (e.type !== 'CallExpression' || e.arguments.length) return undefined;
  const fn = e.callee;
  return isFn(fn) && fn.body.type === 'BlockStatement' && !fn.params.length ? (fn as (t.FunctionExpression | t.ArrowFunctionExpression) & { body: t.BlockStatement }) : undefined;
}

/** Webpack module table: an object or array whose members are mostly `function(module, exports, require)`. */
function webpackTable(node: t.Node): Array<{ id: string; fn: t.Function | t.ObjectMethod; path?: string }> | undefined {
  const out: Array<{ id: string; fn: t.Function | t.ObjectMethod; path?: string }> = [];
  if (node.type === 'ObjectExpression') {
    if (node.properties.length < 2) return undefined;
    for (const p of node.properties) {
      if (p.type === 'ObjectProperty' && isFn(p.value) && p.value.params.length <= 3) {
        const id = keyName(p.key);
        if (id !== undefined) out.push({ id, fn: p.value, path: /[/.]/.test(id) ? id : undefined });
      } else if (p.type === 'ObjectMethod' && p.params.length <= 3) {
        const id = keyName(p.key);
        if (id !== undefined) out.push({ id, fn: p, path: /[/.]/.test(id) ? id : undefined });
      }
    }
    const numericOrPath = out.filter((m) => /^\d+$/.test(m.id) || m.path).length;
    return out.length >= 2 && out.length >= node.properties.length * 0.8 && numericOrPath === out.length ? out : undefined;
  }
  if (node.type === 'ArrayExpression') {
    if (node.elements.length < 2) return undefined;
    node.elements.forEach((el, i) => {
      if (isFn(el) && el.params.length <= 3) out.push({ id: String(i), fn: el });
    });
    return out.length >= 2 && out.length >= node.elements.length * 0.8 ? out : undefined;
  }
  return undefined;
}

/** esbuild/rollup CommonJS or lazy-ESM wrapper: `W((e, t) => {…})` or `W({"path"(e, t) {…}})`. */
function wrapperFactory(init: t.Node | null | undefined): { fn: t.Function | t.ObjectMethod; path?: string } | undefined {
  if (!init || init.type !== 'CallExpression' || init.arguments.length !== 1) return undefined;
  if (init.callee.type !== 'Identifier') return undefined;
  const arg = init.arguments[0]!;
  if (isFn(arg) && arg.params.length <= 2 && arg.body.type === 'BlockStatement') return { fn: arg };
  if (arg.type === 'ObjectExpression' && arg.properties.length === 1) {
    const p = arg.properties[0]!;
    if (p.type === 'ObjectMethod' && p.params.length <= 2) return { fn: p, path: keyName(p.key) };
    if (p.type === 'ObjectProperty' && isFn(p.value) && p.value.params.length <= 2) return { fn: p.value, path: keyName(p.key) };
  }
  return undefined;
}

/**
 * Comments that name the module that follows: esbuild `// node_modules/x/y.js`, `// src/app.ts`, and a file at the
 * project's root, `// app.js` (`bare`: trusted only between top-level statements, where esbuild writes them — in
 * a function body the same text is just a comment).
 */
function pathComments(ast: t.File): Array<{ start: number; path: string; bare: boolean }> {
  const out: Array<{ start: number; path: string; bare: boolean }> = [];
  for (const c of ast.comments ?? []) {
    if (c.type !== 'CommentLine') continue;
    const v = c.value.trim();
    if (/^[\w@.~-][\w@.~/+-]*\.(?:[cm]?[jt]sx?|json|vue|svelte)$/.test(v)) out.push({ start: c.start ?? 0, path: v, bare: !v.includes('/') });
  }
  return out;
}

/** All module units of a bundle, sorted by start offset; nested units (webpack inside an IIFE) are included. */
export function findModuleUnits(ast: t.File, opts: UnitOptions = {}): ModuleUnit[] {
  const units: ModuleUnit[] = [];
  const stmts = topStatements(ast.program, opts);
  const comments = pathComments(ast);
  let ci = 0;
  let currentPath: string | undefined;
  let previousEnd = 0;
  for (const s of stmts) {
    const start = s.start ?? 0;
    for (; ci < comments.length && comments[ci]!.start < start; ci++) {
      const c = comments[ci]!;
      // Without one, the app's root file (`// app.js`) went on as the package before it: its code was that vendor's.
      if (!c.bare || c.start >= previousEnd) currentPath = c.path;
    }
    previousEnd = s.end ?? start;
    const found = unitsInStatement(s, opts);
    if (found.length) units.push(...found);
    const end = (s.type === 'EmptyStatement' && opts.elided?.statementEnd(start)) || (s.end ?? start);
    units.push(makeUnit('statement', start, end, s, { path: currentPath, node: s }));
  }
  for (const u of units) if (u.path) u.pkg = packageOfPath(u.path);
  units.sort((a, b) => a.start - b.start || b.end - a.end);
  linkRequires(units, opts);
  return units;
}

/** Fills `requires` of factory units: which other units each one loads. */
function linkRequires(units: ModuleUnit[], opts: UnitOptions): void {
  const wrapperIds = new Set(units.filter((u) => u.kind === 'cjs-wrapper' && u.id).map((u) => u.id!));
  const factories = new Set<t.Node>(units.flatMap((u) => (u.factory ? [u.factory] : [])));
  let mentions: WrapperMentions | undefined;
  for (const u of units) {
    if (u.kind === 'metro') {
      u.requires = (u.deps ?? []).filter(Boolean);
      continue;
    }
    if (u.kind === 'statement' && u.node?.type === 'EmptyStatement' && opts.elided?.statementEnd(u.start) !== undefined) {
      // A blanked statement: the wrappers it runs, from the outline.
      u.requires = [...new Set(opts.elided.calls(u.start - 1, u.end).flatMap((c) => (!c.arg && wrapperIds.has(c.callee) ? [c.callee] : [])))];
      continue;
    }
    let root: t.Node | undefined;
    if (u.kind === 'statement') root = u.node;
    else if (u.factory && (u.kind === 'cjs-wrapper' || u.kind === 'webpack')) root = u.factory.body;
    if (!root) continue;
    const loaderParam = u.kind === 'webpack' ? u.factory?.params[2] : undefined;
    const loader = loaderParam?.type === 'Identifier' ? loaderParam.name : undefined;
    // Only calls of a wrapper or of the webpack loader count: without either, walking the unit's AST finds nothing
    // (a scope-hoisted bundle's hundreds of statements), nor where no wrapper's name occurs in the unit's text (looked
    // up unless little of the text is left to parse: then its small AST is cheaper to walk than the text is to scan).
    if ((!wrapperIds.size && !loader) || (!loader && opts.code !== undefined && !opts.elided?.mostly && root.start != null && root.end != null && !(mentions ??= wrapperMentions(opts.code, wrapperIds)).within(root.start, root.end))) {
      u.requires = [];
      continue;
    }
    const found = new Set<string>();
    const stack: t.Node[] = [root];
    let budget = 200_000;
    while (stack.length && --budget > 0) {
      const n = stack.pop()!;
      if (n !== root && factories.has(n)) continue; // a nested module is not this unit's code
      if ((n.type === 'BlockStatement' || n.type === 'ClassBody') && n.start != null && n.end != null && opts.elided?.has(n.start)) {
        for (const c of opts.elided.calls(n.start, n.end - 1)) {
          if (!c.arg && wrapperIds.has(c.callee) && c.callee !== u.id) found.add(c.callee);
          else if (loader && c.callee === loader && c.arg?.kind === 'number') found.add(String(Number(c.arg.value)));
        }
        continue;
      }
      if (n.type === 'CallExpression' && n.callee.type === 'Identifier') {
        const a0 = n.arguments[0];
        if (n.arguments.length === 0 && wrapperIds.has(n.callee.name) && n.callee.name !== u.id) found.add(n.callee.name);
        else if (loader && n.callee.name === loader && n.arguments.length === 1 && a0?.type === 'NumericLiteral') found.add(String(a0.value));
      }
      pushChildren(n, stack);
    }
    u.requires = [...found];
  }
}

/** webpack's ESM factory head: `"use strict";n.r(t)` (`__webpack_require__.r(__webpack_exports__)`). */
const WEBPACK_ESM_HEAD = /^\{\s*(?:(["'])use strict\1;?\s*)?[\w$]+\.r\([\w$]+\)/;

function webpackUnit(m: { id: string; fn: t.Function | t.ObjectMethod; path?: string }, opts: UnitOptions): ModuleUnit {
  const u = makeUnit('webpack', m.fn.start ?? 0, m.fn.end ?? 0, m.fn, { id: m.id, path: m.path, factory: m.fn });
  const body = m.fn.body;
  if (opts.code && body.type === 'BlockStatement' && body.start != null && WEBPACK_ESM_HEAD.test(opts.code.slice(body.start, body.start + 120))) u.esm = true;
  return u;
}

interface WrapperMentions {
  /** True when a wrapper's name may occur in `[start, end)`. */
  within(start: number, end: number): boolean;
}

/** ASCII characters of a name (`[A-Za-z0-9_$]`); any other character ends one. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHAR[c] = /[\w$]/.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * Where a wrapper's name occurs in the text as a word (in code, strings or comments alike), and every `\u` (a name
 * may be written with escapes): a unit whose text holds neither cannot call a wrapper, so its AST is not walked
 * (a Vite build's thousands of statements, each walked whole before).
 */
function wrapperMentions(code: string, ids: ReadonlySet<string>): WrapperMentions {
  const at = wrapperWordOffsets(code, ids);
  return at ? { within: (start, end) => anyInRange(at, start, end) } : { within: () => true };
}

/**
 * Wrapper names looked up one by one with `indexOf` up to this many; with more, one pass reads every word of the text.
 * A lookup runs at memory speed, the word pass is a JS loop per character, about as costly as 10–20 lookups (more
 * where a name is a common part of longer words): livekit's bench bundle (0.60 MB, 7 names) 4 ms by the word pass,
 * 0.5 ms by lookups; the Vite build of livekit-diagnostics (1.3 MB) with 7 names 9 and 0.7 ms, with 45 names 9 and
 * 10 ms; DIBS's (2.9 MB, long `require…` names) 26 and 15 ms with 7 names, 26 and 35 with 16.
 */
const MAX_LOOKED_UP_IDS = 8;

/**
 * Sorted offsets of the words of `code` that are one of `ids`, and of every `\u`; undefined when a name has a
 * character other than ASCII name characters (`[A-Za-z0-9_$]`), which could then hide anywhere. Words are runs of
 * ASCII name characters: reading them so only splits more than Babel does (a non-ASCII letter ends a word), so no
 * occurrence Babel would read as an ASCII name is missed. A `\u` is not part of a word (the word after it starts
 * after the `u`).
 */
export function wrapperWordOffsets(code: string, ids: ReadonlySet<string>): number[] | undefined {
  for (const id of ids) {
    if (!id.length) return undefined;
    for (let k = 0; k < id.length; k++) if (!isNameChar(id.charCodeAt(k))) return undefined;
  }
  return ids.size > MAX_LOOKED_UP_IDS ? scanWords(code, ids) : lookUpWords(code, ids);
}

function isNameChar(c: number): boolean {
  return c < 128 && NAME_CHAR[c] === 1;
}

/** Each name (and `\u`) found with `indexOf`, kept where it stands as a whole word. */
function lookUpWords(code: string, ids: ReadonlySet<string>): number[] {
  const at: number[] = [];
  for (let p = code.indexOf('\\u'); p >= 0; p = code.indexOf('\\u', p + 2)) at.push(p);
  for (const id of ids) {
    for (let p = code.indexOf(id); p >= 0; p = code.indexOf(id, p + 1)) {
      const end = p + id.length;
      if (end < code.length && isNameChar(code.charCodeAt(end))) continue;
      // A word starts after a character that is no name character, or after a `\u`'s `u` (that `u` is no word).
      const before = p > 0 ? code.charCodeAt(p - 1) : 32;
      if (before === 92 && code.charCodeAt(p) === 117) continue;
      if (isNameChar(before) && !(before === 117 && p > 1 && code.charCodeAt(p - 2) === 92)) continue;
      at.push(p);
    }
  }
  return at.sort((a, b) => a - b);
}

/**
 * One pass over the words of the text. Only words of a wrapper name's length that start as one does are compared
 * (most words of minified code are neither: the scan would otherwise cut out nearly every word).
 */
function scanWords(code: string, ids: ReadonlySet<string>): number[] {
  const at: number[] = [];
  let minLength = Infinity;
  let maxLength = 0;
  const starts = new Uint8Array(128);
  for (const id of ids) {
    minLength = Math.min(minLength, id.length);
    maxLength = Math.max(maxLength, id.length);
    starts[id.charCodeAt(0)] = 1;
  }
  for (let i = 0; i < code.length; ) {
    const c = code.charCodeAt(i);
    if (c === 92 /* \ */ && code.charCodeAt(i + 1) === 117 /* u */) {
      at.push(i);
      i += 2;
      continue;
    }
    if (c >= 128 || !NAME_CHAR[c]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < code.length) {
      const d = code.charCodeAt(j);
      if (d >= 128 || !NAME_CHAR[d]) break;
      j++;
    }
    if (j - i >= minLength && j - i <= maxLength && starts[c] && ids.has(code.slice(i, j))) at.push(i);
    i = j;
  }
  return at;
}

function unitsInStatement(s: t.Statement, opts: UnitOptions): ModuleUnit[] {
  const out: ModuleUnit[] = [];
  // Metro: __d(factory, id, deps, name) possibly inside a sequence.
  const visitExpr = (e: t.Node | null | undefined, depth: number): void => {
    if (!e || depth > 4) return;
    if (e.type === 'SequenceExpression') return e.expressions.forEach((x) => visitExpr(x, depth + 1));
    if (e.type === 'UnaryExpression') return visitExpr(e.argument, depth + 1);
    if (e.type === 'AssignmentExpression') return visitExpr(e.right, depth + 1);
    if (e.type !== 'CallExpression') return;
    const [a0, a1, a2, a3] = e.arguments;
    if (e.callee.type === 'Identifier' && e.callee.name === '__d' && isFn(a0)) {
      const id = a1 && a1.type === 'NumericLiteral' ? String(a1.value) : a1 && a1.type === 'StringLiteral' ? a1.value : undefined;
      const deps =
        a2 && a2.type === 'ArrayExpression'
          ? a2.elements.map((d) => (d && d.type === 'NumericLiteral' ? String(d.value) : d && d.type === 'StringLiteral' ? d.value : ''))
          : [];
      const path = a3 && a3.type === 'StringLiteral' ? a3.value : undefined;
      out.push(makeUnit('metro', a0.start ?? 0, a0.end ?? 0, a0, { id, deps, path, factory: a0 }));
      return;
    }
    // Webpack: (self.webpackChunk = …).push([[ids], {id: fn}]), bootstrap IIFE ({id: fn}), or array of fns.
    for (const arg of e.arguments) {
      const cands: t.Node[] = arg.type === 'ArrayExpression' ? [arg, ...arg.elements.filter((x): x is t.Expression => !!x)] : [arg];
      for (const c of cands) {
        const table = webpackTable(c);
        if (table) for (const m of table) out.push(webpackUnit(m, opts));
      }
    }
    if (isFn(e.callee) && e.callee.body.type === 'BlockStatement' && depth === 0) {
      // A non-top-level IIFE (e.g. UMD) may hold a webpack table in a var.
      opts.entered?.(e.callee.body);
      for (const inner of e.callee.body.body) out.push(...unitsInStatement(inner, opts));
    }
  };
  if (s.type === 'FunctionDeclaration' && s.id && isRollupLoader(s, opts.code)) {
    out.push(makeUnit('cjs-wrapper', s.body.start ?? 0, s.body.end ?? 0, s.body, { id: s.id.name, factory: s }));
    return out;
  }
  if (s.type === 'ExpressionStatement') visitExpr(s.expression, 0);
  else if (s.type === 'VariableDeclaration') {
    for (const d of s.declarations) {
      const w = wrapperFactory(d.init);
      if (w && d.id.type === 'Identifier') {
        out.push(makeUnit('cjs-wrapper', w.fn.start ?? 0, w.fn.end ?? 0, w.fn, { id: d.id.name, path: w.path, factory: w.fn }));
        continue;
      }
      if (d.init) {
        const table = webpackTable(d.init);
        if (table) for (const m of table) out.push(webpackUnit(m, opts));
        else visitExpr(d.init, 1);
      }
    }
  }
  return out;
}
